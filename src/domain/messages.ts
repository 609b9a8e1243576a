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
  kRequired: {
    vi: () => 'phương pháp kết hợp kỹ thuật và giá cần tỷ trọng điểm kỹ thuật K (lớn hơn 0 và nhỏ hơn 100)',
    en: () => 'the combined method needs the technical weight K (above 0 and below 100)',
  },
  kWithoutCombined: {
    vi: () => 'tỷ trọng K chỉ dùng với phương pháp kết hợp kỹ thuật và giá',
    en: () => 'K is used only with the combined technical and price method',
  },
  pricesWithoutEnvelope: {
    vi: () => 'đợt đánh giá chỉ đánh giá về kỹ thuật nhưng tệp có giá dự thầu',
    en: () => 'the evaluation is technical only but the file has prices',
  },
  evaluatedPriceTooLow: {
    vi: (p) => `giá đánh giá (giá dự thầu cộng các khoản điều chỉnh) phải từ 1 đồng trở lên, đang là ${p.value}`,
    en: (p) => `the evaluated price (price plus adjustments) must be at least 1 VND, it is ${p.value}`,
  },
  duplicateConsensus: {
    vi: (p) => `đã có thống nhất của Tổ đánh giá cho "${p.candidate}" theo tiêu chí "${p.criterion}" ở ${p.first}`,
    en: (p) => `a committee consensus for "${p.candidate}" on "${p.criterion}" already exists at ${p.first}`,
  },
  presentAndAbsent: {
    vi: (p) => `thành viên "${p.id}" không thể vừa có mặt vừa vắng mặt`,
    en: (p) => `member "${p.id}" cannot be both present and absent`,
  },
  absentReason: {
    vi: () => 'cần nêu lý do vắng mặt',
    en: () => 'a reason for the absence is required',
  },
  endedBeforeStarted: {
    vi: () => 'giờ kết thúc cuộc họp phải sau giờ bắt đầu',
    en: () => 'the meeting must end after it starts',
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
  thresholdOnPassFail: {
    vi: (p) => `tiêu chí đạt/không đạt "${p.id}" không có điểm tối thiểu`,
    en: (p) => `pass/fail criterion "${p.id}" takes no threshold`,
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
  catalogId: {
    vi: (p) => `mã bộ tiêu chí "${p.id}" chỉ gồm chữ thường không dấu, chữ số và dấu "-" (ví dụ qlvb-dhcv-2015)`,
    en: (p) => `catalog id "${p.id}" must be lower-case letters, digits and "-" (e.g. qlvb-dhcv-2015)`,
  },
  catalogVersion: {
    vi: (p) => `phiên bản "${p.version}" phải có dạng x.y.z (ví dụ 1.0.0)`,
    en: (p) => `version "${p.version}" must look like x.y.z (e.g. 1.0.0)`,
  },
  scaleLevelMissing: {
    vi: (p) => `thang điểm thiếu mô tả cho mức ${p.value}`,
    en: (p) => `the scale has no descriptor for level ${p.value}`,
  },
  scaleLevelDuplicate: {
    vi: (p) => `mức ${p.value} được mô tả nhiều lần`,
    en: (p) => `level ${p.value} is described more than once`,
  },
  duplicateCatalog: {
    vi: (p) => `bộ tiêu chí "${p.id}" phiên bản ${p.version} đã có (${p.first})`,
    en: (p) => `catalog "${p.id}" version ${p.version} already exists (${p.first})`,
  },
  yamlSyntax: {
    vi: (p) => `lỗi cú pháp YAML ở dòng ${p.line}, cột ${p.col}: ${p.detail}`,
    en: (p) => `YAML syntax error at line ${p.line}, column ${p.col}: ${p.detail}`,
  },
  atLine: {
    vi: (p) => `(dòng ${p.line}, cột ${p.col})`,
    en: (p) => `(line ${p.line}, column ${p.col})`,
  },
  fileUnreadable: {
    vi: (p) => `không đọc được tệp: ${p.detail}`,
    en: (p) => `cannot read the file: ${p.detail}`,
  },
  noCatalogFiles: {
    vi: (p) => `thư mục ${p.dir} không có tệp bộ tiêu chí (*.yaml) nào`,
    en: (p) => `the folder ${p.dir} holds no catalog files (*.yaml)`,
  },
  // Uploaded score sheets (xlsx): what is wrong, named by sheet and cell in the path.
  xlsxUnreadable: {
    vi: (p) => `không đọc được tệp Excel (.xlsx): ${p.detail}`,
    en: (p) => `cannot read the Excel (.xlsx) file: ${p.detail}`,
  },
  xlsxTooLarge: {
    vi: (p) => `tệp Excel quá lớn: khi giải nén vượt quá ${p.mb} MB (một phiếu chấm điểm nhỏ hơn nhiều)`,
    en: (p) => `the Excel file is too large: it unpacks to more than ${p.mb} MB (a score sheet is far smaller)`,
  },
  xlsxTooManyCells: {
    vi: (p) => `tệp Excel có quá nhiều ô (hơn ${p.cells}); hãy dùng phiếu chấm điểm tải từ hệ thống`,
    en: (p) => `the Excel file has too many cells (over ${p.cells}); use the score sheet downloaded from the system`,
  },
  yamlTooManyAliases: {
    vi: (p) => `tệp YAML dùng quá nhiều bí danh (alias, tối đa ${p.max})`,
    en: (p) => `the YAML file uses too many aliases (at most ${p.max})`,
  },
  yamlTooDeep: {
    vi: (p) => `tệp YAML lồng quá sâu (tối đa ${p.max} cấp)`,
    en: (p) => `the YAML file is nested too deeply (at most ${p.max} levels)`,
  },
  xlsxNotOurSheet: {
    vi: () => 'tệp này không phải phiếu chấm điểm tải từ phần mềm (thiếu phần nhận dạng); hãy tải phiếu trống của thành viên rồi điền vào đó',
    en: () => "this file is not a score sheet downloaded from this tool (no identification); download the member's blank sheet and fill that in",
  },
  xlsxWrongEvaluation: {
    vi: (p) => `phiếu này thuộc đợt đánh giá "${p.title}", không phải đợt đánh giá "${p.expected}"`,
    en: (p) => `this sheet belongs to the evaluation "${p.title}", not to "${p.expected}"`,
  },
  xlsxWrongMember: {
    vi: (p) => `phiếu này là của thành viên "${p.name}", không phải của "${p.expected}"`,
    en: (p) => `this sheet belongs to the member "${p.name}", not to "${p.expected}"`,
  },
  xlsxChanged: {
    vi: () => 'bộ tiêu chí, thang điểm hoặc danh sách phần mềm đã thay đổi sau khi tạo phiếu này; hãy tải phiếu mới',
    en: () => 'the criteria, the scale or the candidates changed after this sheet was made; download a new one',
  },
  xlsxSheetMissing: {
    vi: (p) => `không tìm thấy trang "${p.sheet}" trong tệp`,
    en: (p) => `the workbook has no sheet "${p.sheet}"`,
  },
  xlsxColumnMoved: {
    vi: (p) => `cột điểm của phần mềm "${p.candidate}" đã bị di chuyển hoặc sửa tiêu đề (cần "${p.expected}")`,
    en: (p) => `the column of candidate "${p.candidate}" was moved or its heading edited (expected "${p.expected}")`,
  },
  xlsxRowMissing: {
    vi: (p) => `không tìm thấy dòng của tiêu chí "${p.id}" (mã ở cột A)`,
    en: (p) => `no row for criterion "${p.id}" (id in column A)`,
  },
  xlsxRowDuplicate: {
    vi: (p) => `tiêu chí "${p.id}" xuất hiện hai lần (đã có ở dòng ${p.first})`,
    en: (p) => `criterion "${p.id}" appears twice (already on row ${p.first})`,
  },
  notANumber: {
    vi: (p) => `"${p.value}" không phải là điểm (cần một số trong thang điểm ${p.min}–${p.max})`,
    en: (p) => `"${p.value}" is not a rating (expected a number on the scale ${p.min}..${p.max})`,
  },
  passFailWord: {
    vi: (p) => `"${p.value}" không hợp lệ: chọn "${p.pass}" hoặc "${p.fail}"`,
    en: (p) => `"${p.value}" is not valid: choose "${p.pass}" or "${p.fail}"`,
  },
  commentWithoutRating: {
    vi: () => 'có nhận xét nhưng chưa chấm điểm tiêu chí này',
    en: () => 'has a comment but no rating for this criterion',
  },
  ahpEmpty: {
    vi: () => 'ma trận so sánh cặp phải có ít nhất 1 hàng',
    en: () => 'the pairwise comparison matrix needs at least 1 row',
  },
  ahpTooLarge: {
    vi: (p) => `ma trận so sánh cặp có ${p.n} hàng, tối đa ${p.max}`,
    en: (p) => `the pairwise comparison matrix has ${p.n} rows, at most ${p.max} allowed`,
  },
  ahpNotSquare: {
    vi: (p) => `hàng có ${p.length} phần tử, ma trận vuông ${p.n}×${p.n} cần ${p.n}`,
    en: (p) => `the row has ${p.length} entries; a square ${p.n}×${p.n} matrix needs ${p.n}`,
  },
  ahpNotPositive: {
    vi: (p) => `giá trị ${p.value} phải là số dương`,
    en: (p) => `${p.value} must be a positive number`,
  },
  ahpOutOfScale: {
    vi: (p) => `giá trị ${p.value} nằm ngoài thang Saaty 1/9–9`,
    en: (p) => `${p.value} is outside Saaty's scale 1/9..9`,
  },
  ahpDiagonal: {
    vi: (p) => `phần tử trên đường chéo phải bằng 1 (đang là ${p.value})`,
    en: (p) => `a diagonal entry must be 1 (got ${p.value})`,
  },
  ahpNotReciprocal: {
    vi: (p) => `ma trận không nghịch đảo: phần tử [${p.i}][${p.j}] = ${p.value} nhưng [${p.j}][${p.i}] = ${p.other} (cần ${p.expected})`,
    en: (p) => `the matrix is not reciprocal: [${p.i}][${p.j}] = ${p.value} but [${p.j}][${p.i}] = ${p.other} (expected ${p.expected})`,
  },
  onBehalfNotPaper: {
    vi: (p) => `chỉ phiếu của thành viên chấm trên giấy ("paper": true) mới được thư ký nhập thay; "${p.member}" không chấm trên giấy`,
    en: (p) => `only a member rating on paper ("paper": true) has ratings entered on their behalf; "${p.member}" does not rate on paper`,
  },
  ahpIds: {
    vi: (p) => `ids của ma trận AHP phải là đúng các tiêu chí có trọng số cùng cấp, mỗi mã một lần: ${p.expected} (đang ghi: ${p.got})`,
    en: (p) => `the AHP matrix's ids must be exactly the scored siblings, each once: ${p.expected} (given: ${p.got})`,
  },
  ahpIdsSize: {
    vi: (p) => `ma trận AHP có ${p.n} hàng, cần ${p.m} (một hàng cho mỗi mã trong ids)`,
    en: (p) => `the AHP matrix has ${p.n} rows; ${p.m} needed (one per id in ids)`,
  },
  ahpWeightsDiffer: {
    vi: (p) => `trọng số của "${p.id}" (${p.weight}) không khớp với ma trận AHP (${p.expected}); sửa trọng số bằng tay thì bỏ ma trận`,
    en: (p) => `the weight of "${p.id}" (${p.weight}) does not match the AHP matrix (${p.expected}); weights set by hand go without the matrix`,
  },
  nulCharacter: {
    vi: () => 'không được chứa ký tự NUL (U+0000)',
    en: () => 'must not contain the NUL character (U+0000)',
  },
  notUnicode: {
    vi: () => 'không phải văn bản Unicode hợp lệ (có nửa cặp thay thế UTF-16 đứng riêng)',
    en: () => 'is not valid Unicode text (it holds a lone UTF-16 surrogate)',
  },
} satisfies Record<string, Record<Lang, Template>>

export type MessageKey = keyof typeof MESSAGES

export function message(lang: Lang, key: MessageKey, params: Params = {}): string {
  return (MESSAGES[key][lang] as Template)(params)
}
