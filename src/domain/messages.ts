// Localized messages for the domain's validation errors. Vietnamese first, English second.
// Keep every user-facing string of src/domain here so both locales stay in step.

export type Lang = 'vi' | 'en'
export const LANGS: readonly Lang[] = ['vi', 'en']

type Params = Record<string, string | number>
type Template = (p: Params) => string

const MESSAGES = {
  required: { vi: () => 'bắt buộc phải có', en: () => 'is required' },
  duplicateId: {
    vi: (p) => `mã "${p.id}" bị trùng`,
    en: (p) => `duplicate id "${p.id}"`,
  },
  unknownMember: {
    vi: (p) => `không có thành viên "${p.id}"`,
    en: (p) => `unknown member "${p.id}"`,
  },
  unknownCandidate: {
    vi: (p) => `không có phần mềm dự tuyển "${p.id}"`,
    en: (p) => `unknown candidate "${p.id}"`,
  },
  unknownCriterion: {
    vi: (p) => `không có tiêu chí "${p.id}"`,
    en: (p) => `unknown criterion "${p.id}"`,
  },
  notACriterion: {
    vi: (p) => `"${p.id}" là nhóm tiêu chí, không chấm điểm trực tiếp`,
    en: (p) => `"${p.id}" is a group, not a criterion that can be rated`,
  },
  outsideScale: {
    vi: (p) => `${p.value} nằm ngoài thang điểm ${p.min}–${p.max}`,
    en: (p) => `${p.value} is outside the scale ${p.min}..${p.max}`,
  },
  notInteger: {
    vi: (p) => `${p.value} không phải số nguyên`,
    en: (p) => `${p.value} is not a whole number`,
  },
  passOnScored: {
    vi: (p) => `tiêu chí "${p.id}" chấm theo thang điểm, không chấm đạt/không đạt`,
    en: (p) => `criterion "${p.id}" is scored on the scale, not pass/fail`,
  },
  valueOnPassFail: {
    vi: (p) => `tiêu chí "${p.id}" chỉ chấm đạt/không đạt`,
    en: (p) => `criterion "${p.id}" is pass/fail only`,
  },
  valueOrPass: {
    vi: () => 'cần đúng một trong hai: "value" (điểm) hoặc "pass" (đạt/không đạt)',
    en: () => 'needs exactly one of "value" (a level) or "pass" (pass/fail)',
  },
  duplicateRating: {
    vi: (p) => `thành viên "${p.member}" đã chấm "${p.candidate}" theo tiêu chí "${p.criterion}" ở ${p.first}`,
    en: (p) => `member "${p.member}" already rated "${p.candidate}" on "${p.criterion}" at ${p.first}`,
  },
  ratingByAbstainer: {
    vi: (p) => `thành viên "${p.member}" không tham gia chấm "${p.candidate}" (xung đột lợi ích) nên không được chấm`,
    en: (p) => `member "${p.member}" abstains for "${p.candidate}" (conflict of interest) and cannot rate it`,
  },
  notARater: {
    vi: (p) => `thành viên "${p.member}" có vai trò "${p.role}" nên không chấm điểm`,
    en: (p) => `member "${p.member}" has role "${p.role}" and does not rate`,
  },
  newerFormat: {
    vi: (p) => `tệp có định dạng "${p.format}" mới hơn phiên bản phần mềm này hỗ trợ (${p.supported})`,
    en: (p) => `the file's format "${p.format}" is newer than this version supports (${p.supported})`,
  },
  unknownFormat: {
    vi: (p) => `định dạng "${p.format}" không được hỗ trợ (cần ${p.supported})`,
    en: (p) => `format "${p.format}" is not supported (expected ${p.supported})`,
  },
  scaleRange: {
    vi: (p) => `thang điểm phải có min < max (đang là ${p.min}..${p.max})`,
    en: (p) => `the scale needs min < max (got ${p.min}..${p.max})`,
  },
  scaleLevel: {
    vi: (p) => `mức ${p.value} nằm ngoài thang điểm ${p.min}–${p.max}`,
    en: (p) => `level ${p.value} is outside the scale ${p.min}..${p.max}`,
  },
  zeroWeightSiblings: {
    vi: () => 'tổng trọng số các tiêu chí cùng cấp phải lớn hơn 0',
    en: () => 'the weights of these siblings must have a positive sum',
  },
  emptyGroup: {
    vi: (p) => `nhóm "${p.id}" phải có ít nhất một tiêu chí chấm điểm`,
    en: (p) => `group "${p.id}" must hold at least one scored criterion`,
  },
  weightOnPassFail: {
    vi: (p) => `tiêu chí đạt/không đạt "${p.id}" không có trọng số`,
    en: (p) => `pass/fail criterion "${p.id}" has no weight`,
  },
  missingWeight: {
    vi: (p) => `tiêu chí "${p.id}" thiếu trọng số`,
    en: (p) => `criterion "${p.id}" has no weight`,
  },
  thresholdRange: {
    vi: (p) => `ngưỡng ${p.value} phải nằm trong 0–100`,
    en: (p) => `threshold ${p.value} must be within 0..100`,
  },
  noCriteria: {
    vi: () => 'phải có ít nhất một tiêu chí chấm điểm',
    en: () => 'needs at least one scored criterion',
  },
  notNfc: {
    vi: () => 'chuỗi chưa ở dạng Unicode chuẩn NFC',
    en: () => 'string is not in Unicode NFC form',
  },
} satisfies Record<string, Record<Lang, Template>>

export type MessageKey = keyof typeof MESSAGES

export function message(lang: Lang, key: MessageKey, params: Params = {}): string {
  return (MESSAGES[key][lang] as Template)(params)
}
