// Localized messages of the services' errors. Vietnamese first, English second; every key has both.
import type { Lang } from '../domain/messages.ts'

type Params = Record<string, string | number>
type Template = (p: Params) => string

const ROLE_NAMES: Record<Lang, Record<string, string>> = {
  vi: { chair: 'tổ trưởng', secretary: 'thư ký', member: 'thành viên', observer: 'quan sát viên' },
  en: { chair: 'chair', secretary: 'secretary', member: 'members', observer: 'observers' },
}
/** The status names the pages show (src/i18n `status.*`): a message never prints a raw code. */
const STATUS_NAMES: Record<Lang, Record<string, string>> = {
  vi: { draft: 'Dự thảo', scoring: 'Đang chấm điểm', review: 'Xem xét', price: 'Đánh giá về giá', finalized: 'Đã hoàn thành' },
  en: { draft: 'Draft', scoring: 'Scoring', review: 'Review', price: 'Price evaluation', finalized: 'Finalized' },
}
const statusName = (status: string | number | undefined, lang: Lang): string =>
  STATUS_NAMES[lang][String(status)] ?? String(status ?? '')
/** `"chair,secretary"` → "tổ trưởng, thư ký" / "chair, secretary". */
const roleNames = (roles: string | number | undefined, lang: Lang): string =>
  String(roles ?? '').split(',').map((r) => ROLE_NAMES[lang][r] ?? r).join(lang === 'vi' ? ', ' : ' or ')

const MESSAGES = {
  invalidInput: { vi: () => 'dữ liệu không hợp lệ', en: () => 'invalid input' },
  unauthenticated: { vi: () => 'cần đăng nhập', en: () => 'sign-in required' },
  badCredentials: { vi: () => 'tên đăng nhập hoặc mật khẩu không đúng', en: () => 'wrong username or password' },
  forbidden: { vi: () => 'bạn không có quyền thực hiện thao tác này', en: () => 'you are not allowed to do this' },
  adminOnly: { vi: () => 'chỉ quản trị hệ thống được thực hiện thao tác này', en: () => 'only an administrator may do this' },
  roleRequired: {
    vi: (p) => `chỉ ${roleNames(p.roles, 'vi')} của tổ đánh giá được thực hiện thao tác này`,
    en: (p) => `only the committee's ${roleNames(p.roles, 'en')} may do this`,
  },
  notFound: { vi: (p) => `không tìm thấy ${p.what}`, en: (p) => `${p.what} not found` },
  evaluationNotFound: { vi: (p) => `không tìm thấy đợt đánh giá ${p.id}`, en: (p) => `evaluation ${p.id} not found` },
  userNotFound: { vi: (p) => `không có tài khoản "${p.username}"`, en: (p) => `no account "${p.username}"` },
  catalogNotFound: {
    vi: (p) => `không có bộ tiêu chí "${p.id}"${p.version ? ` phiên bản ${p.version}` : ''}`,
    en: (p) => `no catalog "${p.id}"${p.version ? ` version ${p.version}` : ''}`,
  },
  candidateNotFound: { vi: (p) => `không có phần mềm dự tuyển "${p.id}"`, en: (p) => `no candidate "${p.id}"` },
  memberNotFound: { vi: (p) => `không có thành viên "${p.id}"`, en: (p) => `no member "${p.id}"` },
  reviewNotYet: {
    vi: () => 'bàn xem xét và biên bản họp chỉ có từ giai đoạn Xem xét',
    en: () => 'the review workspace and the minutes exist from the Review stage on',
  },
  consensusNotFound: {
    vi: (p) => `chưa có thống nhất của Tổ đánh giá cho "${p.candidate}" theo tiêu chí "${p.criterion}"`,
    en: (p) => `no committee consensus for "${p.candidate}" on "${p.criterion}"`,
  },
  criterionNotFound: { vi: (p) => `không có tiêu chí "${p.id}"`, en: (p) => `no criterion "${p.id}"` },
  usernameTaken: { vi: (p) => `tên đăng nhập "${p.username}" đã có`, en: (p) => `username "${p.username}" is taken` },
  passwordTooShort: { vi: () => 'mật khẩu phải có ít nhất 8 ký tự', en: () => 'the password needs at least 8 characters' },
  catalogIdReserved: {
    vi: (p) => `mã bộ tiêu chí "${p.id}" là của bộ tiêu chí đi kèm phần mềm: chỉ quản trị hệ thống được thêm phiên bản; hãy chọn mã khác`,
    en: (p) => `"${p.id}" is the id of a catalog shipped with the product: only an administrator may add a version; choose another id`,
  },
  currentPasswordWrong: { vi: () => 'mật khẩu hiện tại không đúng', en: () => 'the current password is wrong' },
  wrongState: {
    vi: (p) => `không thực hiện được khi đợt đánh giá đang ở trạng thái "${statusName(p.status, 'vi')}"`,
    en: (p) => `not possible while the evaluation's status is "${statusName(p.status, 'en')}"`,
  },
  illegalTransition: {
    vi: (p) => `không thể chuyển từ "${statusName(p.from, 'vi')}" sang "${statusName(p.to, 'vi')}"`,
    en: (p) => `cannot move from "${statusName(p.from, 'en')}" to "${statusName(p.to, 'en')}"`,
  },
  transitionBlocked: {
    vi: (p) => `chưa thể chuyển sang "${statusName(p.to, 'vi')}": chưa đủ điều kiện`,
    en: (p) => `cannot move to "${statusName(p.to, 'en')}" yet: conditions not met`,
  },
  needCandidate: { vi: () => 'cần ít nhất một phần mềm dự tuyển', en: () => 'needs at least one candidate' },
  needRater: { vi: () => 'cần ít nhất một thành viên chấm điểm', en: () => 'needs at least one rater' },
  sheetIncomplete: {
    vi: (p) => `phiếu chấm điểm của ${p.member} cho "${p.candidate}" chưa đủ (${p.rated}/${p.total} tiêu chí)`,
    en: (p) => `${p.member}'s score sheet for "${p.candidate}" is incomplete (${p.rated}/${p.total} criteria)`,
  },
  needConclusion: { vi: () => 'tổ trưởng chưa viết kết luận', en: () => 'the chair has not written the conclusion' },
  needProposal: { vi: () => 'tổ trưởng chưa chọn đề xuất (một phần mềm hoặc không đề xuất)', en: () => 'the chair has not made the proposal (a candidate, or none)' },
  needDeviation: {
    vi: () => 'đề xuất khác với kết quả chấm điểm: cần nêu lý do',
    en: () => 'the proposal differs from the computed recommendation: a reason is required',
  },
  proposalByChair: {
    vi: () => 'chỉ tổ trưởng được chọn đề xuất, và chỉ trong giai đoạn Xem xét',
    en: () => 'only the chair makes the proposal, and only in review',
  },
  reasonRequired: { vi: () => 'cần nêu lý do', en: () => 'a reason is required' },
  noPriceEnvelope: {
    vi: () => 'đợt đánh giá này chỉ đánh giá về kỹ thuật, không có đề xuất giá (chọn phương pháp "giá thấp nhất" hoặc "kết hợp kỹ thuật và giá" khi thiết lập)',
    en: () => 'this evaluation is technical only and has no price proposals (choose "lowest price" or "combined technical and price" in setup)',
  },
  evaluatedPriceTooLow: {
    vi: (p) => `giá đánh giá (giá dự thầu cộng các khoản điều chỉnh) phải từ 1 đồng trở lên, đang là ${p.value}`,
    en: (p) => `the evaluated price (price plus adjustments) must be at least 1 VND, it is ${p.value}`,
  },
  priceMissing: {
    vi: (p) => `chưa ghi nhận giá dự thầu của phần mềm "${p.candidate}", đã đạt yêu cầu về kỹ thuật`,
    en: (p) => `no price recorded for "${p.candidate}", which qualified technically`,
  },
  priceNotQualified: {
    vi: (p) => `phần mềm "${p.candidate}" không đạt yêu cầu về kỹ thuật nên không được mở và đánh giá đề xuất giá`,
    en: (p) => `"${p.candidate}" did not qualify technically, so its price proposal is not opened or evaluated`,
  },
  kRequired: {
    vi: () => 'phương pháp kết hợp kỹ thuật và giá cần tỷ trọng điểm kỹ thuật K, lớn hơn 0 và nhỏ hơn 100',
    en: () => 'the combined method needs the technical weight K, above 0 and below 100',
  },
  backToDraftRated: {
    vi: (p) => `không thể đưa về Dự thảo: đã có ${p.count} điểm được chấm`,
    en: (p) => `cannot go back to draft: ${p.count} ratings have been entered`,
  },
  reviewReasonRequired: {
    vi: () => 'trong giai đoạn Xem xét, sửa điểm phải nêu lý do',
    en: () => 'in review, a change of rating needs a reason',
  },
  conclusionByChair: {
    vi: () => 'chỉ tổ trưởng được viết kết luận, và chỉ trong giai đoạn Xem xét',
    en: () => 'only the chair writes the conclusion, and only in review',
  },
  alreadyDeclared: {
    vi: () => 'thành viên đã ký cam kết không xung đột lợi ích',
    en: () => 'the conflict-of-interest declaration has already been made',
  },
  declarationRequired: {
    vi: () => 'cần ký cam kết không xung đột lợi ích trước khi chấm điểm',
    en: () => 'make the conflict-of-interest declaration before rating',
  },
  abstains: {
    vi: (p) => `thành viên không tham gia chấm "${p.candidate}" (xung đột lợi ích)`,
    en: (p) => `the member abstains for "${p.candidate}" (conflict of interest)`,
  },
  notARater: { vi: () => 'chỉ tổ trưởng và thành viên chấm điểm', en: () => 'only the chair and members rate' },
  ownRatingsOnly: { vi: () => 'chỉ được chấm phiếu của chính mình', en: () => 'you may only enter your own ratings' },
  ahpInconsistent: {
    vi: (p) => `ma trận so sánh cặp chưa nhất quán (CR = ${p.cr} > 0,10): cần xác nhận để áp dụng trọng số`,
    en: (p) => `the pairwise matrix is inconsistent (CR = ${p.cr} > 0.10): confirm to apply the weights`,
  },
  ahpSize: {
    vi: (p) => `ma trận phải là ${p.n}×${p.n}, theo thứ tự các tiêu chí chấm điểm trong nhóm`,
    en: (p) => `the matrix must be ${p.n}×${p.n}, in the order of the group's scored children`,
  },
  notAGroup: { vi: (p) => `"${p.id}" không phải nhóm tiêu chí`, en: (p) => `"${p.id}" is not a group` },
  lastChild: {
    vi: (p) => `không thể xóa tiêu chí cuối cùng của nhóm "${p.id}"`,
    en: (p) => `cannot delete the last child of group "${p.id}"`,
  },
  chairStays: { vi: () => 'không thể xóa tổ trưởng khỏi tổ đánh giá', en: () => 'the chair cannot be removed' },
  alreadyMember: {
    vi: (p) => `"${p.username}" đã là thành viên của tổ đánh giá`,
    en: (p) => `"${p.username}" is already on the committee`,
  },
  idTaken: { vi: (p) => `mã "${p.id}" đã được dùng`, en: (p) => `id "${p.id}" is already used` },
  resultsNotYet: {
    vi: () => 'kết quả chỉ được xem từ giai đoạn Xem xét',
    en: () => 'results are shown from review on',
  },
  oneChair: { vi: () => 'tổ đánh giá chỉ có một tổ trưởng', en: () => 'a committee has one chair' },
  exportNotYet: {
    vi: () => 'chỉ xuất tệp đánh giá từ giai đoạn Xem xét (bảo đảm chấm độc lập)',
    en: () => 'the evaluation file is exported from review on (blind scoring)',
  },
  auditSeq: { vi: (p) => `nhật ký: thiếu hoặc lệch số thứ tự tại mục ${p.seq} (cần ${p.expected})`, en: (p) => `audit: sequence gap at entry ${p.seq} (expected ${p.expected})` },
  auditLink: { vi: (p) => `nhật ký: mục ${p.seq} không nối với mục trước (chuỗi băm bị đứt)`, en: (p) => `audit: entry ${p.seq} does not link to the previous one (broken chain)` },
  auditHash: { vi: (p) => `nhật ký: mục ${p.seq} đã bị sửa (mã băm không khớp)`, en: (p) => `audit: entry ${p.seq} was altered (hash mismatch)` },
  auditHead: {
    vi: (p) => `nhật ký: đầu chuỗi ghi ở đợt đánh giá là mục ${p.headSeq} nhưng nhật ký kết thúc ở mục ${p.lastSeq} (bị cắt hoặc bị thêm)`,
    en: (p) => `audit: the evaluation's head is entry ${p.headSeq} but the log ends at entry ${p.lastSeq} (truncated or extended)`,
  },
  auditHeadHash: { vi: () => 'nhật ký: mã băm đầu chuỗi không khớp mục cuối', en: () => "audit: the head hash does not match the last entry" },
  auditRatingMissing: { vi: (p) => `điểm ${p.key} có trong nhật ký nhưng không có trong bảng điểm`, en: (p) => `rating ${p.key} is in the audit log but not in the ratings table` },
  auditRatingExtra: { vi: (p) => `điểm ${p.key} có trong bảng điểm nhưng không có trong nhật ký`, en: (p) => `rating ${p.key} is in the ratings table but not in the audit log` },
  auditRatingDiffers: {
    vi: (p) => `điểm ${p.key} trong bảng điểm (${p.actual}) khác với nhật ký (${p.expected})`,
    en: (p) => `rating ${p.key} in the ratings table (${p.actual}) differs from the audit log (${p.expected})`,
  },
  passFailNoWeight: {
    vi: (p) => `tiêu chí đạt/không đạt "${p.id}" không có trọng số và điểm tối thiểu`,
    en: (p) => `pass/fail criterion "${p.id}" takes no weight and no threshold`,
  },
  tooLarge: { vi: () => 'dữ liệu gửi lên quá lớn', en: () => 'the request body is too large' },
  unsupportedMediaType: { vi: () => 'kiểu dữ liệu gửi lên không được hỗ trợ', en: () => 'unsupported media type' },
  malformedJson: { vi: () => 'JSON không hợp lệ', en: () => 'malformed JSON' },
  evaluationFinalized: { vi: () => 'đợt đánh giá đã hoàn thành, không thay đổi được', en: () => 'the evaluation is finalized and cannot change' },
  reportNotYet: {
    vi: () => 'báo cáo có từ giai đoạn Xem xét (bảo đảm chấm độc lập)',
    en: () => 'the report is available from review on (blind scoring)',
  },
  // Data in and out (xlsx, evaluation files, catalogs).
  sheetRefused: {
    vi: () => 'phiếu chấm điểm không được nhận; chưa có điểm nào được ghi',
    en: () => 'the score sheet was refused; no rating was saved',
  },
  sheetFileMissing: {
    vi: () => 'chưa chọn tệp Excel (.xlsx) phiếu chấm điểm để tải lên',
    en: () => 'choose the filled-in score sheet (.xlsx) to upload',
  },
  workbookNotYet: {
    vi: () => 'bảng tính kết quả chỉ được xuất từ giai đoạn Xem xét (bảo đảm chấm độc lập)',
    en: () => 'the results workbook is exported from review on (blind scoring)',
  },
  archiveWriteFailed: {
    vi: (p) => `không ghi được báo cáo vào thư mục lưu trữ báo cáo (REPORTS_DIR: ${p.dir}; lỗi ${p.code}); chưa hoàn thành — đợt đánh giá vẫn ở giai đoạn ${statusName(p.status ?? 'review', 'vi')}`,
    en: (p) => `the reports could not be written to the reports archive (REPORTS_DIR: ${p.dir}; error ${p.code}); not finalized — the evaluation stays in ${statusName(p.status ?? 'review', 'en').toLowerCase()}`,
  },
  archiveRenderFailed: {
    vi: (p) => `không tạo được báo cáo để lưu trữ; chưa hoàn thành — đợt đánh giá vẫn ở giai đoạn ${statusName(p.status ?? 'review', 'vi')}`,
    en: (p) => `the report could not be produced for the archive; not finalized — the evaluation stays in ${statusName(p.status ?? 'review', 'en').toLowerCase()}`,
  },
  // §14 the signed report
  signingFailed: {
    vi: (p) => `không ký số được báo cáo: ${p.reason}; chưa hoàn thành — đợt đánh giá vẫn ở giai đoạn ${statusName(p.status ?? 'review', 'vi')}`,
    en: (p) => `the report could not be signed: ${p.reason}; not finalized — the evaluation stays in ${statusName(p.status ?? 'review', 'en').toLowerCase()}`,
  },
  signedNotFinalized: {
    vi: () => 'chỉ nhận bản ký số của báo cáo đã hoàn thành (đã lưu trữ)',
    en: () => 'a signed copy is taken only for a finalized (archived) report',
  },
  signedNotPdf: { vi: () => 'tệp tải lên không phải tệp PDF', en: () => 'the uploaded file is not a PDF' },
  signedTooLarge: { vi: () => 'tệp tải lên quá lớn', en: () => 'the uploaded file is too large' },
  signedDifferentDocument: {
    vi: () => 'tệp không phải bản ký số của báo cáo đã lưu trữ: phần đầu của tệp (bản trước khi ký) khác với báo cáo lưu trữ',
    en: () => 'the file is not a signed copy of the archived report: its first revision (before signing) differs from the archived report',
  },
  signedNoSignature: {
    vi: () => 'tệp có nội dung của báo cáo lưu trữ nhưng không có chữ ký số nào được thêm vào',
    en: () => 'the file holds the archived report but no digital signature was added to it',
  },
  signedBroken: {
    vi: () => 'chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký hoặc chữ ký không khớp với chứng thư số',
    en: () => 'the digital signature is broken: the content was changed after signing or the signature does not match the certificate',
  },
  signedExists: {
    vi: () => 'báo cáo này đã có bản ký số được lưu; bản đã lưu không bị ghi đè',
    en: () => 'a signed copy of this report is already kept; it is never overwritten',
  },
  auditBroken: {
    vi: () => 'nhật ký thay đổi không toàn vẹn (kiểm tra chuỗi băm không đạt); không thể hoàn thành đợt đánh giá',
    en: () => 'the change history does not verify (broken hash chain); the evaluation cannot be finalized',
  },
  changedMeanwhile: {
    vi: () => 'đợt đánh giá vừa có thay đổi trong lúc lập báo cáo; chưa hoàn thành — hãy thử lại',
    en: () => 'the evaluation changed while its report was being produced; not finalized — try again',
  },
  notPaperRater: {
    vi: (p) => `thành viên "${p.member}" không chấm trên giấy; thư ký chỉ nhập thay phiếu của thành viên được đánh dấu "chấm trên giấy" ở giai đoạn Dự thảo`,
    en: (p) => `member "${p.member}" does not rate on paper; the secretary enters sheets only for members marked "rates on paper" in draft`,
  },
  paperNotRater: {
    vi: () => 'chỉ thành viên chấm điểm (tổ trưởng, thành viên) mới chấm trên giấy',
    en: () => 'only a rater (the chair or a member) rates on paper',
  },
  onBehalfReasonRequired: {
    vi: () => 'cần nêu lý do nhập thay phiếu chấm điểm',
    en: () => 'a reason for entering the score sheet on the rater’s behalf is required',
  },
  ratedOnlineRefused: {
    vi: (p) => `thành viên "${p.member}" đã tự chấm trực tuyến; thư ký không nhập thay, không ghi đè: chưa ghi gì`,
    en: (p) => `member "${p.member}" has rated online; the secretary neither enters on their behalf nor overwrites: nothing was saved`,
  },
  ratedOnline: {
    vi: (p) => `phần mềm "${p.candidate}", tiêu chí ${p.criterion}: thành viên "${p.member}" đã tự chấm trực tuyến phần mềm này`,
    en: (p) => `candidate "${p.candidate}", criterion ${p.criterion}: member "${p.member}" has rated this candidate online`,
  },
  raterNotDeclared: {
    vi: (p) => `thành viên "${p.member}" chưa tự ghi cam kết không xung đột lợi ích; cam kết là của riêng mỗi người (đăng nhập để ghi), không ai ghi thay`,
    en: (p) => `member "${p.member}" has not made their conflict-of-interest declaration; it is personal (they sign in to make it) and nobody records it for them`,
  },
  ahpDropped: {
    vi: (p) => `trọng số AHP của ${p.group ? `nhóm "${p.group}"` : 'cấp cao nhất'} đã được bỏ vì tập tiêu chí con thay đổi; các trọng số hiện tại được giữ nguyên, hãy lập lại ma trận nếu cần`,
    en: (p) => `the AHP matrix of ${p.group ? `group "${p.group}"` : 'the top level'} was dropped because its set of children changed; the current weights are kept — redo the matrix if needed`,
  },
  catalogExists: {
    vi: (p) => `bộ tiêu chí "${p.id}" phiên bản ${p.version} đã có; một phiên bản đã công bố không bị ghi đè — hãy đặt số phiên bản mới`,
    en: (p) => `catalog "${p.id}" version ${p.version} exists already; a published version is never overwritten — choose a new version number`,
  },
  catalogInvalid: {
    vi: () => 'tệp bộ tiêu chí không hợp lệ; chưa lưu gì',
    en: () => 'the catalog file is not valid; nothing was saved',
  },
} satisfies Record<string, Record<Lang, Template>>

export type ServiceMessageKey = keyof typeof MESSAGES

export function serviceMessage(lang: Lang, key: ServiceMessageKey, params: Params = {}): string {
  return (MESSAGES[key][lang] as Template)(params)
}
