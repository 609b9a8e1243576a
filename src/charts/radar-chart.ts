// Radar (spider) chart as an SVG string: one polygon per series over shared axes, values 0..1
// (a candidate's share of each group's max points). Report and results page use the same one.
import { colorAt, escapeXml, multilineText, num, openSvg, textWidth, wrapText } from './svg.ts'

export interface RadarSeries {
  readonly name: string
  /** One value per axis, 0..1 (clamped). */
  readonly values: readonly number[]
}

export interface RadarChartOptions {
  readonly size?: number
  /** Concentric guide rings (e.g. 4 → 25 %, 50 %, 75 %, 100 %). */
  readonly rings?: number
  readonly title?: string
  readonly fontFamily?: string
  readonly fontSize?: number
  readonly legend?: boolean
}

/** The point of axis i (of n) at radius fraction v, starting at 12 o'clock, clockwise. */
export function radarPoint(cx: number, cy: number, radius: number, i: number, n: number, v: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n
  const r = radius * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0))
  return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)]
}

export function radarChart(series: readonly RadarSeries[], axes: readonly string[], opts: RadarChartOptions = {}): string {
  const size = opts.size ?? 360
  const fontSize = opts.fontSize ?? 10
  const rings = opts.rings ?? 4
  const legend = opts.legend ?? true
  // The legend wraps each name at spaces within the chart's width: never cut, never past the edge.
  const lineHeight = fontSize * 1.2
  const legendLines = legend ? series.map((s) => wrapText(s.name, size - fontSize * 3.2, fontSize)) : []
  const legendHeight = legend ? legendLines.reduce((h, l) => h + l.length * lineHeight + 6, 0) + 6 : 0
  const width = size
  const height = size + legendHeight
  const cx = size / 2
  const cy = size / 2
  // Room for the longest axis label beside the rings (labels are short codes; long ones shrink the rings).
  const longest = Math.max(0, ...axes.map((a) => textWidth(a, fontSize)))
  const radius = Math.max(size / 6, size / 2 - Math.max(fontSize * 2, longest + fontSize * 1.4))
  const n = Math.max(axes.length, 1)
  const parts: string[] = [openSvg({ width, height, title: opts.title, fontFamily: opts.fontFamily })]
  parts.push(`<g font-size="${num(fontSize)}">`)
  for (let k = 1; k <= rings; k++) {
    const pts = axes.map((_, i) => radarPoint(cx, cy, radius, i, n, k / rings).map(num).join(',')).join(' ')
    parts.push(`<polygon points="${pts}" fill="none" stroke="#bbbbbb" stroke-width="0.6"/>`)
  }
  axes.forEach((label, i) => {
    const [x, y] = radarPoint(cx, cy, radius, i, n, 1)
    const [lx, ly] = radarPoint(cx, cy, radius + fontSize * 0.8, i, n, 1)
    const anchor = Math.abs(lx - cx) < 1 ? 'middle' : lx > cx ? 'start' : 'end'
    parts.push(
      `<line x1="${num(cx)}" y1="${num(cy)}" x2="${num(x)}" y2="${num(y)}" stroke="#bbbbbb" stroke-width="0.6"/>`,
      `<text x="${num(lx)}" y="${num(ly + fontSize * 0.35)}" text-anchor="${anchor}">${escapeXml(label)}</text>`,
    )
  })
  series.forEach((s, j) => {
    const color = colorAt(j)
    const pts = axes.map((_, i) => radarPoint(cx, cy, radius, i, n, s.values[i] ?? 0).map(num).join(',')).join(' ')
    parts.push(`<polygon class="series" points="${pts}" fill="${color}" fill-opacity="0.15" stroke="${color}" stroke-width="1.6"/>`)
  })
  if (legend) {
    let y = size + 4
    series.forEach((_, j) => {
      const lines = legendLines[j] as string[]
      parts.push(
        `<rect x="${num(fontSize)}" y="${num(y)}" width="${num(fontSize)}" height="${num(fontSize)}" fill="${colorAt(j)}"/>`,
        multilineText(lines, fontSize * 2.6, y + fontSize * 0.85, lineHeight),
      )
      y += lines.length * lineHeight + 6
    })
  }
  parts.push('</g></svg>')
  return parts.join('')
}
