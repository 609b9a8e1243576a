// The audit verification's messages (§7), Vietnamese first, English second: what differs, named
// as the pages name it, with the column's code after it for whoever opens the database.
import type { Lang } from '../domain/messages.ts'

const TABLES: Record<Lang, Record<string, string>> = {
  vi: {
    evaluations: 'Đợt đánh giá', candidates: 'Phần mềm dự tuyển', members: 'Thành viên', abstentions: 'Trường hợp không chấm (xung đột lợi ích)',
    ratings: 'Điểm chấm', users: 'Tài khoản', catalogs: 'Bộ tiêu chí', consensus: 'Điểm thống nhất của Tổ', prices: 'Giá dự thầu',
  },
  en: {
    evaluations: 'Evaluation', candidates: 'Candidate', members: 'Member', abstentions: 'Abstention (conflict of interest)',
    ratings: 'Rating', users: 'Account', catalogs: 'Catalog', consensus: 'Consensus', prices: 'Price',
  },
}

const COLUMNS: Record<Lang, Record<string, string>> = {
  vi: {
    'evaluations.title': 'tên đợt đánh giá', 'evaluations.basis': 'căn cứ', 'evaluations.status': 'giai đoạn',
    'evaluations.deadline': 'hạn chấm', 'evaluations.catalog_id': 'bộ tiêu chí', 'evaluations.catalog_version': 'phiên bản bộ tiêu chí',
    'evaluations.aggregation': 'cách tổng hợp điểm', 'evaluations.threshold': 'ngưỡng đạt', 'evaluations.disagreement_spread': 'ngưỡng chênh lệch',
    'evaluations.monte_carlo': 'thiết lập Monte Carlo', 'evaluations.scale': 'thang điểm', 'evaluations.criteria': 'tiêu chí và trọng số',
    'evaluations.report': 'thông tin báo cáo', 'evaluations.created_by': 'người tạo', 'evaluations.created_at': 'thời điểm tạo',
    'evaluations.ahp': 'ma trận AHP cấp trên cùng', 'evaluations.method': 'phương pháp xếp hạng có giá', 'evaluations.price_k': 'trọng số kỹ thuật K', 'evaluations.archived': 'lưu trữ',
    'members.paper': 'chấm trên giấy', 'ratings.on_behalf': 'thư ký nhập thay',
    'consensus.value': 'điểm', 'consensus.pass': 'đạt/không đạt', 'consensus.reason': 'lý do', 'consensus.updated_at': 'thời điểm ghi',
    'prices.price': 'giá', 'prices.adjustments': 'hiệu chỉnh', 'prices.updated_at': 'thời điểm ghi',
    'candidates.name': 'tên', 'candidates.vendor': 'đơn vị cung cấp', 'candidates.version': 'phiên bản', 'candidates.position': 'thứ tự',
    'members.user_id': 'tài khoản liên kết', 'members.username': 'tên đăng nhập', 'members.name': 'họ tên', 'members.role': 'vai trò',
    'members.declared_at': 'thời điểm cam kết', 'members.position': 'thứ tự',
    'abstentions.reason': 'lý do',
    'ratings.value': 'điểm', 'ratings.pass': 'đạt/không đạt', 'ratings.comment': 'nhận xét', 'ratings.updated_at': 'thời điểm chấm',
    'users.username': 'tên đăng nhập', 'users.display_name': 'họ tên', 'users.password_hash': 'mật khẩu (mã băm)',
    'users.is_admin': 'quyền quản trị', 'users.created_at': 'thời điểm tạo',
    'catalogs.title': 'tên bộ tiêu chí', 'catalogs.yaml': 'nội dung (YAML)', 'catalogs.source_evaluation_id': 'đợt đánh giá nguồn',
    'catalogs.created_by': 'người lưu', 'catalogs.created_at': 'thời điểm lưu',
  },
  en: {
    'evaluations.title': 'title', 'evaluations.basis': 'basis', 'evaluations.status': 'status',
    'evaluations.deadline': 'deadline', 'evaluations.catalog_id': 'catalog', 'evaluations.catalog_version': 'catalog version',
    'evaluations.aggregation': 'aggregation', 'evaluations.threshold': 'pass threshold', 'evaluations.disagreement_spread': 'disagreement spread',
    'evaluations.monte_carlo': 'Monte Carlo settings', 'evaluations.scale': 'scale', 'evaluations.criteria': 'criteria and weights',
    'evaluations.report': 'report details', 'evaluations.created_by': 'created by', 'evaluations.created_at': 'created at',
    'evaluations.ahp': 'top-level AHP matrix', 'evaluations.method': 'price method', 'evaluations.price_k': 'technical weight K', 'evaluations.archived': 'archived',
    'members.paper': 'rates on paper', 'ratings.on_behalf': 'entered by the secretary',
    'consensus.value': 'score', 'consensus.pass': 'pass/fail', 'consensus.reason': 'reason', 'consensus.updated_at': 'recorded at',
    'prices.price': 'price', 'prices.adjustments': 'adjustments', 'prices.updated_at': 'recorded at',
    'candidates.name': 'name', 'candidates.vendor': 'vendor', 'candidates.version': 'version', 'candidates.position': 'order',
    'members.user_id': 'linked account', 'members.username': 'username', 'members.name': 'name', 'members.role': 'role',
    'members.declared_at': 'declared at', 'members.position': 'order',
    'abstentions.reason': 'reason',
    'ratings.value': 'score', 'ratings.pass': 'pass/fail', 'ratings.comment': 'comment', 'ratings.updated_at': 'rated at',
    'users.username': 'username', 'users.display_name': 'display name', 'users.password_hash': 'password (hash)',
    'users.is_admin': 'administrator', 'users.created_at': 'created at',
    'catalogs.title': 'title', 'catalogs.yaml': 'content (YAML)', 'catalogs.source_evaluation_id': 'source evaluation',
    'catalogs.created_by': 'saved by', 'catalogs.created_at': 'saved at',
  },
}

export const tableLabel = (lang: Lang, table: string): string => TABLES[lang][table] ?? table
export const columnLabel = (lang: Lang, table: string, column: string): string => {
  const label = COLUMNS[lang][`${table}.${column}`]
  return label ? `${label} (${column})` : column
}

type P = Record<string, string | number>
const M = {
  missing: {
    vi: (p: P) => `${p.table} ${p.key}: nhật ký có nhưng cơ sở dữ liệu không có (bị xóa ngoài ứng dụng)`,
    en: (p: P) => `${p.table} ${p.key}: in the audit log but not in the database (deleted behind the application's back)`,
  },
  extra: {
    vi: (p: P) => `${p.table} ${p.key}: có trong cơ sở dữ liệu nhưng nhật ký không ghi (thêm ngoài ứng dụng)`,
    en: (p: P) => `${p.table} ${p.key}: in the database but not in the audit log (added behind the application's back)`,
  },
  differs: {
    vi: (p: P) => `${p.table} ${p.key}, ${p.column}: cơ sở dữ liệu ghi ${p.actual}, nhật ký ghi ${p.expected}`,
    en: (p: P) => `${p.table} ${p.key}, ${p.column}: the database holds ${p.actual}, the audit log ${p.expected}`,
  },
  differsHidden: {
    vi: (p: P) => `${p.table} ${p.key}, ${p.column}: cơ sở dữ liệu khác với nhật ký (giá trị ẩn khi chấm độc lập)`,
    en: (p: P) => `${p.table} ${p.key}, ${p.column}: the database differs from the audit log (values hidden during blind scoring)`,
  },
  unknownAction: {
    vi: (p: P) => `nhật ký: mục ${p.seq} có thao tác "${p.action}" mà phần kiểm tra chưa biết cách phát lại`,
    en: (p: P) => `audit: entry ${p.seq} has action "${p.action}", which the verification cannot replay`,
  },
  unreplayable: {
    vi: (p: P) => `nhật ký: mục ${p.seq} không phát lại được (${p.detail})`,
    en: (p: P) => `audit: entry ${p.seq} cannot be replayed (${p.detail})`,
  },
  empty: { vi: () => '(trống)', en: () => '(empty)' },
} as const

export type AuditMessageKey = keyof typeof M
export const auditMessage = (lang: Lang, key: AuditMessageKey, params: P = {}): string => M[key][lang](params)
