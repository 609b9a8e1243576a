// The §6 report as a pdfmake document definition: pure (no fonts, no I/O), built from the
// evaluation file and its results alone. render-pdf.ts turns it into bytes.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { reportContext, type ReportContext } from './report-context.ts'
import { closingBlock, dateLineText, officialHeading, titleBlock } from './report-header.ts'
import { DEFAULT_STYLE, MARGINS, PAGE_MARGINS, STYLES, justifyByWords, keepHeadingsWithNext } from './report-layout.ts'
import { sectionAhp } from './section-ahp.ts'
import { sectionConclusion } from './section-conclusion.ts'
import { sectionBasis, sectionMethod } from './section-method.ts'
import { sectionResults } from './section-results.ts'
import { sectionSensitivity } from './section-sensitivity.ts'
import { filledSheet } from './score-sheets.ts'

export interface ReportOptions {
  readonly lang: Lang
  /** SHA-256 (hex) of the canonical evaluation file, printed in every footer. */
  readonly hash: string
  /** Written as the PDF's creation and modification date; fix it for byte-identical output. */
  readonly generatedAt?: Date
}

/** Page number from page 2 on, centred in the top margin (NĐ 30/2020). */
export function pageNumberHeader(page: number): Content {
  if (page < 2) return { text: '' }
  return { text: String(page), style: 'pageNumber', margin: [MARGINS.left, MARGINS.top - 30, MARGINS.right, 0] }
}

/** Every page: the evaluation's title, the data hash (optional) and "Trang x/y". */
export function footer(title: string, hash: string | null, pageLabel: (x: number, y: number) => string) {
  return (page: number, pages: number): Content => ({
    stack: [
      { text: title, style: 'footer' },
      ...(hash ? [{ text: `SHA-256: ${hash}`, style: 'footer', fontSize: 7.5 }] : []),
      { text: pageLabel(page, pages), style: 'footer' },
    ],
    margin: [MARGINS.left, 14, MARGINS.right, 0],
  })
}

export function watermarkFor(file: EvaluationFile, text: string): TDocumentDefinitions['watermark'] {
  return file.evaluation.status === 'finalized' ? undefined : { text, color: '#9e9e9e', opacity: 0.18, bold: true, fontSize: 110 }
}

export function buildReportDefinition(file: EvaluationFile, results: Results, opts: ReportOptions): TDocumentDefinitions {
  const ctx = reportContext(file, results, opts.lang)
  const { s } = ctx
  const title = file.evaluation.title
  const date = opts.generatedAt
  const content: Content[] = [
    officialHeading(file.report, s),
    ...titleBlock(title, file.report, s),
    ...sectionBasis(ctx),
    ...sectionMethod(ctx, sectionAhp(ctx)),
    ...sectionResults(ctx),
    ...sectionSensitivity(ctx),
    ...sectionConclusion(ctx),
    closingBlock(file.report, s),
    ...appendix(ctx),
  ]
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title,
      subject: s.subject,
      author: file.report?.agency ?? '',
      keywords: `sha256:${opts.hash}`,
      creator: 'eoffice-eval',
      producer: 'eoffice-eval (pdfmake)',
      ...(date ? { creationDate: date, modDate: date } : {}),
    },
    language: opts.lang === 'vi' ? 'vi-VN' : 'en-GB',
    header: (page: number) => pageNumberHeader(page),
    footer: footer(title, opts.hash, s.footerPage),
    watermark: watermarkFor(file, s.draft),
    content: keepHeadingsWithNext(justifyByWords(content)),
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  }
}

function appendix(ctx: ReportContext): Content[] {
  const { s, file } = ctx
  const dateLine = dateLineText(file.report, s)
  const sheets = ctx.raters.flatMap((m) => ctx.candidates.map((c) => filledSheet(ctx, m, c, dateLine)))
  if (!sheets.length) return []
  return [
    { text: s.appendixTitle, style: 'appendixTitle', pageBreak: 'before' },
    ...sheets.map((sheet, i): Content => ({ stack: sheet, ...(i > 0 ? { pageBreak: 'before' as const } : {}) })),
  ]
}
