// The official heading block (agency / national motto, number, place and date), the title,
// the recipient, "Nơi nhận" and the signature block, after NĐ 30/2020 Phụ lục I.
import type { Content } from 'pdfmake/interfaces.js'
import type { ReportBlock } from '../domain/evaluation-file.ts'
import { SIGNATURE_FIELD_ID } from '../signing/signature-field.ts'
import { dateParts } from './format.ts'
import { CONTENT_WIDTH, centredRule } from './report-layout.ts'
import type { ReportStrings } from './report-strings.ts'

const LEFT = 218
const RIGHT = CONTENT_WIDTH - LEFT

export function dateLineText(report: ReportBlock | undefined, s: ReportStrings): string {
  return s.dateLine(report?.place ?? s.placePlaceholder, report?.date ? dateParts(report.date) : null)
}

export function numberLineText(report: ReportBlock | undefined, s: ReportStrings): string {
  return `${s.numberLabel} ${report?.number ?? s.numberPlaceholder}`
}

export function officialHeading(report: ReportBlock | undefined, s: ReportStrings): Content {
  const left: Content[] = []
  if (report?.parentAgency) left.push({ text: report.parentAgency.toLocaleUpperCase('vi'), style: 'parentAgency' })
  left.push({ text: (report?.agency ?? '').toLocaleUpperCase('vi') || ' ', style: 'agency' })
  left.push(centredRule(LEFT, 60))
  left.push({ text: numberLineText(report, s), style: 'number' })
  const right: Content[] = [
    { text: s.nationalTitle, style: 'nationalTitle' },
    { text: s.motto, style: 'motto' },
    centredRule(RIGHT, 168),
    { text: dateLineText(report, s), style: 'dateLine' },
  ]
  return {
    columns: [
      { width: LEFT, stack: left },
      { width: RIGHT, stack: right },
    ],
    columnGap: 0,
  }
}

export function titleBlock(title: string, report: ReportBlock | undefined, s: ReportStrings): Content[] {
  // NĐ 30/2020: the document type, then the trích yếu as one phrase, then a short rule.
  const out: Content[] = [
    { text: s.docType, style: 'docType' },
    { text: s.subjectOf(title), style: 'subject' },
    centredRule(CONTENT_WIDTH, 90),
  ]
  if (report?.recipient) out.push({ text: `${s.recipientLabel} ${report.recipient}`, style: 'recipient' })
  return out
}

const bare = (line: string) => line.replace(/^-\s*/, '')

/**
 * The copies list, each line starting "- ": "- Như trên;" first whenever there is a "Kính gửi"
 * (NĐ 30/2020), the archive line last unless given. Lines are written in Vietnamese in the file;
 * the English report prints their fixed words in English ("Lưu:" → "Archive:").
 */
export function copiesList(report: ReportBlock | undefined, s: ReportStrings): string[] {
  const given = (report?.copiesTo ?? []).map((l) => s.copiesLine(l.trim())).filter(Boolean)
  let lines = (given.length ? given : s.copiesDefault).map((l) => (l.startsWith('-') ? l : `- ${l}`))
  if (report?.recipient && !lines.some((l) => bare(l).startsWith(s.asAbovePrefix))) lines = [s.asAbove, ...lines]
  const archived = lines.some((l) => bare(l).startsWith(s.archivePrefix))
  return archived ? lines : [...lines, s.archive]
}

/** "Nơi nhận" (left) and the signature block (right), as two columns. */
export function closingColumns(report: ReportBlock | undefined, s: ReportStrings): Content {
  const signer = report?.signer
  const sign: Content[] = []
  if (signer?.authority) sign.push({ text: signer.authority.toLocaleUpperCase('vi'), style: 'signAuthority' })
  if (signer?.title) sign.push({ text: signer.title.toLocaleUpperCase('vi'), style: 'signAuthority' })
  // The signature's place: a finalized report's signature field covers it (src/signing, §14).
  sign.push({ text: ' ', margin: [0, 0, 0, 64], id: SIGNATURE_FIELD_ID })
  if (signer?.name) sign.push({ text: signer.name, style: 'signName' })
  return {
    columns: [
      { width: LEFT + 20, stack: [{ text: s.copiesLabel, style: 'copiesLabel' }, ...copiesList(report, s).map((l) => ({ text: l, style: 'copies' }))] },
      { width: '*', stack: sign },
    ],
    margin: [0, 16, 0, 0],
  } as Content
}

/**
 * The body's last lines, "Nơi nhận" and the signature as one unbreakable block (§6: the
 * signature is never alone on a page). `last` must be short: it moves to the next page whole.
 */
export function closingBlock(report: ReportBlock | undefined, s: ReportStrings, last: Content[] = []): Content {
  return { stack: [...last, closingColumns(report, s)], unbreakable: true } as Content
}
