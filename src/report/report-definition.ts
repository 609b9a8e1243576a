// The §6 report as a pdfmake document definition: pure (no fonts, no I/O), built from the
// evaluation file and its results alone. render-pdf.ts turns it into bytes.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import type { Catalog } from '../domain/catalog.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { dateParts } from './format.ts'
import { reportContext, type ReportContext } from './report-context.ts'
import type { ReportStrings } from './report-strings.ts'
import { closingBlock, dateLineText, officialHeading, titleBlock } from './report-header.ts'
import { DEFAULT_STYLE, MARGINS, PAGE_MARGINS, STYLES, justifyByWords, keepHeadingsWithNext } from './report-layout.ts'
import { sectionAhp } from './section-ahp.ts'
import { sectionConclusion } from './section-conclusion.ts'
import { sectionBasis, sectionMethod } from './section-method.ts'
import { sectionResults } from './section-results.ts'
import { sectionSensitivity } from './section-sensitivity.ts'
import { sectionConsensus } from './section-consensus.ts'
import { sectionPrice } from './section-price.ts'
import { filledSheet } from './score-sheets.ts'

export interface ReportOptions {
  readonly lang: Lang
  /** SHA-256 (hex) of the canonical evaluation file, printed once on the last page. */
  readonly hash: string
  /** The evaluation's audit chain head (from the database; absent for a file), printed beside the hash. */
  readonly auditHead?: string
  /** The catalog the criteria came from, when the registry is at hand: its title and the changes are printed. */
  readonly catalog?: Catalog
  /** Written as the PDF's creation and modification date; fix it for byte-identical output. */
  readonly generatedAt?: Date
}

/** Page number from page 2 on, centred in the top margin (NĐ 30/2020); nothing else numbers pages. */
export function pageNumberHeader(page: number): Content {
  if (page < 2) return { text: '' }
  return { text: String(page), style: 'pageNumber', margin: [MARGINS.left, MARGINS.top - 30, MARGINS.right, 0] }
}

export function watermarkFor(file: EvaluationFile, text: string): TDocumentDefinitions['watermark'] {
  return file.evaluation.status === 'finalized' ? undefined : { text, color: '#9e9e9e', opacity: 0.18, bold: true, fontSize: 110 }
}

/** The data hash and the audit head, once, as the document's last lines (not a footer on every page). */
export function checkLines(s: ReportStrings, hash: string, auditHead: string | undefined): Content {
  return {
    stack: [
      { text: s.hashLine(hash), style: 'checkLine' },
      ...(auditHead ? [{ text: s.auditLine(auditHead), style: 'checkLine' }] : []),
    ],
    margin: [0, 14, 0, 0],
  }
}

/** Appends `extra` to the document's last block, so it lands on the last page with it. */
export function withLast(content: Content[], extra: Content): Content[] {
  const last = content[content.length - 1]
  if (last && typeof last === 'object' && 'stack' in last && (last as { unbreakable?: boolean }).unbreakable) {
    return [...content.slice(0, -1), { ...last, stack: [...(last.stack as Content[]), extra] } as Content]
  }
  return [...content, extra]
}

export function buildReportDefinition(file: EvaluationFile, results: Results, opts: ReportOptions): TDocumentDefinitions {
  const ctx = reportContext(file, results, opts.lang, { catalog: opts.catalog, auditHead: opts.auditHead })
  const { s } = ctx
  const title = file.evaluation.title
  const date = opts.generatedAt
  const conclusion = sectionConclusion(ctx)
  const body: Content[] = [
    officialHeading(file.report, s),
    ...titleBlock(title, file.report, s),
    { text: s.opening({ self: ctx.self, title, recipient: ctx.recipient }), style: 'body' },
    ...sectionBasis(ctx),
    ...sectionMethod(ctx, sectionAhp(ctx)),
    ...sectionResults(ctx),
    ...sectionPrice(ctx), // §12, the end of section III
    ...sectionSensitivity(ctx),
    ...sectionConsensus(ctx), // §11, the end of section IV
    ...conclusion.body,
    closingBlock(file.report, s, conclusion.tail),
  ]
  const content = withLast([...keepHeadingsWithNext(justifyByWords(body)), ...justifyByWords(appendix(ctx))], checkLines(s, opts.hash, opts.auditHead))
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title,
      subject: s.subjectOf(title),
      author: file.report?.agency ?? '',
      keywords: `sha256:${opts.hash}`,
      creator: 'eoffice-eval',
      producer: 'eoffice-eval (pdfmake)',
      ...(date ? { creationDate: date, modDate: date } : {}),
    },
    language: opts.lang === 'vi' ? 'vi-VN' : 'en-GB',
    header: (page: number) => pageNumberHeader(page),
    watermark: watermarkFor(file, s.draft),
    content,
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  }
}

/** "(Kèm theo Báo cáo số …/BC-… ngày … của …)": which document the appendix belongs to. */
export function appendixOfLine(ctx: ReportContext): string {
  const { s, file } = ctx
  return s.appendixOf({
    number: file.report?.number ?? s.numberPlaceholder,
    date: s.appendixDate(file.report?.date ? dateParts(file.report.date) : null),
    agency: null,
  })
}

function appendix(ctx: ReportContext): Content[] {
  const { s, file } = ctx
  const dateLine = dateLineText(file.report, s)
  const sheets = ctx.raters.flatMap((m) => ctx.candidates.map((c) => filledSheet(ctx, m, c, dateLine)))
  if (!sheets.length) return []
  // The heading once, on the first sheet's page; each further sheet starts a page of its own.
  return sheets.map((sheet, i): Content => ({
    stack: i === 0 ? [{ text: s.appendixTitle, style: 'appendixTitle' }, { text: appendixOfLine(ctx), style: 'appendixOf' }, ...sheet] : sheet,
    pageBreak: 'before',
  }))
}
