// Every string of the signing module (§14), Vietnamese first, English second: the visible
// signature's lines, the configuration's problems (printed when the server refuses to start)
// and the verification's findings (CLI and page).
import type { Lang } from '../domain/messages.ts'

type Params = Record<string, string | number>
type Template = (p: Params) => string

const MESSAGES = {
  appearanceSigner: { vi: (p) => `Ký bởi: ${p.name}`, en: (p) => `Signed by: ${p.name}` },
  appearanceAgency: { vi: (p) => `Cơ quan: ${p.agency}`, en: (p) => `Agency: ${p.agency}` },
  appearanceTime: { vi: (p) => `Thời gian ký: ${p.time}`, en: (p) => `Signing time: ${p.time}` },
  reason: { vi: () => 'Ban hành báo cáo kết quả đánh giá', en: () => 'Issuing the evaluation report' },

  p12Missing: {
    vi: (p) => `SIGNING_P12: không đọc được tệp "${p.file}" (${p.code})`,
    en: (p) => `SIGNING_P12: cannot read the file "${p.file}" (${p.code})`,
  },
  p12Unreadable: {
    vi: (p) => `SIGNING_P12: tệp "${p.file}" không phải tệp PKCS#12 (.p12/.pfx) hợp lệ`,
    en: (p) => `SIGNING_P12: "${p.file}" is not a valid PKCS#12 (.p12/.pfx) file`,
  },
  p12Password: {
    vi: (p) => `SIGNING_P12_PASSWORD: mật khẩu không mở được tệp "${p.file}"`,
    en: (p) => `SIGNING_P12_PASSWORD: the password does not open "${p.file}"`,
  },
  p12NoKey: {
    vi: (p) => `SIGNING_P12: tệp "${p.file}" không chứa khóa bí mật`,
    en: (p) => `SIGNING_P12: "${p.file}" holds no private key`,
  },
  p12NoCertificate: {
    vi: (p) => `SIGNING_P12: tệp "${p.file}" không có chứng thư số khớp với khóa bí mật`,
    en: (p) => `SIGNING_P12: "${p.file}" has no certificate matching its private key`,
  },
  certExpired: {
    vi: (p) => `SIGNING_P12: chứng thư số "${p.subject}" đã hết hạn từ ${p.date}`,
    en: (p) => `SIGNING_P12: the certificate "${p.subject}" expired on ${p.date}`,
  },
  certNotYetValid: {
    vi: (p) => `SIGNING_P12: chứng thư số "${p.subject}" chưa có hiệu lực (từ ${p.date})`,
    en: (p) => `SIGNING_P12: the certificate "${p.subject}" is not valid yet (from ${p.date})`,
  },
  passwordWithoutFile: {
    vi: () => 'SIGNING_P12_PASSWORD được đặt nhưng thiếu SIGNING_P12',
    en: () => 'SIGNING_P12_PASSWORD is set but SIGNING_P12 is not',
  },

  notPdf: { vi: () => 'tệp không phải PDF', en: () => 'the file is not a PDF' },
  noEmptyField: {
    vi: () => 'báo cáo lưu trữ không có ô chữ ký trống (được ghi trước khi có chức năng ký số)',
    en: () => 'the archived report has no empty signature field (written before signing existed)',
  },
  noSignature: { vi: () => 'tệp PDF không có chữ ký số', en: () => 'the PDF has no digital signature' },
  signatureUnreadable: { vi: () => 'không đọc được chữ ký số (CMS) trong tệp', en: () => 'the digital signature (CMS) cannot be read' },
  digestMismatch: {
    vi: () => 'nội dung đã ký bị thay đổi sau khi ký (giá trị băm không khớp)',
    en: () => 'the signed content was changed after signing (digest mismatch)',
  },
  signatureInvalid: {
    vi: () => 'chữ ký không khớp với chứng thư số của người ký',
    en: () => 'the signature does not verify against the signer\'s certificate',
  },
  notWholeFile: {
    vi: () => 'chữ ký không bao trùm toàn bộ tệp (có nội dung thêm sau khi ký)',
    en: () => 'the signature does not cover the whole file (content was added after signing)',
  },

  verifyFile: { vi: (p) => `Tệp: ${p.file}`, en: (p) => `File: ${p.file}` },
  verifySignature: { vi: (p) => `Chữ ký số ${p.n}:`, en: (p) => `Signature ${p.n}:` },
  verifySigner: { vi: (p) => `  Người ký: ${p.name}`, en: (p) => `  Signer: ${p.name}` },
  verifyOrganization: { vi: (p) => `  Cơ quan: ${p.name}`, en: (p) => `  Agency: ${p.name}` },
  verifyTime: { vi: (p) => `  Thời gian ký: ${p.time}`, en: (p) => `  Signing time: ${p.time}` },
  verifyIntact: { vi: () => '  Nội dung đã ký: nguyên vẹn', en: () => '  Signed bytes: intact' },
  verifyBroken: { vi: (p) => `  Nội dung đã ký: KHÔNG nguyên vẹn — ${p.reason}`, en: (p) => `  Signed bytes: NOT intact — ${p.reason}` },
  verifyCovers: { vi: () => '  Phạm vi: toàn bộ tệp', en: () => '  Covers: the whole file' },
  verifyHash: { vi: (p) => `Mã băm dữ liệu (SHA-256) in trong báo cáo: ${p.hash}`, en: (p) => `Data hash (SHA-256) printed in the report: ${p.hash}` },
  verifyNoHash: { vi: () => 'Không tìm thấy mã băm dữ liệu trong báo cáo', en: () => 'No data hash found in the report' },
  verifyKnown: {
    vi: (p) => `Đợt đánh giá có mã băm này: #${p.id} "${p.title}" (${p.status})`,
    en: (p) => `Evaluation with this hash: #${p.id} "${p.title}" (${p.status})`,
  },
  verifyUnknown: { vi: () => 'Không có đợt đánh giá nào trong cơ sở dữ liệu có mã băm này', en: () => 'No evaluation in the database has this hash' },
  verifyNone: { vi: () => 'Tệp không có chữ ký số', en: () => 'The file has no digital signature' },
} satisfies Record<string, Record<Lang, Template>>

export type SigningMessageKey = keyof typeof MESSAGES

export function signingMessage(lang: Lang, key: SigningMessageKey, params: Params = {}): string {
  return (MESSAGES[key][lang] as Template)(params)
}

/** ISO 8601 in Viet Nam time (UTC+07:00), to the second, as NĐ 30/2020 writes a signing time. */
export function isoVietnamTime(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3600_000)
  return `${local.toISOString().slice(0, 19)}+07:00`
}
