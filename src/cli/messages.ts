// The command line's own messages, Vietnamese first (the default), English with `--lang en`.
import type { DatabaseOpenError, DatabaseProblem } from '../db/create-db.ts'
import type { Lang } from '../domain/messages.ts'

type Params = Record<string, string | number>
type Template = (p: Params) => string

const MESSAGES = {
  usage: {
    vi: () => `Cách dùng: npm run cli -- <lệnh> [--lang vi|en]

Lệnh:
  catalog validate <tệp...>             kiểm tra các tệp bộ tiêu chí
  catalog export <mã> --id X --version Y [--title T] --out <tệp.yaml>
                                        lưu bộ tiêu chí của cuộc đánh giá thành tệp bộ tiêu chí
  compute <evaluation.json>             tính kết quả (JSON §9) từ tệp đánh giá
  ahp <matrix.json>                     trọng số AHP từ { "matrix": [[…]] }
  user add <tên> [--admin] [--password P] [--name "Họ tên"]
                                        tạo tài khoản
  demo                                  nạp cuộc đánh giá mẫu, in mã số
  results <mã>                          bảng kết quả trong cửa sổ lệnh
  audit verify <mã>                     kiểm tra chuỗi nhật ký, phát lại và đối chiếu mọi bảng
  audit verify --system                 kiểm tra nhật ký hệ thống (tài khoản, bộ tiêu chí)
  export <mã> --out <tệp.json|tệp.xlsx> xuất tệp đánh giá (§9) hoặc bảng tính kết quả (Excel)
  import <tệp.json>                     nhập tệp đánh giá, in mã số
  backup <tệp>                          sao lưu trực tuyến cơ sở dữ liệu
  report <mã|evaluation.json> --out <tệp.pdf> [--lang vi|en]
                                        báo cáo kết quả đánh giá và đề xuất (PDF)
  report --blank <mã|evaluation.json> --out <tệp.pdf>
                                        phiếu chấm điểm trống để chấm trên giấy (PDF)
  report verify <tệp.pdf>               người ký, thời gian ký, nội dung đã ký còn nguyên vẹn không,
                                        mã băm dữ liệu và đợt đánh giá có mã băm đó (§14)
  hash <mã|evaluation.json>             mã kiểm tra dữ liệu (SHA-256) in trong báo cáo,
                                        và mã kiểm tra nhật ký với cuộc đánh giá trong cơ sở dữ liệu`,
    en: () => `Usage: npm run cli -- <command> [--lang vi|en]

Commands:
  catalog validate <file...>            validate catalog files
  catalog export <id> --id X --version Y [--title T] --out <file.yaml>
                                        an evaluation's criteria as a catalog file
  compute <evaluation.json>             compute the results (§9 JSON) of an evaluation file
  ahp <matrix.json>                     AHP weights from { "matrix": [[…]] }
  user add <username> [--admin] [--password P] [--name "Full name"]
                                        create an account
  demo                                  load the demo evaluation, print its id
  results <id>                          the results as a table in the terminal
  audit verify <id>                     check the audit chain, replay it against every table
  audit verify --system                 check the system audit chain (accounts, catalogs)
  export <id> --out <file.json|file.xlsx>
                                        export the evaluation file (§9) or the results workbook
  import <file.json>                    import an evaluation file, print its id
  backup <file>                         online backup of the database
  report <id|evaluation.json> --out <file.pdf> [--lang vi|en]
                                        the evaluation report and recommendation (PDF)
  report --blank <id|evaluation.json> --out <file.pdf>
                                        blank score sheets for rating on paper (PDF)
  report verify <file.pdf>              signer, signing time, whether the signed bytes are intact,
                                        the data hash and the evaluation with that hash (§14)
  hash <id|evaluation.json>             the data check code (SHA-256) the report prints, and
                                        the audit log check code for an evaluation in the database`,
  },
  hashLine: { vi: (p) => `Mã kiểm tra dữ liệu đánh giá (SHA-256): ${p.hash}`, en: (p) => `Evaluation data check code (SHA-256): ${p.hash}` },
  auditHeadLine: { vi: (p) => `Mã kiểm tra nhật ký đánh giá: ${p.head}`, en: (p) => `Evaluation log check code: ${p.head}` },
  unknownCommand: { vi: (p) => `lệnh không hợp lệ: ${p.command}`, en: (p) => `unknown command: ${p.command}` },
  missingArgument: { vi: (p) => `thiếu ${p.what}`, en: (p) => `missing ${p.what}` },
  badId: { vi: (p) => `mã cuộc đánh giá không hợp lệ: ${p.id}`, en: (p) => `not an evaluation id: ${p.id}` },
  unreadable: { vi: (p) => `${p.file}: không đọc được tệp (${p.detail})`, en: (p) => `${p.file}: cannot read the file (${p.detail})` },
  badJson: { vi: (p) => `${p.file}: JSON không hợp lệ: ${p.detail}`, en: (p) => `${p.file}: invalid JSON: ${p.detail}` },
  passwordPrompt: { vi: () => 'Mật khẩu: ', en: () => 'Password: ' },
  passwordRepeat: { vi: () => 'Nhập lại mật khẩu: ', en: () => 'Repeat the password: ' },
  passwordMismatch: { vi: () => 'hai lần nhập mật khẩu không khớp', en: () => 'the passwords do not match' },
  passwordNeeded: {
    vi: () => 'cần mật khẩu: dùng --password hoặc chạy trong cửa sổ lệnh để nhập',
    en: () => 'a password is needed: use --password or run in a terminal to be prompted',
  },
  userCreated: { vi: (p) => `đã tạo tài khoản "${p.username}" (mã ${p.id})${p.admin ? ', quản trị' : ''}`, en: (p) => `created account "${p.username}" (id ${p.id})${p.admin ? ', admin' : ''}` },
  demoLoaded: { vi: (p) => `đã nạp cuộc đánh giá mẫu, mã số: ${p.id}`, en: (p) => `demo evaluation loaded, id: ${p.id}` },
  demoAccounts: { vi: (p) => `tài khoản của tổ đánh giá mẫu (mật khẩu chung, chỉ in một lần: ${p.password}):`, en: (p) => `accounts of the demo committee (one password, printed once: ${p.password}):` },
  demoAccount: {
    vi: (p) => `  ${p.username}  ${p.name} (${({ chair: 'tổ trưởng', secretary: 'thư ký', member: 'thành viên', observer: 'quan sát viên' } as Record<string, string>)[String(p.role)] ?? p.role})`,
    en: (p) => `  ${p.username}  ${p.name} (${p.role})`,
  },
  demoAccountsKept: { vi: (p) => `tài khoản đã có, giữ nguyên mật khẩu: ${p.usernames}`, en: (p) => `accounts that existed, password unchanged: ${p.usernames}` },
  imported: { vi: (p) => `đã nhập cuộc đánh giá, mã số: ${p.id}`, en: (p) => `evaluation imported, id: ${p.id}` },
  exported: { vi: (p) => `đã ghi ${p.file}`, en: (p) => `wrote ${p.file}` },
  exportExtension: {
    vi: (p) => `${p.file}: tên tệp xuất phải kết thúc bằng .json (tệp đánh giá) hoặc .xlsx (bảng tính kết quả)`,
    en: (p) => `${p.file}: the output file must end in .json (evaluation file) or .xlsx (results workbook)`,
  },
  fileExists: { vi: (p) => `${p.file} đã có; không ghi đè`, en: (p) => `${p.file} exists already; not overwritten` },
  catalogExported: { vi: (p) => `đã ghi ${p.file} (bộ tiêu chí ${p.id} phiên bản ${p.version})`, en: (p) => `wrote ${p.file} (catalog ${p.id} version ${p.version})` },
  backupPostgres: {
    vi: () => 'cơ sở dữ liệu là PostgreSQL (DATABASE_URL): lệnh backup chỉ sao lưu SQLite. Hãy dùng pg_dump, an toàn khi máy chủ đang chạy:\n  pg_dump --format=custom --file=<tệp.dump> "$DATABASE_URL"\nkhôi phục: pg_restore --clean --if-exists --dbname="$DATABASE_URL" <tệp.dump>',
    en: () => 'the database is PostgreSQL (DATABASE_URL): the backup command copies SQLite only. Use pg_dump, safe while the server runs:\n  pg_dump --format=custom --file=<file.dump> "$DATABASE_URL"\nrestore: pg_restore --clean --if-exists --dbname="$DATABASE_URL" <file.dump>',
  },
  dbUnreachable: {
    vi: (p) => `không kết nối được cơ sở dữ liệu ${p.target} (máy chủ không chạy, sai máy hoặc sai cổng?): ${p.detail}`,
    en: (p) => `cannot reach the database ${p.target} (server down, wrong host or port?): ${p.detail}`,
  },
  dbAuthentication: {
    vi: (p) => `cơ sở dữ liệu ${p.target} từ chối đăng nhập (sai tên người dùng hoặc mật khẩu trong DATABASE_URL): ${p.detail}`,
    en: (p) => `the database ${p.target} refused the login (wrong user name or password in DATABASE_URL): ${p.detail}`,
  },
  dbNoDatabase: {
    vi: (p) => `chưa có cơ sở dữ liệu ${p.target}: hãy tạo trước (createdb): ${p.detail}`,
    en: (p) => `the database ${p.target} does not exist: create it first (createdb): ${p.detail}`,
  },
  dbNewerSchema: {
    vi: (p) => `cơ sở dữ liệu ${p.target} do phiên bản mới hơn của phần mềm tạo ra (có bước chuyển đổi lạ: ${p.detail}); hãy dùng phiên bản đó hoặc mới hơn, không chạy phiên bản cũ trên dữ liệu này`,
    en: (p) => `the database ${p.target} was written by a newer version of this software (unknown migrations: ${p.detail}); run that version or later, not this older one, on it`,
  },
  dbCannotOpen: {
    vi: (p) => `không mở được tệp cơ sở dữ liệu ${p.target} (quyền truy cập, thư mục DATA_DIR?): ${p.detail}`,
    en: (p) => `cannot open the database file ${p.target} (permissions, DATA_DIR?): ${p.detail}`,
  },
  backedUp: { vi: (p) => `đã sao lưu vào ${p.file} (${p.pages} trang)`, en: (p) => `backed up to ${p.file} (${p.pages} pages)` },
  auditOk: { vi: (p) => `nhật ký hợp lệ: ${p.entries} mục, chuỗi băm khớp, phát lại khớp mọi bảng của đợt đánh giá`, en: (p) => `audit log valid: ${p.entries} entries, hash chain intact, the replay matches every table of the evaluation` },
  auditSystemOk: { vi: (p) => `nhật ký hệ thống hợp lệ: ${p.entries} mục, chuỗi băm khớp, phát lại khớp tài khoản và bộ tiêu chí`, en: (p) => `system audit log valid: ${p.entries} entries, hash chain intact, the replay matches accounts and catalogs` },
  auditBroken: { vi: (p) => `nhật ký KHÔNG hợp lệ (${p.entries} mục):`, en: (p) => `audit log BROKEN (${p.entries} entries):` },
  rank: { vi: () => 'Hạng', en: () => 'Rank' },
  candidate: { vi: () => 'Phần mềm', en: () => 'Candidate' },
  total: { vi: () => 'Tổng điểm', en: () => 'Total' },
  qualified: { vi: () => 'Kết quả', en: () => 'Outcome' },
  pass: { vi: () => 'ĐẠT', en: () => 'QUALIFIED' },
  fail: { vi: () => 'KHÔNG ĐẠT', en: () => 'NOT QUALIFIED' },
  failedList: { vi: (p) => `không đạt: ${p.list}`, en: (p) => `not met: ${p.list}` },
  incomplete: { vi: () => '(chưa chấm xong)', en: () => '(scoring incomplete)' },
  recommended: { vi: (p) => `Đề xuất: ${p.name}`, en: (p) => `Recommended: ${p.name}` },
  noneQualified: { vi: () => 'Đề xuất: không có phần mềm nào đạt yêu cầu', en: () => 'Recommended: none — no candidate qualified' },
  tied: {
    vi: (p) => `Đề xuất: chưa có — ${p.list} bằng điểm, tổ đánh giá cần quyết định`,
    en: (p) => `Recommended: none — ${p.list} are tied; the committee must decide`,
  },
  statusLine: { vi: (p) => `${p.title} — trạng thái: ${p.status}`, en: (p) => `${p.title} — status: ${p.status}` },
} satisfies Record<string, Record<Lang, Template>>

export type CliMessageKey = keyof typeof MESSAGES

export function cliMessage(lang: Lang, key: CliMessageKey, params: Params = {}): string {
  return (MESSAGES[key][lang] as Template)(params)
}

const DATABASE_PROBLEMS: Record<DatabaseProblem, CliMessageKey> = {
  unreachable: 'dbUnreachable',
  authentication: 'dbAuthentication',
  no_database: 'dbNoDatabase',
  newer_schema: 'dbNewerSchema',
  cannot_open: 'dbCannotOpen',
}

/** A database that could not be opened (§15), in words: the CLI and the server print it and exit 1. */
export function databaseProblemMessage(lang: Lang, err: Pick<DatabaseOpenError, 'problem' | 'target' | 'detail'>): string {
  return cliMessage(lang, DATABASE_PROBLEMS[err.problem], { target: err.target, detail: err.detail })
}
