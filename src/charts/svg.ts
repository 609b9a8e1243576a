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

/**
 * A generous estimate of a text's width in a Times-like serif (capitals and wide letters count
 * more), so a label sized with it is never wider on paper or on screen than its box.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0
  for (const ch of text.normalize('NFC')) {
    if (ch === ' ') em += 0.27
    else if (/[mwMW]/.test(ch)) em += 0.9
    else if (/[iljtfr.,;:'!|]/.test(ch)) em += 0.33
    else if (ch !== ch.toLocaleLowerCase('vi')) em += 0.72
    else em += 0.53
  }
  return em * fontSize
}

/** Lines of at most `maxWidth`, broken at spaces (a word longer than a line is cut where it must). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word
    if (textWidth(next, fontSize) <= maxWidth) {
      line = next
      continue
    }
    if (line) lines.push(line)
    line = word
    while (textWidth(line, fontSize) > maxWidth && line.length > 1) {
      let cut = line.length - 1
      while (cut > 1 && textWidth(line.slice(0, cut), fontSize) > maxWidth) cut--
      lines.push(line.slice(0, cut))
      line = line.slice(cut)
    }
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

/** A multi-line <text>: one <tspan> per line, `lineHeight` apart, first baseline at y. */
export function multilineText(lines: readonly string[], x: number, y: number, lineHeight: number, attrs = ''): string {
  const spans = lines.map((l, i) => `<tspan x="${num(x)}" y="${num(y + i * lineHeight)}">${escapeXml(l)}</tspan>`).join('')
  return `<text${attrs}>${spans}</text>`
}
