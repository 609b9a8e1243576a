// Blank printable score sheets (phiếu chấm điểm) as a pdfmake definition: one per rater ×
// candidate, a page each, for raters who prefer paper. Pure, like the report's definition.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { footer } from './report-definition.ts'
import { reportContext } from './report-context.ts'
import { DEFAULT_STYLE, PAGE_MARGINS, STYLES } from './report-layout.ts'
import { blankSheet } from './score-sheets.ts'

/** No results are needed for a blank sheet: an empty shell keeps the context's shape. */
const NO_RESULTS: Results = { weights: {}, candidates: [], recommended: null, tied: [], disagreements: [], consensus: [], sensitivity: { groups: {} } }

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
    footer: footer(file.evaluation.title, null, s.footerPage),
    content,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  }
}
