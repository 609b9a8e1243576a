// Small helpers shared by the chart functions: escaping and stable number output, so the same
// data always gives the same SVG string (the report's bytes depend on it).

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text and attribute values for XML (SVG inline in HTML and in pdfmake alike). */
export function escapeXml(text: string): string {
  return text.normalize('NFC').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

/** A coordinate with at most 2 decimals and no "-0", so output is stable across platforms. */
export function num(x: number): string {
  const r = Math.round(x * 100) / 100
  return Object.is(r, -0) ? '0' : String(r)
}

/** Generic families only: no external font is ever referenced (pdfmake maps them to its font). */
export const SERIF = 'serif'
export const SANS = 'sans-serif'

export interface SvgFrame {
  readonly width: number
  readonly height: number
  readonly title?: string
  readonly fontFamily?: string
}

/** Opens the root element with explicit width, height and viewBox (pdfmake measures these). */
export function openSvg(frame: SvgFrame): string {
  const { width, height } = frame
  const family = escapeXml(frame.fontFamily ?? SERIF)
  const title = frame.title ? `<title>${escapeXml(frame.title)}</title>` : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${family}" role="img">${title}`
}

/** Plain decimal text for a value label; callers pass their own formatter for locales. */
export const defaultFormat = (v: number): string => num(v)

/** The palette shared by pages and report; distinguishable in grey print too. */
export const PALETTE = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf8f00', '#2e75b6', '#843c0c', '#375623']
export const colorAt = (i: number): string => PALETTE[i % PALETTE.length] as string
