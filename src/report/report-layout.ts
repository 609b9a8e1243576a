// Page geometry, named styles and table helpers of the report, after NĐ 30/2020 Phụ lục I:
// A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; 13 pt body, justified, 1 cm indent.
// Plain data only: render-pdf.ts maps the font name to files.
import type { Content, ContentTable, Margins, StyleDictionary, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js'

export const MM = 2.835
export const FONT = 'Tinos'
export const PAGE = { width: 595.28, height: 841.89 }
export const MARGINS = { top: 22 * MM, right: 15 * MM, bottom: 22 * MM, left: 30 * MM }
export const PAGE_MARGINS: Margins = [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom]
/** The text block's width in points (A4 less left and right margins). */
export const CONTENT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right
/** The table layout registered by render-pdf.ts (thin black grid). */
export const GRID = 'grid'

export const STYLES: StyleDictionary = {
  parentAgency: { fontSize: 12, alignment: 'center' },
  agency: { fontSize: 12, bold: true, alignment: 'center' },
  nationalTitle: { fontSize: 12, bold: true, alignment: 'center' },
  motto: { fontSize: 13.5, bold: true, alignment: 'center' },
  number: { fontSize: 13, alignment: 'center' },
  dateLine: { fontSize: 13, italics: true, alignment: 'center' },
  docType: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 14, 0, 0] },
  subject: { fontSize: 14, bold: true, alignment: 'center' },
  recipient: { fontSize: 14, alignment: 'center', margin: [0, 10, 0, 10] },
  heading: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
  subheading: { fontSize: 13, bold: true, italics: true, margin: [0, 6, 0, 4] },
  body: { fontSize: 13, alignment: 'justify', leadingIndent: 28.35, margin: [0, 0, 0, 6] },
  note: { fontSize: 12, italics: true, alignment: 'justify', margin: [0, 2, 0, 6] },
  emphasis: { fontSize: 13, bold: true, alignment: 'justify', leadingIndent: 28.35, margin: [0, 0, 0, 6] },
  tableTitle: { fontSize: 12, bold: true, margin: [0, 6, 0, 3] },
  th: { fontSize: 10.5, bold: true, alignment: 'center', fillColor: '#eeeeee' },
  td: { fontSize: 10.5 },
  tdNum: { fontSize: 10.5, alignment: 'right' },
  tdCenter: { fontSize: 10.5, alignment: 'center' },
  tdGroup: { fontSize: 10.5, bold: true, fillColor: '#f5f5f5' },
  tdGroupNum: { fontSize: 10.5, bold: true, alignment: 'right', fillColor: '#f5f5f5' },
  tdSmall: { fontSize: 9, italics: true, color: '#333333' },
  pageNumber: { fontSize: 13, alignment: 'center' },
  footer: { fontSize: 8.5, color: '#333333', alignment: 'center' },
  checkLine: { fontSize: 9, color: '#333333' },
  appendixOf: { fontSize: 13, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
  copiesLabel: { fontSize: 12, bold: true, italics: true },
  copies: { fontSize: 11 },
  signAuthority: { fontSize: 13, bold: true, alignment: 'center' },
  signName: { fontSize: 13, bold: true, alignment: 'center' },
  signHint: { fontSize: 12, italics: true, alignment: 'center' },
  appendixTitle: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
  sheetTitle: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 8] },
  sheetLine: { fontSize: 12.5, margin: [0, 0, 0, 3] },
  caption: { fontSize: 11, italics: true, alignment: 'center', margin: [0, 2, 0, 8] },
}

export const DEFAULT_STYLE = { font: FONT, fontSize: 13, lineHeight: 1.1 }

export const th = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, style: 'th', ...extra }) as TableCell
export const td = (text: string, style = 'td', extra: Record<string, unknown> = {}): TableCell => ({ text, style, ...extra }) as TableCell
export const empty = (extra: Record<string, unknown> = {}): TableCell => ({ text: '', ...extra }) as TableCell

/** Characters of text in a cell (nested stacks and runs included). */
function textLength(x: unknown): number {
  if (typeof x === 'string') return x.length
  if (Array.isArray(x)) return x.reduce((n: number, y) => n + textLength(y), 0)
  if (x && typeof x === 'object') {
    const o = x as { text?: unknown; stack?: unknown }
    return textLength(o.text) + textLength(o.stack)
  }
  return 0
}

/**
 * Above this many characters a row might not fit on one page; pdfmake would then drop what an
 * unbreakable row cannot hold, so such a table lets rows break rather than lose text.
 */
const UNBREAKABLE_ROW_CHARS = 1500

/**
 * A table that splits across pages with its header row repeated and no row cut in half
 * (headerRows: 1, dontBreakRows), unless a row is too long to be sure it fits on a page.
 */
export function gridTable(widths: (number | string)[], header: TableCell[], rows: TableCell[][], extra: Partial<ContentTable> = {}): ContentTable {
  const safe = rows.every((row) => textLength(row) <= UNBREAKABLE_ROW_CHARS)
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: safe, widths: widths as ContentTable['table']['widths'], body: [header, ...rows] },
    layout: GRID,
    margin: [0, 2, 0, 8],
    ...extra,
  }
}

/** A horizontal rule centred in a box of `boxWidth` points. */
export function centredRule(boxWidth: number, ruleWidth: number, lineWidth = 0.6): Content {
  const x1 = Math.max(0, (boxWidth - ruleWidth) / 2)
  return { canvas: [{ type: 'line', x1, y1: 2, x2: x1 + ruleWidth, y2: 2, lineWidth }], margin: [0, 1, 0, 4] }
}

/** Paragraphs of body text from a multi-line string (one paragraph per non-empty line). */
export function paragraphs(text: string, style = 'body'): Content[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => ({ text: l, style }))
}

export type DocDefinition = TDocumentDefinitions

/** Styles that open a block and so must not end a page. */
const HEADINGS = new Set(['heading', 'subheading', 'tableTitle'])
/** Tables up to this many rows are small enough to move to the next page whole. */
const SMALL_TABLE = 12

const isHeading = (node: Content): boolean =>
  typeof node === 'object' && node !== null && 'style' in node && typeof node.style === 'string' && HEADINGS.has(node.style)

/** Only what surely fits on one page may be unbreakable: pdfmake drops the rest of a longer one. */
function small(node: Content): boolean {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return true
  if ('table' in node) return (node.table?.body.length ?? 0) <= SMALL_TABLE && textLength(node.table?.body) <= UNBREAKABLE_ROW_CHARS
  if ('stack' in node) return (node as { unbreakable?: boolean }).unbreakable === true
  if ('text' in node) return textLength(node) <= UNBREAKABLE_ROW_CHARS
  return 'svg' in node
}

/**
 * Keeps each heading (and headings right after it) on the page of the block that follows, by
 * making them one unbreakable stack when that block is small. Cheaper than pdfmake's
 * pageBreakBefore callback, which lays the whole document out again for every break it adds.
 */
export function keepHeadingsWithNext(content: readonly Content[]): Content[] {
  const out: Content[] = []
  let pending: Content[] = []
  for (const node of content) {
    if (isHeading(node)) {
      pending.push(node)
      continue
    }
    if (pending.length && small(node)) out.push({ stack: [...pending, node], unbreakable: true })
    else out.push(...pending, node)
    pending = []
  }
  out.push(...pending)
  return out
}

/** Paragraph styles set justified: their text goes to pdfmake as whole words. */
const JUSTIFIED = new Set(['body', 'note', 'emphasis'])

/**
 * pdfmake's justify spreads a line's slack over every piece it broke the line into, and it breaks
 * after "/" and "-" as well as at spaces: "70/TB-UBND" printed as "70/ TB- UBND", on paper and in
 * pdftotext. Handing it whole words (noWrap) leaves the slack to the spaces between words.
 */
export function wholeWords(text: string): Content[] {
  return (text.match(/\S+\s*/g) ?? []).map((word) => ({ text: word, noWrap: true }))
}

/** Justified paragraphs (at any depth of stacks) as whole words; everything else unchanged. */
export function justifyByWords(nodes: readonly Content[]): Content[] {
  return nodes.map((node): Content => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return node
    if ('stack' in node) return { ...node, stack: justifyByWords(node.stack as Content[]) } as Content
    if ('text' in node && typeof node.text === 'string' && typeof node.style === 'string' && JUSTIFIED.has(node.style)) {
      return { ...node, text: wholeWords(node.text) } as Content
    }
    return node
  })
}
