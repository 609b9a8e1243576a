// What the committee saw at the demonstrations (fictional products, see demo-people.ts): per
// criterion of qlvb-dhcv-2015, the consensus level of each product and what was shown or missing.
// Ratings scatter around the consensus (demo-evaluation.ts); comments come from these notes.

export interface Observation {
  /** Consensus level on the 0–5 scale: [eDoc Kinh Bắc, S-Office Sông Thương]. */
  readonly level: readonly [number, number]
  /** What was demonstrated [edoc, soffice]; used for ratings at or above 4, and at 3. */
  readonly shown?: readonly [string, string]
  /** What was missing [edoc, soffice]; used for ratings at or below 3. */
  readonly missing?: readonly [string, string]
}

export const OBSERVATIONS: Readonly<Record<string, Observation>> = {
  'A.1': {
    level: [4, 4],
    shown: ['Đăng ký liền 3 văn bản đến, số đến liên tục 215–217, không nhảy số khi hủy bản nháp.',
      'Cấp số đến tự động đúng theo sổ; nhập văn bản quét nhanh, có nhận dạng chữ (OCR) trích yếu.'],
    missing: ['Chưa tự điền trích yếu từ bản quét, văn thư phải gõ lại.',
      'Khi hủy bản đang nhập dở, số đến bị giữ chỗ, phải sửa tay trên sổ.'],
  },
  'A.2': { level: [4, 4] },
  'A.3': {
    level: [4, 4],
    shown: ['Lãnh đạo ghi ý kiến chỉ đạo, giao chủ trì, phối hợp trên một màn hình; lịch sử luân chuyển đầy đủ.',
      'Chuyển xử lý bằng kéo thả, lịch sử luân chuyển hiển thị dạng sơ đồ, dễ theo dõi.'],
    missing: ['Chưa chuyển được cho nhiều chuyên viên cùng lúc trong một thao tác.',
      'Ý kiến chỉ đạo không hiển thị ở bản in phiếu xử lý.'],
  },
  'A.4': {
    level: [4, 3],
    shown: ['Cảnh báo trước hạn 2 ngày và khi quá hạn, lọc được văn bản quá hạn theo phòng.',
      'Có màu cảnh báo văn bản quá hạn trên danh sách.'],
    missing: ['Số ngày cảnh báo trước hạn cố định, không cấu hình được.',
      'Không có cảnh báo trước hạn, chỉ báo khi đã quá hạn.'],
  },
  'A.5': {
    level: [3, 3],
    missing: ['Chỉ cảnh báo trùng khi trùng cả số và ký hiệu; bản giấy nhập lại có trích yếu khác không phát hiện được.',
      'Không có chức năng cảnh báo văn bản trùng; nhà cung cấp hứa bổ sung ở bản 2.6.'],
  },
  'B.1': {
    level: [4, 5],
    shown: ['Trình duyệt 3 cấp, trả lại có ý kiến, lưu và so sánh được các phiên bản dự thảo.',
      'Dự thảo sửa trực tuyến, lưu vết thay đổi từng người.'],
  },
  'B.2': { level: [4, 4] },
  'B.3': {
    level: [4, 3],
    shown: ['Phát hành tới 3 đơn vị, trong đó 1 đơn vị dùng phần mềm khác; đủ 3 xác nhận đã nhận sau 6 phút.',
      'Phát hành điện tử trong hệ thống nhanh, có xác nhận đã nhận.'],
    missing: ['Chưa hiển thị thời điểm đơn vị nhận mở văn bản.',
      'Gửi ra ngoài hệ thống phải qua thư điện tử, không có xác nhận đã nhận.'],
  },
  'B.4': {
    level: [4, 4],
    shown: ['Có mẫu công văn, tờ trình; lề và cỡ chữ đúng TT 01/2011/TT-BNV.',
      'Thư viện 24 mẫu văn bản đúng thể thức, tự điền tên cơ quan, địa danh, ngày tháng.'],
    missing: ['Mẫu báo cáo sai cỡ chữ phần nơi nhận, phải chỉnh tay.',
      'Chưa có mẫu quyết định cá biệt.'],
  },
  'B.5': { level: [3, 3] },
  'C.2': {
    level: [4, 4],
    shown: ['Đơn vị chủ trì cập nhật tiến độ 50% kèm báo cáo; Văn phòng UBND tỉnh thấy ngay diễn biến.',
      'Cập nhật được tiến độ và kết quả, đính kèm báo cáo.'],
    missing: ['Đơn vị phối hợp chưa gửi được ý kiến riêng, phải gửi qua đơn vị chủ trì.',
      'Không phân biệt nhiệm vụ do Chủ tịch hay Phó Chủ tịch giao; chưa có tiến độ theo phần trăm.'],
  },
  'C.3': {
    level: [4, 4],
    shown: ['Nhắc việc tự động trên hệ thống và qua thư điện tử công vụ; tạo được văn bản đôn đốc từ danh sách quá hạn.',
      'Nhắc việc trên hệ thống và tin nhắn SMS khi nhiệm vụ quá hạn.'],
    missing: ['Chưa gửi được tin nhắn SMS nhắc việc.',
      'Không nhắc trước hạn; chưa tạo được văn bản đôn đốc từ danh sách nhiệm vụ.'],
  },
  'C.4': {
    level: [4, 3],
    shown: ['Báo cáo nhiệm vụ quý I/2015 theo người giao, đơn vị, trạng thái; xuất Excel đúng số liệu nhập thử.',
      'Thống kê nhiệm vụ theo đơn vị, xuất Excel.'],
    missing: ['Biểu đồ tổng hợp chưa lọc theo từng Phó Chủ tịch.',
      'Không lọc được theo người giao và theo kỳ báo cáo; số liệu quá hạn lệch 2 nhiệm vụ so với dữ liệu thử.'],
  },
  'C.5': { level: [4, 4] },
  'D.2': {
    level: [4, 2],
    shown: ['Tự kiểm tra chữ ký khi nhận: phát hiện đúng văn bản bị sửa sau khi ký và chứng thư đã thu hồi; thông báo tiếng Việt.',
      'Hiển thị được thông tin người ký trên văn bản đến.'],
    missing: ['Kiểm tra danh sách thu hồi (CRL) chậm khoảng 20 giây mỗi văn bản.',
      'Không phát hiện văn bản bị sửa sau khi ký; không kiểm tra tình trạng thu hồi chứng thư.'],
  },
  'D.3': {
    level: [5, 3],
    shown: ['Ký được bằng USB token chứng thư chuyên dùng của Ban Cơ yếu Chính phủ cấp cho Sở và bằng chứng thư công cộng.',
      'Ký được bằng chứng thư số công cộng.'],
    missing: ['', 'Với thiết bị chứng thư chuyên dùng của Ban Cơ yếu Chính phủ, lần ký thứ hai báo lỗi không nhận thiết bị.'],
  },
  'D.4': {
    level: [4, 3],
    shown: ['Chữ ký RSA 2048 bit, hàm băm SHA-256; nhà cung cấp có tài liệu đối chiếu danh mục tiêu chuẩn.',
      'Chữ ký dùng khóa RSA 2048 bit.'],
    missing: ['', 'Dùng hàm băm SHA-1; chưa có tài liệu đối chiếu danh mục tiêu chuẩn bắt buộc.'],
  },
  'D.5': {
    level: [4, 2],
    shown: ['Tệp PDF ký số mở trên máy không cài phần mềm, trình đọc PDF báo chữ ký hợp lệ, có hình ảnh chữ ký.',
      'Có hình ảnh chữ ký trên văn bản.'],
    missing: ['', 'Chữ ký lưu trong tệp riêng đi kèm, trình đọc PDF thông dụng không kiểm tra được.'],
  },
  'E.2': {
    level: [4, 2],
    shown: ['Nơi gửi nhận lại trạng thái "đang xử lý", "hoàn thành" từ phần mềm ở nơi nhận.',
      'Nhận được trạng thái trong cùng hệ thống.'],
    missing: ['', 'Không trao đổi trạng thái với hệ thống khác, chỉ biết văn bản đã gửi đi.'],
  },
  'E.3': {
    level: [4, 3],
    shown: ['Có tài liệu API và gói tin XML mẫu; gọi thử API lấy danh sách văn bản đến thành công.',
      'Có gói tin XML mẫu theo cấu trúc công bố.'],
    missing: ['', 'Tài liệu API chưa đầy đủ, chưa gọi thử được trong buổi đánh giá.'],
  },
  'E.4': {
    level: [4, 4],
    shown: ['Chuyển thư công vụ có tệp đính kèm vào sổ văn bản đến bằng một thao tác.',
      'Kết nối hệ thống một cửa điện tử tại UBND huyện đang chạy ổn định.'],
  },
  'E.5': { level: [4, 4] },
  'E.6': {
    level: [3, 4],
    shown: ['Có công cụ chuyển đổi, chuyển thử dữ liệu tháng 4/2015 của một sở.',
      'Chuyển đủ dữ liệu 1 tháng của UBND huyện, số văn bản và tệp khớp.'],
    missing: ['Lệch 14 tệp đính kèm sau chuyển đổi, nhà cung cấp đang kiểm tra.', ''],
  },
  'F.1': {
    level: [4, 5],
    shown: ['Tìm được theo mọi trường thông tin.',
      'Tìm toàn văn, gõ không dấu "chu ky so" vẫn ra kết quả, dưới 2 giây.'],
    missing: ['Chưa tìm được theo nội dung tệp đính kèm; tìm không dấu không ra kết quả.', ''],
  },
  'F.2': { level: [4, 5] },
  'F.3': { level: [3, 4] },
  'G.1': { level: [4, 4] },
  'G.2': {
    level: [4, 4],
    shown: ['Nhật ký đủ thao tác xem, sửa, ký, chuyển; tra theo người dùng và thời gian.',
      'Có nhật ký đăng nhập, tra được theo người dùng.'],
    missing: ['', 'Nhật ký không ghi thao tác xem văn bản.'],
  },
  'G.3': { level: [4, 4] },
  'G.4': {
    level: [4, 4],
    shown: ['Quản trị viên tạo được phòng, người dùng.',
      'Quản trị viên đơn vị tự tạo quy trình duyệt hai cấp bằng giao diện kéo thả, chạy thử ngay.'],
    missing: ['Thay đổi quy trình xử lý vẫn phải nhờ nhà cung cấp.', ''],
  },
  'G.5': { level: [4, 4] },
  'H.1': { level: [4, 5] },
  'H.2': {
    level: [2, 5],
    shown: ['Xem được văn bản trên máy tính bảng qua trình duyệt.',
      'Ứng dụng di động: lãnh đạo xem, ghi ý kiến chỉ đạo và chuyển xử lý ngay trên điện thoại, kể cả ký duyệt.'],
    missing: ['Chưa có ứng dụng di động; trên điện thoại không ghi được ý kiến chỉ đạo.', ''],
  },
  'H.3': { level: [4, 4] },
  'H.4': {
    level: [3, 5],
    shown: ['Có tài liệu hướng dẫn theo vai trò.',
      'Thành viên chưa dùng bao giờ tự đăng ký và chuyển xử lý văn bản trong 3 phút, 7 thao tác; giao diện rõ ràng.'],
    missing: ['Nhiều màn hình, thành viên mới cần 9 phút và 15 thao tác để đăng ký, chuyển một văn bản.', ''],
  },
  'H.5': { level: [4, 4] },
  'H.6': {
    level: [4, 4],
    shown: ['Báo giá chi tiết, tổng chi phí 5 năm khoảng 2,1 tỷ đồng.',
      'Tổng chi phí 5 năm khoảng 1,6 tỷ đồng, chuyển giao dữ liệu theo định dạng mở.'],
    missing: ['Bản quyền tính theo số người dùng, chi phí tăng khi mở rộng xuống cấp xã.', ''],
  },
}

/** Pass/fail judgments that are not a plain "pass", with what the rater saw. */
export const GATE_EXCEPTIONS: Readonly<Record<string, { readonly pass: boolean; readonly comment: string }>> = {
  'm3/soffice/D.1': { pass: false, comment: 'Chỉ ký được chữ ký cá nhân của lãnh đạo; chữ ký cơ quan văn thư phải ký ngoài phần mềm bằng công cụ riêng, chưa đáp ứng ký số văn bản đi trong phần mềm.' },
  'm5/soffice/D.1': { pass: false, comment: 'Ký số cơ quan không thực hiện được trong phần mềm; lần ký bằng thiết bị chuyên dùng thứ hai báo lỗi.' },
  'm1/soffice/D.1': { pass: true, comment: 'Đạt ở mức tối thiểu: ký số cá nhân thực hiện được trong phần mềm; chữ ký cơ quan nhà cung cấp cam kết tích hợp trong tháng 6/2015.' },
  'm6/soffice/E.1': { pass: false, comment: 'Văn bản gửi sang eDoc Kinh Bắc đến nơi nhận nhưng mất trường "độ khẩn" và tệp ký số không còn kiểm tra được chữ ký.' },
  'm4/soffice/E.1': { pass: true, comment: 'Gửi, nhận được văn bản hai chiều với eDoc Kinh Bắc trong buổi đánh giá.' },
  'm3/edoc/D.1': { pass: true, comment: 'Lãnh đạo ký số, văn thư ký số cơ quan và phát hành ngay trong phần mềm; mở tệp thấy hai chữ ký hợp lệ.' },
  'm4/edoc/C.1': { pass: true, comment: 'Tạo 5 nhiệm vụ từ Thông báo 70/TB-UBND, giao Sở chủ trì, Văn phòng phối hợp, có thời hạn; Sở nhận được ngay.' },
  'm5/edoc/E.1': { pass: true, comment: 'Liên thông hai chiều với S-Office Sông Thương và một hệ thống của Bộ; tệp ký số còn nguyên chữ ký.' },
}

/**
 * Real disagreements (spread ≥ 3) the committee discussed in review: rater → level, comment.
 * Keys are `candidate/criterion`.
 */
export const DISAGREEMENTS: Readonly<Record<string, Readonly<Record<string, readonly [number, string?]>>>> = {
  'soffice/D.3': {
    m1: [3],
    m3: [1, 'Với USB token chuyên dùng của Ban Cơ yếu Chính phủ cấp cho Sở, lần ký thứ hai báo lỗi không nhận thiết bị; coi như chưa dùng được chứng thư chuyên dùng.'],
    m4: [4, 'Ký thành công lần đầu bằng chứng thư chuyên dùng; nhà cung cấp có công văn xác nhận đã tích hợp, lỗi lần hai do trình điều khiển thiết bị.'],
    m5: [2],
    m6: [4],
  },
  'edoc/H.2': {
    m1: [2],
    m3: [1, 'Không có ứng dụng di động; trên điện thoại giao diện vỡ, không ghi được ý kiến chỉ đạo.'],
    m4: [4, 'Trên máy tính bảng dùng trình duyệt xem và chuyển xử lý được, đủ cho lãnh đạo Văn phòng dùng khi đi công tác.'],
    m5: [2],
    m6: [2],
    m7: [3],
  },
  'edoc/E.6': {
    m1: [3],
    m3: [1, 'Chuyển thử lệch 14 tệp đính kèm, chưa rõ nguyên nhân; rủi ro mất dữ liệu khi chuyển toàn tỉnh.'],
    m4: [4, 'Số văn bản khớp; 14 tệp lệch là tệp trùng trong hệ thống cũ, nhà cung cấp đã giải trình.'],
    m5: [3],
    m6: [2],
    m7: [4],
  },
  'soffice/H.4': {
    m1: [5],
    m3: [2, 'Giao diện đẹp nhưng thiếu phím tắt; thao tác hàng loạt với 50 văn bản đến phải làm từng văn bản.'],
    m4: [5],
    m5: [4],
    m6: [5, 'Văn thư cấp huyện tự học dùng được sau một buổi; đây là điểm mạnh rõ nhất.'],
  },
}
