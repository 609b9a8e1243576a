// Every string printed in the report and the blank score sheets, Vietnamese first, English
// second. Administrative terms follow NĐ 30/2020 and the research note (tiêu chí, trọng số …).
import type { Aggregation, Role } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'

const vi = {
  nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  numberLabel: 'Số:',
  numberPlaceholder: '…/BC-…',
  dateLine: (place: string, d: { day: string; month: string; year: string } | null) =>
    d ? `${place}, ngày ${d.day} tháng ${d.month} năm ${d.year}` : `${place}, ngày … tháng … năm …`,
  placePlaceholder: '……',
  docType: 'BÁO CÁO',
  subject: 'Kết quả đánh giá và đề xuất lựa chọn phần mềm',
  /** The trích yếu: one phrase under the document type. */
  subjectOf: (title: string) => (/^đánh giá(\s|$)/iu.test(title) ? `Kết quả ${lowerFirst(title)}` : `Kết quả đánh giá ${lowerFirst(title)}`),
  recipientLabel: 'Kính gửi:',
  draft: 'DỰ THẢO',
  /** How the body names the agency that signs ("Sở"), from its name in the heading. */
  self: (agency: string | undefined) => selfName(agency, 'vi'),
  opening: (p: { self: string; title: string; recipient: string | null }) =>
    `${p.self} báo cáo kết quả ${/^đánh giá(\s|$)/iu.test(p.title) ? lowerFirst(p.title) : `đánh giá ${lowerFirst(p.title)}`} và đề xuất lựa chọn phần mềm, làm căn cứ để ${p.recipient ?? 'cấp có thẩm quyền'} xem xét, quyết định, như sau:`,
  closing: (p: { self: string; recipient: string | null }) => `${p.self} kính báo cáo ${p.recipient ?? 'cấp có thẩm quyền'} xem xét, quyết định./.`,
  hashLine: (hash: string) => `Mã kiểm tra dữ liệu đánh giá (SHA-256): ${hash}`,
  auditLine: (head: string) => `Mã kiểm tra nhật ký đánh giá: ${head}`,

  s1: 'I. CĂN CỨ',
  s2: 'II. TỔ ĐÁNH GIÁ VÀ PHƯƠNG PHÁP ĐÁNH GIÁ',
  s3: 'III. KẾT QUẢ ĐÁNH GIÁ',
  s4: 'IV. Ý KIẾN KHÁC NHAU VÀ PHÂN TÍCH ĐỘ NHẠY',
  s5: 'V. KẾT LUẬN VÀ ĐỀ XUẤT',
  noBasis: 'Không có căn cứ nào được ghi trong hồ sơ đánh giá.',

  s2Members: '1. Thành phần tổ đánh giá',
  s2Criteria: '2. Bộ tiêu chí đánh giá',
  s2Scale: '3. Thang điểm',
  s2Method: '4. Phương pháp tổng hợp',
  s2Ahp: '5. Xác định trọng số bằng phương pháp AHP',
  catalogLine: (title: string | null, version: string, edited: boolean) =>
    `Áp dụng ${title ? `${title}, ` : 'bộ tiêu chí '}phiên bản ${version}${edited ? ', có điều chỉnh như sau:' : '.'}`,
  noCatalog: 'Bộ tiêu chí do Tổ đánh giá xây dựng riêng cho đợt đánh giá này.',
  changeAdded: (what: string) => `bổ sung tiêu chí ${what};`,
  changeRemoved: (what: string) => `bỏ tiêu chí ${what};`,
  changeReworded: (what: string) => `sửa nội dung tiêu chí ${what};`,
  changeWeight: (what: string, from: string, to: string) => `điều chỉnh trọng số ${what} từ ${from} thành ${to};`,
  changeThreshold: (what: string, from: string, to: string) => `điều chỉnh điểm tối thiểu ${what} từ ${from} thành ${to};`,
  changeScale: 'điều chỉnh thang điểm;',
  changeMore: (n: number) => `và ${n} điều chỉnh khác.`,
  criteriaNote: 'Trọng số (%) của mỗi tiêu chí, nhóm tiêu chí tính trong nhóm cấp trên trực tiếp (các tiêu chí cùng cấp cộng lại bằng 100%); điểm tối đa là phần của tiêu chí, nhóm tiêu chí trong thang điểm 100.',
  colNo: 'STT',
  colName: 'Họ và tên',
  colRole: 'Nhiệm vụ',
  colDeclaration: 'Cam kết không xung đột lợi ích',
  colId: 'Mã',
  colCriterion: 'Tiêu chí',
  colWeight: 'Trọng số trong nhóm (%)',
  colMaxPoints: 'Điểm tối đa',
  colMinPoints: 'Điểm tối thiểu',
  colLevel: 'Mức',
  colDescriptor: 'Mô tả',
  colCandidate: 'Phần mềm',
  colTotal: 'Tổng điểm',
  colRank: 'Xếp hạng',
  colResult: 'Kết quả',
  colReasons: 'Lý do không đạt',
  colSpread: 'Độ lệch',
  colOpinions: 'Ý kiến của thành viên',
  colPoints: 'Điểm',
  colRating: 'Mức chấm',
  colComment: 'Nhận xét, minh chứng',
  colShare: 'Tỷ lệ được đề xuất',
  gate: 'Đạt/Không đạt',
  pass: 'Đạt',
  fail: 'Không đạt',
  PASS: 'ĐẠT',
  FAIL: 'KHÔNG ĐẠT',
  notRated: 'chưa chấm',
  groupTotal: 'Cộng nhóm',
  grandTotal: 'Tổng cộng',
  totalMax: '100',
  roles: { chair: 'Tổ trưởng', secretary: 'Thư ký', member: 'Thành viên', observer: 'Quan sát viên' } satisfies Record<Role, string>,
  declaredAt: (when: string) => `Đã cam kết lúc ${when}`,
  notDeclared: 'Chưa ghi nhận',
  abstainsFor: (names: string) => `Không chấm: ${names}`,
  scaleIntro: (min: number, max: number) => `Mỗi tiêu chí được chấm theo thang mức nguyên từ ${min} đến ${max}:`,
  methodLines: (p: { min: number; max: number; aggregation: Aggregation }) => [
    `Mức chấm v của mỗi thành viên được quy đổi về tỷ lệ r = (v − ${p.min}) / (${p.max} − ${p.min}).`,
    {
      mean: 'Điểm của phần mềm trên mỗi tiêu chí là trung bình cộng tỷ lệ của các thành viên đã chấm (thành viên không tham gia chấm do xung đột lợi ích không được tính).',
      median: 'Điểm của phần mềm trên mỗi tiêu chí là trung vị tỷ lệ của các thành viên đã chấm (số thành viên chẵn: trung bình cộng của hai giá trị giữa); thành viên không tham gia chấm không được tính.',
      trimmed: 'Điểm của phần mềm trên mỗi tiêu chí là trung bình cộng tỷ lệ của các thành viên đã chấm, sau khi bỏ đúng một giá trị cao nhất và một giá trị thấp nhất khi có từ 5 ý kiến trở lên.',
    }[p.aggregation],
    'Tổng điểm (thang điểm 100) = 100 × Σ (trọng số toàn cục của tiêu chí × tỷ lệ bình quân); điểm của nhóm là tổng điểm các tiêu chí trong nhóm, nên tổng điểm các nhóm bằng tổng điểm. Điểm tối đa của tiêu chí = 100 × trọng số toàn cục.',
    'Tiêu chí Đạt/Không đạt là tiêu chí bắt buộc, không có trọng số: phần mềm đạt tiêu chí khi quá nửa số thành viên đánh giá là đạt (bằng nhau là không đạt).',
    'Phần mềm được xếp hạng theo tổng điểm; phần mềm đạt yêu cầu khi đạt mọi tiêu chí bắt buộc, đạt điểm tối thiểu của từng nhóm, tiêu chí có quy định và đạt ngưỡng tổng điểm (nếu có).',
    'Việc tính toán dùng số chưa làm tròn; số liệu trình bày được làm tròn đến 2 chữ số thập phân (từ 5 trở lên làm tròn lên). Khi bảng trình bày các phần cùng với tổng của chúng, tổng được làm tròn trước, các phần được làm tròn theo phương pháp phần dư lớn nhất để cộng lại đúng bằng tổng đã làm tròn; do đó một phần có thể chênh lệch 0,01 so với giá trị làm tròn riêng của nó.',
  ],
  totalThreshold: (t: string) => `Ngưỡng tổng điểm tối thiểu: ${t}/100.`,
  noTotalThreshold: 'Không quy định ngưỡng tổng điểm tối thiểu.',
  ahpIntro: (group: string) => `Nhóm ${group}: trọng số của các tiêu chí con được xác định từ ma trận so sánh cặp (thang Saaty 1–9), là véc-tơ riêng chính đã chuẩn hóa của ma trận.`,
  ahpFigures: (p: { lambda: string; ci: string; cr: string; ok: boolean }) =>
    `λmax = ${p.lambda}; CI = ${p.ci}; CR = ${p.cr} (${p.ok ? 'nhất quán, CR ≤ 0,10' : 'không nhất quán, CR > 0,10: trọng số đã được tổ đánh giá xác nhận'}).`,
  ahpRiTable: 'Chỉ số ngẫu nhiên RI (Saaty) theo cỡ ma trận n:',

  s3Appendix: 'Phiếu chấm điểm của từng thành viên Tổ đánh giá tại Phụ lục kèm theo Báo cáo này.',
  candidateKey: 'Các phần mềm trong bảng được ghi theo số thứ tự:',
  s3Groups: '1. Điểm theo nhóm tiêu chí',
  s3Summary: '2. Bảng tổng hợp kết quả đánh giá',
  s3Charts: '3. Biểu đồ',
  groupTableTitle: (id: string, title: string, max: string) => `Nhóm ${id}. ${title} (điểm tối đa ${max})`,
  chartTotals: 'Tổng điểm của các phần mềm (thang điểm 100)',
  chartGroups: 'Tỷ lệ điểm đạt được so với điểm tối đa của từng nhóm tiêu chí',
  thresholdMarker: (t: string) => `Ngưỡng ${t}`,
  incomplete: '(chưa chấm đủ)',
  failedThreshold: (t: string) => `Tổng điểm dưới ngưỡng ${t}`,
  failedGate: (id: string, title: string) => `${id}. ${title} (tiêu chí bắt buộc)`,
  failedNode: (id: string, title: string, t: string) => `${id}. ${title} (dưới điểm tối thiểu ${t}%)`,

  s4Disagreements: '1. Các tiêu chí có ý kiến chênh lệch',
  s4Sensitivity: '2. Phân tích độ nhạy của trọng số',
  s4MonteCarlo: '3. Mô phỏng Monte Carlo',
  disagreementIntro: (spread: string) => `Các cặp phần mềm × tiêu chí có độ lệch giữa mức chấm cao nhất và thấp nhất từ ${spread} mức trở lên (tiêu chí Đạt/Không đạt: có ý kiến trái nhau):`,
  noDisagreements: (spread: string) => `Không có tiêu chí nào có độ lệch mức chấm từ ${spread} mức trở lên.`,
  sensitivityIntro: 'Thay đổi trọng số của một nhóm tiêu chí (các nhóm còn lại thay đổi theo cùng tỷ lệ), trong phạm vi tăng, giảm tối đa 50 điểm phần trăm:',
  sensitivityRange: (group: string, id: string, now: string, a: Bound, b: Bound) =>
    `Nhóm ${group} (trọng số hiện tại ${now}%): kết quả đề xuất giữ nguyên khi trọng số nhóm ${id} nằm trong khoảng từ ${a.edge ? 'tối đa ' : ''}${a.value}% đến ${b.edge ? 'ít nhất ' : ''}${b.value}%.`,
  sensitivityStable: (group: string, now: string) =>
    `Nhóm ${group} (trọng số hiện tại ${now}%): kết quả đề xuất không thay đổi khi trọng số nhóm tăng hoặc giảm tới 50 điểm phần trăm.`,
  sensitivityTiedNow: (group: string) => `Nhóm ${group}: kết quả hiện đang bằng điểm; mọi thay đổi trọng số của nhóm này đều làm thay đổi kết quả.`,
  sensitivitySingle: 'Chỉ có một nhóm tiêu chí cấp cao nhất nên không phân tích độ nhạy trọng số nhóm.',
  monteCarloIntro: (p: { draws: string; seed: number }) =>
    `Thử ngẫu nhiên ${p.draws} bộ trọng số nhóm dao động quanh trọng số hiện tại (phép thử lặp lại cho cùng kết quả); tỷ lệ số lần mỗi phần mềm được đề xuất như sau:`,
  monteCarloTied: 'Bằng điểm, cần tổ đánh giá quyết định',
  monteCarloNone: 'Không có phần mềm đạt yêu cầu',
  monteCarloMissing: 'Không thực hiện mô phỏng Monte Carlo.',

  recommend: (name: string, total: string) => `Theo kết quả chấm điểm, ${software(name)} đạt yêu cầu và có tổng điểm cao nhất (${total}/100).`,
  noneQualified: 'Theo kết quả chấm điểm, không có phần mềm nào đạt yêu cầu theo các tiêu chí bắt buộc và điểm tối thiểu.',
  tied: (names: string, total: string) => `Theo kết quả chấm điểm, các phần mềm ${names} cùng đạt yêu cầu và bằng điểm nhau (${total}/100), cần xem xét, quyết định lựa chọn.`,
  proposal: (self: string, name: string) => `${self} đề xuất lựa chọn ${software(name)}.`,
  proposalNone: (self: string) => `${self} không đề xuất lựa chọn phần mềm nào.`,
  proposalMissing: 'Chưa có đề xuất lựa chọn.',
  deviation: (reason: string) => `Đề xuất trên khác với kết quả chấm điểm. Lý do: ${reason}`,
  sensitivityAll: (stable: string, moving: string) =>
    stable && moving
      ? `Về độ nhạy, kết quả đề xuất không thay đổi khi trọng số của ${stable} tăng hoặc giảm tới 50 điểm phần trăm; kết quả thay đổi khi ${moving}.`
      : stable
        ? `Về độ nhạy, kết quả đề xuất không thay đổi khi trọng số của ${stable} tăng hoặc giảm tới 50 điểm phần trăm.`
        : `Về độ nhạy, kết quả đề xuất thay đổi khi ${moving}.`,
  groupsWord: (ids: string) => `các nhóm ${ids}`,
  groupWord: (id: string) => `nhóm ${id}`,
  movesBelow: (id: string, x: string) => `trọng số nhóm ${id} giảm xuống dưới ${x}%`,
  movesAbove: (id: string, x: string) => `trọng số nhóm ${id} tăng lên trên ${x}%`,
  tiedAll: 'Về độ nhạy, các phần mềm hiện bằng điểm nhau nên mọi thay đổi trọng số của nhóm có điểm khác nhau giữa chúng đều làm thay đổi kết quả.',
  or: 'hoặc',
  and: 'và',
  noConclusion: 'Tổ trưởng chưa ghi kết luận.',
  incompleteWarning: 'Lưu ý: việc chấm điểm chưa hoàn tất, kết quả trên chỉ có tính chất tạm thời.',

  copiesLabel: 'Nơi nhận:',
  copiesDefault: ['- Như trên;'],
  asAbove: '- Như trên;',
  asAbovePrefix: 'Như trên',
  archive: '- Lưu: VT, …',
  archivePrefix: 'Lưu',
  /** Lines of the copies list written in Vietnamese, as this language prints them. */
  copiesLine: (line: string) => line,

  appendixTitle: 'PHỤ LỤC: PHIẾU CHẤM ĐIỂM',
  appendixOf: (p: { number: string; date: string; agency: string | null }) =>
    `(Kèm theo Báo cáo số ${p.number} ${p.date}${p.agency ? ` của ${p.agency}` : ''})`,
  appendixDate: (d: { day: string; month: string; year: string } | null) => (d ? `ngày ${d.day} tháng ${d.month} năm ${d.year}` : 'ngày … tháng … năm …'),
  sheetTitle: 'PHIẾU CHẤM ĐIỂM',
  sheetCandidate: 'Phần mềm được đánh giá:',
  sheetRater: 'Người đánh giá:',
  sheetDeclaration: 'Cam kết không xung đột lợi ích:',
  sheetDeclaredAt: (when: string) => `đã cam kết lúc ${when}.`,
  sheetNotDeclared: 'chưa ghi nhận.',
  sheetAbstains: (reason: string) => `Không tham gia chấm phần mềm này do xung đột lợi ích. Lý do: ${reason}`,
  sheetTotal: 'Tổng điểm của người đánh giá',
  sheetTotalLine: (total: string) => `Tổng điểm của người đánh giá: ${total}/100.`,
  sheetVerdict: 'Kết luận',
  sheetVerdictLine: (verdict: string) => `Kết luận: ${verdict}.`,
  blankTotalLine: 'Tổng điểm của người đánh giá: ……………/100.',
  blankVerdictLine: 'Kết luận:   □ ĐẠT   □ KHÔNG ĐẠT',
  sheetPage: (x: number, y: number) => `Phiếu chấm điểm — trang ${x}/${y}`,
  signatureRole: 'Người đánh giá',
  signatureHint: '(Ký và ghi rõ họ tên)',
  blankTitle: 'PHIẾU CHẤM ĐIỂM',
  blankIntro: 'Đánh dấu (X) vào một ô mức chấm cho mỗi tiêu chí; với tiêu chí bắt buộc, đánh dấu Đạt hoặc Không đạt. Ghi nhận xét, minh chứng vào cột cuối.',
  blankDeclaration: 'Tôi cam kết không có xung đột lợi ích với phần mềm được đánh giá:   □ Đồng ý   □ Có xung đột (ghi rõ lý do): ……………………',
  blankScale: 'Thang điểm:',
  datePlaceholder: '……, ngày … tháng … năm …',
  timeZone: 'giờ Việt Nam',
}

type Strings = typeof vi

const en: Strings = {
  nationalTitle: 'SOCIALIST REPUBLIC OF VIET NAM',
  motto: 'Independence - Freedom - Happiness',
  numberLabel: 'No.:',
  numberPlaceholder: '…/BC-…',
  dateLine: (place, d) => (d ? `${place}, ${Number(d.day)} ${MONTHS[Number(d.month) - 1]} ${d.year}` : `${place}, … … …`),
  placePlaceholder: '……',
  docType: 'REPORT',
  subject: 'Evaluation results and the software proposed',
  subjectOf: (title) => `Results of the evaluation “${title}”`,
  recipientLabel: 'To:',
  draft: 'DRAFT',
  self: (agency) => selfName(agency, 'en'),
  opening: (p) => `${p.self} reports the results of the evaluation “${p.title}” and the software it proposes, for ${p.recipient ?? 'the competent authority'} to consider and decide, as follows:`,
  closing: (p) => `${p.self} respectfully submits this report to ${p.recipient ?? 'the competent authority'} for consideration and decision./.`,
  hashLine: (hash) => `Evaluation data check code (SHA-256): ${hash}`,
  auditLine: (head) => `Evaluation log check code: ${head}`,

  s1: 'I. BASIS',
  s2: 'II. EVALUATION COMMITTEE AND METHOD',
  s3: 'III. EVALUATION RESULTS',
  s4: 'IV. DIFFERING OPINIONS AND SENSITIVITY ANALYSIS',
  s5: 'V. CONCLUSION AND RECOMMENDATION',
  noBasis: 'No basis is recorded in the evaluation file.',

  s2Members: '1. Evaluation committee',
  s2Criteria: '2. Criteria',
  s2Scale: '3. Rating scale',
  s2Method: '4. Aggregation method',
  s2Ahp: '5. Weights by AHP',
  catalogLine: (title, version, edited) => `Criteria: ${title ? `${title}, ` : 'catalog '}version ${version}${edited ? ', with the following changes:' : '.'}`,
  noCatalog: 'Criteria defined by the committee for this evaluation.',
  changeAdded: (what) => `added criterion ${what};`,
  changeRemoved: (what) => `removed criterion ${what};`,
  changeReworded: (what) => `reworded criterion ${what};`,
  changeWeight: (what, from, to) => `weight of ${what} changed from ${from} to ${to};`,
  changeThreshold: (what, from, to) => `minimum of ${what} changed from ${from} to ${to};`,
  changeScale: 'rating scale changed;',
  changeMore: (n) => `and ${n} other changes.`,
  criteriaNote: 'Each weight (%) is relative to the node’s direct parent (siblings add up to 100%); max points are the node’s part of the 100-point scale.',
  colNo: 'No.',
  colName: 'Name',
  colRole: 'Role',
  colDeclaration: 'Conflict-of-interest declaration',
  colId: 'Id',
  colCriterion: 'Criterion',
  colWeight: 'Weight within group (%)',
  colMaxPoints: 'Max points',
  colMinPoints: 'Min points',
  colLevel: 'Level',
  colDescriptor: 'Descriptor',
  colCandidate: 'Software',
  colTotal: 'Total',
  colRank: 'Rank',
  colResult: 'Result',
  colReasons: 'Reasons for failing',
  colSpread: 'Spread',
  colOpinions: 'Members’ opinions',
  colPoints: 'Points',
  colRating: 'Rating',
  colComment: 'Comment, evidence',
  colShare: 'Share recommended',
  gate: 'Pass/fail',
  pass: 'Pass',
  fail: 'Fail',
  PASS: 'PASS',
  FAIL: 'FAIL',
  notRated: 'not rated',
  groupTotal: 'Group total',
  grandTotal: 'Total',
  totalMax: '100',
  roles: { chair: 'Chair', secretary: 'Secretary', member: 'Member', observer: 'Observer' },
  declaredAt: (when) => `Declared at ${when}`,
  notDeclared: 'Not recorded',
  abstainsFor: (names) => `Abstains for: ${names}`,
  scaleIntro: (min, max) => `Each criterion is rated on whole levels from ${min} to ${max}:`,
  methodLines: (p) => [
    `Each member's rating v is normalized to r = (v − ${p.min}) / (${p.max} − ${p.min}).`,
    {
      mean: 'A candidate’s rating on a criterion is the mean of the normalized ratings of the members who rated it (members abstaining for a conflict of interest are excluded).',
      median: 'A candidate’s rating on a criterion is the median of the normalized ratings of the members who rated it (even count: the mean of the two middle values); abstainers are excluded.',
      trimmed: 'A candidate’s rating on a criterion is the mean of the normalized ratings of the members who rated it, after dropping exactly one highest and one lowest when there are five or more.',
    }[p.aggregation],
    'Total score (out of 100) = 100 × Σ (global weight of the criterion × aggregate rating); a group’s subtotal is the same sum over its criteria, so the subtotals add up to the total. A criterion’s max points = 100 × its global weight.',
    'Pass/fail criteria are mandatory and carry no weight: a candidate passes one when more than half of the members who judged it said pass (a tie fails).',
    'Candidates are ranked by total; a candidate qualifies when it passes every mandatory criterion, reaches every group or criterion minimum and the total threshold (if set).',
    'Computations use unrounded numbers; figures are shown rounded to 2 decimals (halves away from zero). Where a table shows parts beside their total, the total is rounded first and the parts are rounded by the largest remainder method so that they add up to the rounded total; a part may thus differ by 0.01 from its own rounded value.',
  ],
  totalThreshold: (t) => `Minimum total score: ${t}/100.`,
  noTotalThreshold: 'No minimum total score is set.',
  ahpIntro: (group) => `Group ${group}: the weights of its children come from a pairwise comparison matrix (Saaty’s 1–9 scale), as its normalized principal eigenvector.`,
  ahpFigures: (p) => `λmax = ${p.lambda}; CI = ${p.ci}; CR = ${p.cr} (${p.ok ? 'consistent, CR ≤ 0.10' : 'inconsistent, CR > 0.10: weights confirmed by the committee'}).`,
  ahpRiTable: 'Saaty’s random index RI by matrix size n:',

  s3Appendix: 'Each member’s score sheet is in the Appendix to this report.',
  candidateKey: 'Software in the tables is numbered as follows:',
  s3Groups: '1. Points by criteria group',
  s3Summary: '2. Summary of results',
  s3Charts: '3. Charts',
  groupTableTitle: (id, title, max) => `Group ${id}. ${title} (max ${max} points)`,
  chartTotals: 'Total scores (out of 100)',
  chartGroups: 'Points reached as a share of each group’s max points',
  thresholdMarker: (t) => `Threshold ${t}`,
  incomplete: '(scoring incomplete)',
  failedThreshold: (t) => `Total below the threshold ${t}`,
  failedGate: (id, title) => `${id}. ${title} (mandatory)`,
  failedNode: (id, title, t) => `${id}. ${title} (below the minimum ${t}%)`,

  s4Disagreements: '1. Criteria with differing ratings',
  s4Sensitivity: '2. Weight sensitivity',
  s4MonteCarlo: '3. Monte Carlo simulation',
  disagreementIntro: (spread) => `Candidate × criterion pairs whose highest and lowest ratings differ by ${spread} levels or more (pass/fail: mixed judgments):`,
  noDisagreements: (spread) => `No criterion has ratings differing by ${spread} levels or more.`,
  sensitivityIntro: 'Changing one group’s weight (the other groups scaled in proportion), up or down by at most 50 percentage points:',
  sensitivityRange: (group, id, now, a, b) =>
    `Group ${group} (weight now ${now}%): the recommendation holds while the weight of group ${id} stays between ${a.edge ? 'at most ' : ''}${a.value}% and ${b.edge ? 'at least ' : ''}${b.value}%.`,
  sensitivityStable: (group, now) => `Group ${group} (weight now ${now}%): the recommendation does not change when the group’s weight moves up or down by up to 50 percentage points.`,
  sensitivityTiedNow: (group) => `Group ${group}: the result is a tie now; any change of this group’s weight changes it.`,
  sensitivitySingle: 'There is a single top-level group, so group weights have no sensitivity to analyse.',
  monteCarloIntro: (p) => `${p.draws} sets of group weights drawn at random around the current weights (a repeatable draw); the share of draws in which each candidate is recommended:`,
  monteCarloTied: 'Tie, for the committee to decide',
  monteCarloNone: 'No candidate qualifies',
  monteCarloMissing: 'No Monte Carlo simulation was run.',

  recommend: (name, total) => `By the scores, the software ${name} qualifies with the highest total (${total}/100).`,
  noneQualified: 'By the scores, no candidate meets the mandatory criteria and minimum scores.',
  tied: (names, total) => `By the scores, the candidates ${names} qualify with equal totals (${total}/100), and a choice between them must be made.`,
  proposal: (self, name) => `${self} proposes the software ${name}.`,
  proposalNone: (self) => `${self} proposes no software.`,
  proposalMissing: 'No proposal has been made yet.',
  deviation: (reason) => `This proposal differs from the result of the scores. Reason: ${reason}`,
  sensitivityAll: (stable, moving) =>
    stable && moving
      ? `As to sensitivity, the recommendation does not change when the weight of ${stable} moves up or down by up to 50 percentage points; it changes when ${moving}.`
      : stable
        ? `As to sensitivity, the recommendation does not change when the weight of ${stable} moves up or down by up to 50 percentage points.`
        : `As to sensitivity, the recommendation changes when ${moving}.`,
  groupsWord: (ids) => `groups ${ids}`,
  groupWord: (id) => `group ${id}`,
  movesBelow: (id, x) => `the weight of group ${id} falls below ${x}%`,
  movesAbove: (id, x) => `the weight of group ${id} rises above ${x}%`,
  tiedAll: 'As to sensitivity, the candidates are tied now, so any change of the weight of a group on which they differ changes the result.',
  or: 'or',
  and: 'and',
  noConclusion: 'The chair has not written a conclusion yet.',
  incompleteWarning: 'Note: scoring is not complete; the results above are provisional.',

  copiesLabel: 'Distribution:',
  copiesDefault: ['- As above;'],
  asAbove: '- As above;',
  asAbovePrefix: 'As above',
  archive: '- Archive: VT, …',
  archivePrefix: 'Archive',
  copiesLine: (line) => line.replace(/^(-\s*)?Lưu\s*:/u, '$1Archive:').replace(/^(-\s*)?Như trên\s*;?/u, '$1As above;'),

  appendixTitle: 'APPENDIX: SCORE SHEETS',
  appendixOf: (p) => `(Attached to Report No. ${p.number} ${p.date}${p.agency ? ` of ${p.agency}` : ''})`,
  appendixDate: (d) => (d ? `of ${Number(d.day)} ${MONTHS[Number(d.month) - 1]} ${d.year}` : 'of … … …'),
  sheetTitle: 'SCORE SHEET',
  sheetCandidate: 'Software evaluated:',
  sheetRater: 'Rater:',
  sheetDeclaration: 'Conflict-of-interest declaration:',
  sheetDeclaredAt: (when) => `declared at ${when}.`,
  sheetNotDeclared: 'not recorded.',
  sheetAbstains: (reason) => `Abstains for this software (conflict of interest). Reason: ${reason}`,
  sheetTotal: 'Rater’s total',
  sheetTotalLine: (total) => `Rater’s total: ${total}/100.`,
  sheetVerdict: 'Verdict',
  sheetVerdictLine: (verdict) => `Verdict: ${verdict}.`,
  blankTotalLine: 'Rater’s total: ……………/100.',
  blankVerdictLine: 'Verdict:   □ PASS   □ FAIL',
  sheetPage: (x, y) => `Score sheet — page ${x}/${y}`,
  signatureRole: 'Rater',
  signatureHint: '(Signature and full name)',
  blankTitle: 'SCORE SHEET',
  blankIntro: 'Mark (X) one level box per criterion; for mandatory criteria mark Pass or Fail. Write comments and evidence in the last column.',
  blankDeclaration: 'I declare no conflict of interest with the software evaluated:   □ Agreed   □ Conflict (state the reason): ……………………',
  blankScale: 'Rating scale:',
  datePlaceholder: '……, date ……',
  timeZone: 'Viet Nam time',
}

/** A bound of a sensitivity range; `edge`: the search stopped there, the true limit is beyond. */
export interface Bound { readonly value: string; readonly edge: boolean }

function lowerFirst(text: string): string {
  // "Đánh giá 02 phần mềm" → "đánh giá 02 phần mềm"; an acronym ("QLVB …") keeps its capitals.
  const [first = '', second = ''] = [...text]
  return second && second === second.toLocaleLowerCase('vi') ? first.toLocaleLowerCase('vi') + text.slice(first.length) : text
}

/** "phần mềm X", or just X when the name already says "Phần mềm …" (no "phần mềm Phần mềm"). */
function software(name: string): string {
  const m = /^phần mềm\s+/iu.exec(name.normalize('NFC'))
  return m ? `phần mềm ${name.normalize('NFC').slice(m[0].length)}` : `phần mềm ${name}`
}

/** How the agency that signs names itself in the body, from its name in the heading. */
function selfName(agency: string | undefined, lang: Lang): string {
  const a = (agency ?? '').normalize('NFC').trim().toLocaleUpperCase('vi')
  const kinds: [string, string, string][] = [
    ['SỞ ', 'Sở', 'The Department'], ['ỦY BAN NHÂN DÂN', 'Ủy ban nhân dân', 'The People’s Committee'], ['UBND', 'Ủy ban nhân dân', 'The People’s Committee'],
    ['VĂN PHÒNG', 'Văn phòng', 'The Office'], ['BAN ', 'Ban', 'The Board'], ['TRUNG TÂM', 'Trung tâm', 'The Centre'], ['CỤC ', 'Cục', 'The Department'], ['BỘ ', 'Bộ', 'The Ministry'],
  ]
  const kind = kinds.find(([prefix]) => a.startsWith(prefix))
  if (kind) return lang === 'vi' ? kind[1] : kind[2]
  return lang === 'vi' ? 'Cơ quan' : 'The agency'
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export type ReportStrings = Strings
export const REPORT_STRINGS: Readonly<Record<Lang, Strings>> = { vi, en }
export const reportStrings = (lang: Lang): Strings => REPORT_STRINGS[lang]
