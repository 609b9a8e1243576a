// Blank printable score sheets (phiếu chấm điểm) as a pdfmake definition: one per rater ×
// candidate, each starting a page, for raters who prefer paper. Pure, like the report's definition.
// Pages are numbered per sheet (§6), from a sheet's second page on, top centre.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { reportContext } from './report-context.ts'
import { DEFAULT_STYLE, MARGINS, PAGE_MARGINS, STYLES } from './report-layout.ts'
import { blankSheet } from './score-sheets.ts'

/** No results are needed for a blank sheet: an empty shell keeps the context's shape. */
const NO_RESULTS: Results = { weights: {}, candidates: [], recommended: null, tied: [], disagreements: [], consensus: [], sensitivity: { groups: {} } }

interface Positioned { positions?: { pageNumber: number }[] }

/**
 * "x/y" of page `page` within its sheet, or null on a sheet's first page. Reads the first page
 * of each sheet from the positions pdfmake writes on the laid-out nodes: headers are drawn after
 * the layout, so this costs nothing more than a lookup.
 */
export function sheetPageLabel(sheets: readonly Content[], page: number, pages: number): string | null {
  const starts = sheets.map((n) => (n as Positioned).positions?.[0]?.pageNumber ?? 0)
  let i = -1
  for (let k = 0; k < starts.length; k++) if ((starts[k] as number) <= page && (starts[k] as number) > 0) i = k
  if (i < 0) return null
  const first = starts[i] as number
  const next = starts.slice(i + 1).find((p) => p > first) ?? pages + 1
  if (page === first) return null
  return `${page - first + 1}/${next - first}`
}

export function buildBlankSheetsDefinition(file: EvaluationFile, opts: { lang: Lang; generatedAt?: Date }): TDocumentDefinitions {
  const ctx = reportContext(file, NO_RESULTS, opts.lang)
  const { s } = ctx
  const dateLine = s.datePlaceholder
  const sheets = ctx.raters.flatMap((m) => ctx.candidates.map((c) => blankSheet(ctx, m, c, dateLine)))
  const content: Content[] = sheets.map((sheet, i) => ({ stack: sheet, ...(i > 0 ? { pageBreak: 'before' as const } : {}) }))
  const date = opts.generatedAt
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title: `${s.blankTitle} — ${file.evaluation.title}`,
      creator: 'eoffice-eval',
      producer: 'eoffice-eval (pdfmake)',
      ...(date ? { creationDate: date, modDate: date } : {}),
    },
    language: opts.lang === 'vi' ? 'vi-VN' : 'en-GB',
    header: (page: number, pages: number) => {
      const label = sheetPageLabel(content, page, pages)
      return label ? { text: label, style: 'pageNumber', margin: [MARGINS.left, MARGINS.top - 30, MARGINS.right, 0] } : { text: '' }
    },
    content,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  }
}
