// Section IV, the committee's consensus (§11): every candidate × criterion where the committee
// agreed a value (or a verdict) in review, with the aggregate it replaced and the reason. Kept
// in its own file (and its own strings) so the report's sections can change around it.
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import type { Lang } from '../domain/messages.ts'
import type { ReportContext } from './report-context.ts'
import { gridTable, td, th } from './report-layout.ts'

const STRINGS = {
  vi: {
    heading: 'Thống nhất của Tổ đánh giá',
    none: 'Tổ đánh giá không ghi nhận thống nhất nào thay cho điểm tổng hợp.',
    intro: 'Tại cuộc họp xem xét, Tổ đánh giá đã thống nhất các mức sau thay cho điểm tổng hợp của các thành viên; kết quả tại mục III đã tính theo các mức thống nhất này:',
    candidate: 'Phần mềm', criterion: 'Tiêu chí', agreed: 'Thống nhất', replaced: 'Thay cho', reason: 'Lý do',
    pass: 'Đạt', fail: 'Không đạt', notRated: 'chưa chấm',
  },
  en: {
    heading: 'The committee\'s consensus',
    none: 'The committee recorded no consensus in place of an aggregate rating.',
    intro: 'At the review meeting the committee agreed the following in place of the members\' aggregate ratings; the results of section III use them:',
    candidate: 'Product', criterion: 'Criterion', agreed: 'Agreed', replaced: 'Replaces', reason: 'Reason',
    pass: 'Pass', fail: 'Fail', notRated: 'not rated',
  },
} as const satisfies Record<Lang, Record<string, string>>

export function sectionConsensus(ctx: ReportContext): Content[] {
  const s = STRINGS[ctx.lang]
  const list = ctx.results.consensus
  const level = (x: number) => (Number.isInteger(x) ? String(x) : ctx.n(x))
  if (list.length === 0) return [{ text: s.heading, style: 'subheading' }, { text: s.none, style: 'body' }]
  const rows = list.map((k): TableCell[] => {
    const agreed = 'pass' in k ? (k.pass ? s.pass : s.fail) : level(k.value)
    const replaced = 'pass' in k ? (k.replaced ? s.pass : s.fail) : k.replaced === null ? s.notRated : level(k.replaced)
    return [
      td(ctx.candidateName(k.candidate)),
      td(`${k.criterion}. ${ctx.nodeTitle(k.criterion)}`),
      td(agreed, 'tdCenter'),
      td(replaced, 'tdCenter'),
      td(k.reason),
    ]
  })
  return [
    { text: s.heading, style: 'subheading' },
    { text: s.intro, style: 'body' },
    gridTable([70, 110, 52, 52, '*'], [th(s.candidate), th(s.criterion), th(s.agreed), th(s.replaced), th(s.reason)], rows),
  ]
}
