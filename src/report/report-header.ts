// The official heading block (agency / national motto, number, place and date), the title,
// the recipient, "Nơi nhận" and the signature block, after NĐ 30/2020 Phụ lục I.
import type { Content } from 'pdfmake/interfaces.js'
import type { ReportBlock } from '../domain/evaluation-file.ts'
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
  const out: Content[] = [
    { text: s.docType, style: 'docType' },
    { text: s.subject, style: 'subject' },
    { text: title, style: 'subject' },
    centredRule(CONTENT_WIDTH, 90),
  ]
  if (report?.recipient) out.push({ text: `${s.recipientLabel} ${report.recipient}`, style: 'recipient' })
  return out
}

/** The copies list, each line starting "- ", ending with the archive line unless given. */
export function copiesList(report: ReportBlock | undefined, s: ReportStrings): string[] {
  const given = (report?.copiesTo ?? []).map((l) => l.trim()).filter(Boolean)
  const lines = (given.length ? given : s.copiesDefault).map((l) => (l.startsWith('-') ? l : `- ${l}`))
  const archived = lines.some((l) => l.replace(/^-\s*/, '').startsWith(s.archivePrefix))
  return archived ? lines : [...lines, s.archive]
}

export function closingBlock(report: ReportBlock | undefined, s: ReportStrings): Content {
  const signer = report?.signer
  const sign: Content[] = []
  if (signer?.authority) sign.push({ text: signer.authority.toLocaleUpperCase('vi'), style: 'signAuthority' })
  if (signer?.title) sign.push({ text: signer.title.toLocaleUpperCase('vi'), style: 'signAuthority' })
  sign.push({ text: ' ', margin: [0, 0, 0, 64] })
  if (signer?.name) sign.push({ text: signer.name, style: 'signName' })
  return {
    columns: [
      { width: LEFT + 20, stack: [{ text: s.copiesLabel, style: 'copiesLabel' }, ...copiesList(report, s).map((l) => ({ text: l, style: 'copies' }))] },
      { width: '*', stack: sign },
    ],
    margin: [0, 16, 0, 0],
    unbreakable: true,
  } as Content
}
