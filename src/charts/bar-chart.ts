// Horizontal bar chart as an SVG string: one row per item (label, bar, value). Used for the
// candidates' totals in the report (pdfmake svg node) and inline on the results page.
import { colorAt, defaultFormat, escapeXml, multilineText, num, openSvg, textWidth, wrapText } from './svg.ts'

export interface BarItem {
  readonly label: string
  readonly value: number
  /** The bar's full scale for this item; defaults to opts.max, then to the largest value. */
  readonly max?: number
  readonly highlight?: boolean
}

export interface BarChartOptions {
  readonly width?: number
  readonly rowHeight?: number
  readonly labelWidth?: number
  readonly valueWidth?: number
  readonly max?: number
  readonly format?: (v: number) => string
  readonly title?: string
  readonly fontFamily?: string
  readonly fontSize?: number
  /** A vertical reference line (e.g. the total threshold), in the same unit as the values. */
  readonly marker?: { readonly value: number; readonly label?: string }
}

export interface BarGeometry {
  readonly plotX: number
  readonly plotWidth: number
}

/** A label on as many lines as its column needs, broken at spaces: never cut, never past the edge. */
export function fitLabel(label: string, maxWidth: number, fontSize: number): string[] {
  return wrapText(label, maxWidth, fontSize)
}

/** Where bars start and how wide a full bar is; exported so tests can check the scaling. */
export function barGeometry(opts: BarChartOptions = {}, labels: readonly string[] = []): BarGeometry {
  const width = opts.width ?? 480
  const fontSize = opts.fontSize ?? 11
  const longest = Math.max(0, ...labels.map((l) => textWidth(l, fontSize)))
  const labelWidth = opts.labelWidth ?? Math.round(Math.min(width * 0.45, Math.max(width * 0.2, longest + 12)))
  const valueWidth = opts.valueWidth ?? 56
  return { plotX: labelWidth, plotWidth: Math.max(1, width - labelWidth - valueWidth) }
}

export function barChart(items: readonly BarItem[], opts: BarChartOptions = {}): string {
  const width = opts.width ?? 480
  const rowHeight = opts.rowHeight ?? 26
  const fontSize = opts.fontSize ?? 11
  const format = opts.format ?? defaultFormat
  const { plotX, plotWidth } = barGeometry(opts, items.map((i) => i.label))
  const top = opts.marker?.label ? fontSize + 6 : 4
  const lineHeight = fontSize * 1.2
  // Labels start 2 units in and end 6 before the bar; a row grows with its label's lines.
  const labels = items.map((i) => fitLabel(i.label, plotX - 8, fontSize))
  const heights = labels.map((l) => Math.max(rowHeight, l.length * lineHeight + 8))
  const ys = heights.map((_, i) => top + heights.slice(0, i).reduce((a, b) => a + b, 0))
  const height = top + (items.length ? heights.reduce((a, b) => a + b, 0) : rowHeight) + 4
  const largest = Math.max(0, ...items.map((i) => i.value))
  const parts: string[] = [openSvg({ width, height, title: opts.title, fontFamily: opts.fontFamily })]
  parts.push(`<g font-size="${num(fontSize)}">`)
  items.forEach((item, i) => {
    const max = item.max ?? opts.max ?? (largest > 0 ? largest : 1)
    const share = max > 0 ? Math.min(1, Math.max(0, item.value / max)) : 0
    const y = ys[i] as number
    const h = heights[i] as number
    const barH = rowHeight * 0.62
    const barY = y + (h - barH) / 2
    const textY = y + h / 2 + fontSize * 0.35
    const lines = labels[i] as string[]
    const firstLine = textY - ((lines.length - 1) * lineHeight) / 2
    // Item i has the colour of series i in the radar chart, so one candidate looks the same in
    // both; the highlighted one gets a black outline and a bold value.
    const fill = colorAt(i)
    const outline = item.highlight ? ' stroke="#000000" stroke-width="1.2"' : ''
    parts.push(
      multilineText(lines, plotX - 6, firstLine, lineHeight, ' text-anchor="end"'),
      `<rect x="${num(plotX)}" y="${num(barY)}" width="${num(plotWidth)}" height="${num(barH)}" fill="#eeeeee"/>`,
      `<rect class="bar" x="${num(plotX)}" y="${num(barY)}" width="${num(plotWidth * share)}" height="${num(barH)}" fill="${fill}"${outline}/>`,
      `<text x="${num(plotX + plotWidth + 6)}" y="${num(textY)}"${item.highlight ? ' font-weight="bold"' : ''}>${escapeXml(format(item.value))}</text>`,
    )
  })
  if (opts.marker) {
    const max = opts.max ?? (largest > 0 ? largest : 1)
    const x = plotX + plotWidth * Math.min(1, Math.max(0, opts.marker.value / max))
    parts.push(`<line x1="${num(x)}" y1="${num(top - 2)}" x2="${num(x)}" y2="${num(height - 2)}" stroke="#c00000" stroke-width="1" stroke-dasharray="4 3"/>`)
    if (opts.marker.label) {
      parts.push(`<text x="${num(x)}" y="${num(fontSize)}" text-anchor="middle" font-size="${num(fontSize * 0.9)}" fill="#c00000">${escapeXml(opts.marker.label)}</text>`)
    }
  }
  parts.push('</g></svg>')
  return parts.join('')
}
