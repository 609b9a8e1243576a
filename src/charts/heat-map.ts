// Heat map as an SVG string: rows × columns of cells shaded by value (e.g. the spread of
// members' ratings per candidate × criterion on the results page). null = no data (hatched grey).
import { defaultFormat, escapeXml, num, openSvg, textWidth } from './svg.ts'

export interface HeatMapOptions {
  /** The value drawn at full intensity; defaults to the largest cell. */
  readonly max?: number
  readonly cellWidth?: number
  readonly cellHeight?: number
  readonly rowLabelWidth?: number
  readonly colLabelHeight?: number
  readonly format?: (v: number) => string
  /** Cells at or above this value get a bold outline (flagged disagreements). */
  readonly flagAt?: number
  readonly title?: string
  readonly fontFamily?: string
  readonly fontSize?: number
}

/** White → dark red, linear in v/max; deterministic hex. */
export function heatColor(share: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0))
  const lerp = (a: number, b: number) => Math.round(a + (b - a) * t)
  const hex = (x: number) => x.toString(16).padStart(2, '0')
  return `#${hex(lerp(255, 192))}${hex(lerp(255, 0))}${hex(lerp(255, 0))}`
}

export function heatMap(
  rows: readonly string[],
  cols: readonly string[],
  cells: readonly (readonly (number | null | undefined)[])[],
  opts: HeatMapOptions = {},
): string {
  const fontSize = opts.fontSize ?? 10
  const cw = opts.cellWidth ?? 34
  const ch = opts.cellHeight ?? 22
  // Labels are measured, not assumed: a long product name or a rotated column label that runs
  // past the last column would otherwise be cut off at the SVG's edge.
  const longestRow = Math.max(0, ...rows.map((l) => textWidth(l, fontSize)))
  const longestCol = Math.max(0, ...cols.map((l) => textWidth(l, fontSize))) * Math.SQRT1_2
  const rowLabelWidth = opts.rowLabelWidth ?? Math.max(60, Math.ceil(longestRow + 12))
  const colLabelHeight = opts.colLabelHeight ?? Math.max(24, Math.ceil(longestCol + 12))
  const format = opts.format ?? defaultFormat
  const values = cells.flat().filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const max = opts.max ?? Math.max(0, ...values)
  const overhang = Math.max(0, Math.ceil(longestCol - cw / 2 + 4))
  const width = rowLabelWidth + cols.length * cw + 2 + overhang
  const height = colLabelHeight + rows.length * ch + 2
  const parts: string[] = [openSvg({ width, height, title: opts.title, fontFamily: opts.fontFamily })]
  parts.push(`<g font-size="${num(fontSize)}">`)
  cols.forEach((label, j) => {
    const x = rowLabelWidth + j * cw + cw / 2
    const y = colLabelHeight - 4
    parts.push(`<text x="${num(x)}" y="${num(y)}" transform="rotate(-45 ${num(x)} ${num(y)})">${escapeXml(label)}</text>`)
  })
  rows.forEach((label, i) => {
    const y = colLabelHeight + i * ch
    parts.push(`<text x="${num(rowLabelWidth - 6)}" y="${num(y + ch / 2 + fontSize * 0.35)}" text-anchor="end">${escapeXml(label)}</text>`)
    cols.forEach((colLabel, j) => {
      const v = cells[i]?.[j]
      const x = rowLabelWidth + j * cw
      const has = typeof v === 'number' && Number.isFinite(v)
      const share = has && max > 0 ? v / max : 0
      const flagged = has && opts.flagAt !== undefined && v >= opts.flagAt
      const fill = has ? heatColor(share) : '#e6e6e6'
      const stroke = flagged ? ' stroke="#000000" stroke-width="1.5"' : ' stroke="#ffffff" stroke-width="1"'
      const tip = `${label} × ${colLabel}: ${has ? format(v) : '—'}`
      parts.push(`<rect class="cell" x="${num(x)}" y="${num(y)}" width="${num(cw)}" height="${num(ch)}" fill="${fill}"${stroke}><title>${escapeXml(tip)}</title></rect>`)
      if (has) {
        const ink = share > 0.55 ? '#ffffff' : '#000000'
        parts.push(`<text x="${num(x + cw / 2)}" y="${num(y + ch / 2 + fontSize * 0.35)}" text-anchor="middle" fill="${ink}">${escapeXml(format(v))}</text>`)
      }
    })
  })
  parts.push('</g></svg>')
  return parts.join('')
}
