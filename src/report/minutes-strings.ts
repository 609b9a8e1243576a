// Every string of the minutes (§13 biên bản họp Tổ đánh giá), vi and en. Kept apart from
// report-strings.ts so the minutes can change without touching the report's catalog.
import type { Lang } from '../domain/messages.ts'

export interface MinutesStrings {
  readonly docType: string
  readonly subject: (title: string) => string
  readonly numberPlaceholder: (suffix: string) => string
  readonly started: (when: string) => string
  readonly startedUnknown: string
  readonly place: (place: string) => string
  readonly placeUnknown: string
  readonly attendance: string
  readonly chairedBy: (name: string) => string
  readonly secretary: (name: string) => string
  readonly present: string
  readonly absent: string
  readonly noneAbsent: string
  readonly absentLine: (name: string, role: string, reason: string) => string
  readonly content: string
  readonly resultsHeading: string
  readonly resultsIntro: (candidates: number, raters: number) => string
  readonly colRank: string
  readonly colCandidate: string
  readonly colScore: string
  readonly colQualified: string
  readonly qualified: string
  readonly notQualified: string
  readonly recommended: (name: string) => string
  readonly tied: (names: string) => string
  readonly noneQualified: string
  readonly disagreementsHeading: string
  readonly noDisagreements: string
  readonly disagreementIntro: (spread: string) => string
  readonly colCriterion: string
  readonly colOpinions: string
  readonly colConsensus: string
  readonly consensusValue: (value: string, replaced: string) => string
  readonly consensusPass: (verdict: string, replaced: string) => string
  readonly consensusReason: (reason: string) => string
  readonly noConsensus: (aggregate: string) => string
  readonly otherConsensus: string
  readonly pass: string
  readonly fail: string
  readonly notRated: string
  readonly proposalHeading: string
  readonly proposal: (name: string) => string
  readonly proposalNone: string
  readonly proposalNotYet: string
  readonly computed: (name: string) => string
  readonly computedNone: string
  readonly deviation: (reason: string) => string
  readonly notesHeading: string
  readonly ended: (when: string) => string
  readonly endedUnknown: string
  readonly signSecretary: string
  readonly signChair: string
  readonly signHint: string
  readonly draft: string
  readonly footerPage: (x: number, y: number) => string
  readonly roles: Readonly<Record<string, string>>
  readonly and: string
  /** "08 giờ 30 phút, ngày 20 tháng 5 năm 2015" from an ISO time, in Viet Nam time. */
  readonly time: (parts: { hh: string; mm: string; day: string; month: string; year: string }) => string
  readonly timeOnly: (parts: { hh: string; mm: string }) => string
  readonly sameDay: (time: string) => string
}

const VI: MinutesStrings = {
  docType: 'BIÊN BẢN',
  subject: (title) => `Họp Tổ đánh giá ${title}`,
  numberPlaceholder: (suffix) => `…/BB-${suffix}`,
  started: (when) => `Thời gian bắt đầu: ${when}.`,
  startedUnknown: 'Thời gian bắt đầu: …… giờ …… ngày …… tháng …… năm ……',
  place: (place) => `Địa điểm: ${place}.`,
  placeUnknown: 'Địa điểm: ……',
  attendance: 'Thành phần tham dự:',
  chairedBy: (name) => `Chủ trì: ${name}.`,
  secretary: (name) => `Thư ký: ${name}.`,
  present: 'Có mặt:',
  absent: 'Vắng mặt:',
  noneAbsent: 'Vắng mặt: không.',
  absentLine: (name, role, reason) => `- ${name}, ${role} (lý do: ${reason})`,
  content: 'Nội dung cuộc họp:',
  resultsHeading: '1. Kết quả đánh giá (tóm tắt)',
  resultsIntro: (candidates, raters) => `Tổ đánh giá đã xem xét kết quả chấm điểm của ${raters} thành viên đối với ${candidates} phần mềm dự tuyển, như sau:`,
  colRank: 'Xếp hạng',
  colCandidate: 'Phần mềm',
  colScore: 'Điểm',
  colQualified: 'Kết quả',
  qualified: 'Đạt',
  notQualified: 'Không đạt',
  recommended: (name) => `Theo kết quả tính toán, phần mềm được đề xuất là: ${name}.`,
  tied: (names) => `Theo kết quả tính toán, các phần mềm ${names} bằng điểm nhau; Tổ đánh giá cần quyết định.`,
  noneQualified: 'Theo kết quả tính toán, không có phần mềm nào đạt yêu cầu.',
  disagreementsHeading: '2. Các ý kiến khác nhau đã thảo luận và thống nhất của Tổ đánh giá',
  noDisagreements: 'Không có tiêu chí nào có ý kiến chấm điểm chênh lệch đáng kể giữa các thành viên.',
  disagreementIntro: (spread) => `Các tiêu chí có điểm chấm chênh lệch từ ${spread} mức trở lên (tiêu chí đạt/không đạt: ý kiến khác nhau) đã được thảo luận:`,
  colCriterion: 'Tiêu chí',
  colOpinions: 'Ý kiến của thành viên',
  colConsensus: 'Thống nhất của Tổ đánh giá',
  consensusValue: (value, replaced) => `Thống nhất ${value} điểm (thay cho điểm tổng hợp ${replaced})`,
  consensusPass: (verdict, replaced) => `Thống nhất: ${verdict} (thay cho ý kiến đa số: ${replaced})`,
  consensusReason: (reason) => `Lý do: ${reason}`,
  noConsensus: (aggregate) => `Giữ điểm tổng hợp (${aggregate})`,
  otherConsensus: 'Thống nhất của Tổ đánh giá đối với các tiêu chí khác:',
  pass: 'Đạt',
  fail: 'Không đạt',
  notRated: 'chưa chấm',
  proposalHeading: '3. Đề xuất của Tổ đánh giá',
  proposal: (name) => `Tổ đánh giá đề xuất lựa chọn phần mềm: ${name}.`,
  proposalNone: 'Tổ đánh giá đề xuất không lựa chọn phần mềm nào.',
  proposalNotYet: 'Tổ trưởng chưa ghi đề xuất.',
  computed: (name) => `Kết quả tính toán đề xuất: ${name}.`,
  computedNone: 'Kết quả tính toán không đề xuất phần mềm nào.',
  deviation: (reason) => `Đề xuất khác với kết quả tính toán, lý do: ${reason}`,
  notesHeading: '4. Ý kiến khác',
  ended: (when) => `Cuộc họp kết thúc vào hồi ${when}.`,
  endedUnknown: 'Cuộc họp kết thúc vào hồi …… giờ …… cùng ngày.',
  signSecretary: 'THƯ KÝ',
  signChair: 'CHỦ TRÌ',
  signHint: '(Ký, ghi rõ họ tên)',
  draft: 'DỰ THẢO',
  footerPage: (x, y) => `Trang ${x}/${y}`,
  roles: { chair: 'Tổ trưởng', secretary: 'Thư ký', member: 'Thành viên', observer: 'Quan sát viên' },
  and: 'và',
  time: (p) => `${p.hh} giờ ${p.mm} phút, ngày ${p.day} tháng ${p.month} năm ${p.year}`,
  timeOnly: (p) => `${p.hh} giờ ${p.mm} phút`,
  sameDay: (time) => `${time} cùng ngày`,
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const EN: MinutesStrings = {
  docType: 'MINUTES',
  subject: (title) => `Meeting of the evaluation committee: ${title}`,
  numberPlaceholder: (suffix) => `…/BB-${suffix}`,
  started: (when) => `Started: ${when}.`,
  startedUnknown: 'Started: ……',
  place: (place) => `Place: ${place}.`,
  placeUnknown: 'Place: ……',
  attendance: 'Attendance:',
  chairedBy: (name) => `Chaired by: ${name}.`,
  secretary: (name) => `Secretary: ${name}.`,
  present: 'Present:',
  absent: 'Absent:',
  noneAbsent: 'Absent: none.',
  absentLine: (name, role, reason) => `- ${name}, ${role} (reason: ${reason})`,
  content: 'Proceedings:',
  resultsHeading: '1. Results of the evaluation (in brief)',
  resultsIntro: (candidates, raters) => `The committee reviewed the ratings of ${raters} members for ${candidates} candidate products:`,
  colRank: 'Rank',
  colCandidate: 'Product',
  colScore: 'Score',
  colQualified: 'Result',
  qualified: 'Qualified',
  notQualified: 'Not qualified',
  recommended: (name) => `The computed recommendation is: ${name}.`,
  tied: (names) => `By the computation, ${names} are tied; the committee must decide.`,
  noneQualified: 'By the computation, no product qualifies.',
  disagreementsHeading: '2. Disagreements discussed and the committee\'s consensus',
  noDisagreements: 'No criterion showed a marked disagreement between the members\' ratings.',
  disagreementIntro: (spread) => `Criteria whose ratings differed by ${spread} levels or more (pass/fail: mixed judgments) were discussed:`,
  colCriterion: 'Criterion',
  colOpinions: 'Members\' ratings',
  colConsensus: 'Committee consensus',
  consensusValue: (value, replaced) => `Agreed ${value} (replacing the aggregate ${replaced})`,
  consensusPass: (verdict, replaced) => `Agreed: ${verdict} (replacing the majority verdict: ${replaced})`,
  consensusReason: (reason) => `Reason: ${reason}`,
  noConsensus: (aggregate) => `Aggregate kept (${aggregate})`,
  otherConsensus: 'The committee\'s consensus on other criteria:',
  pass: 'Pass',
  fail: 'Fail',
  notRated: 'not rated',
  proposalHeading: '3. The committee\'s proposal',
  proposal: (name) => `The committee proposes to select: ${name}.`,
  proposalNone: 'The committee proposes to select no product.',
  proposalNotYet: 'The chair has not recorded a proposal yet.',
  computed: (name) => `The computed recommendation: ${name}.`,
  computedNone: 'The computation recommends no product.',
  deviation: (reason) => `The proposal differs from the computed recommendation, because: ${reason}`,
  notesHeading: '4. Other remarks',
  ended: (when) => `The meeting ended at ${when}.`,
  endedUnknown: 'The meeting ended at …… the same day.',
  signSecretary: 'SECRETARY',
  signChair: 'CHAIR',
  signHint: '(Signature and full name)',
  draft: 'DRAFT',
  footerPage: (x, y) => `Page ${x}/${y}`,
  roles: { chair: 'Chair', secretary: 'Secretary', member: 'Member', observer: 'Observer' },
  and: 'and',
  time: (p) => `${p.hh}:${p.mm}, ${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year}`,
  timeOnly: (p) => `${p.hh}:${p.mm}`,
  sameDay: (time) => `${time} the same day`,
}

export const minutesStrings = (lang: Lang): MinutesStrings => (lang === 'en' ? EN : VI)
