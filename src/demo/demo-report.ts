// The §9 report block of the demo: who reports to whom, and the chair's conclusion.
import type { ReportBlock } from '../domain/evaluation-file.ts'

export const DEMO_REPORT: ReportBlock = {
  parentAgency: 'UBND TỈNH BẮC GIANG',
  agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  number: '128/BC-STTTT',
  place: 'Bắc Giang',
  date: '2015-05-28',
  recipient: 'Ủy ban nhân dân tỉnh Bắc Giang',
  // Fictional signer: the chair of the committee, a deputy director signing for the director.
  signer: { authority: 'KT. GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Văn Thành' },
  copiesTo: [
    'Chủ tịch, các PCT UBND tỉnh (b/c);',
    'Văn phòng UBND tỉnh;',
    'Giám đốc Sở;',
    'Các thành viên Tổ đánh giá;',
    'Lưu: VT, CNTT.',
  ],
}

/**
 * The chair's conclusion, written in review. Its figures are the demo's results (§3), rounded
 * for display; test/demo checks them against the computation so the two cannot drift apart.
 */
export const DEMO_CONCLUSION = [
  'Tổ đánh giá đã tổ chức trình diễn, kiểm tra thực tế 02 phần mềm theo 40 tiêu chí của Bộ tiêu chí đánh giá '
  + 'phần mềm Quản lý văn bản và Điều hành công việc (phiên bản 1.0.0), trong đó có 03 tiêu chí bắt buộc '
  + '(đạt/không đạt). Cả hai phần mềm đều đạt 03 tiêu chí bắt buộc, đạt ngưỡng tối thiểu của các nhóm tiêu chí '
  + 'và vượt điểm tối thiểu 70/100: phần mềm eDoc Kinh Bắc 3.2 đạt 78,02 điểm, xếp thứ nhất; phần mềm '
  + 'S-Office Sông Thương 2.5 đạt 72,41 điểm, xếp thứ hai.',
  'Phần mềm eDoc Kinh Bắc đáp ứng tốt hơn hai yêu cầu trọng tâm tại mục 3 Thông báo số 70/TB-UBND: tích hợp '
  + 'chữ ký số (14,19/16 điểm, so với 8,19/16 điểm) và theo dõi, đôn đốc nhiệm vụ do UBND tỉnh, Chủ tịch UBND '
  + 'tỉnh giao (13,09/16 điểm, so với 12,33/16 điểm), đồng thời liên thông văn bản hai chiều với hệ thống khác '
  + '(10,31/14 điểm, so với 9,35/14 điểm). Phần mềm S-Office Sông '
  + 'Thương có ưu thế về tính dễ sử dụng, ứng dụng trên thiết bị di động và tra cứu toàn văn, nhưng tiêu chí '
  + 'ký số văn bản đi chỉ được 3/5 thành viên đánh giá đạt do chữ ký số của cơ quan chưa thực hiện được trong '
  + 'phần mềm. Kết quả xếp hạng ổn định: chỉ thay đổi khi trọng số nhóm Chữ ký số giảm từ 16% xuống dưới '
  + 'khoảng 1,21%, hoặc trọng số nhóm Kỹ thuật, triển khai và hỗ trợ tăng từ 10% lên trên khoảng 29,31%.',
  'Tổ đánh giá thống nhất đề xuất UBND tỉnh lựa chọn phần mềm eDoc Kinh Bắc 3.2 để triển khai thống nhất '
  + 'trên địa bàn tỉnh; yêu cầu nhà cung cấp bổ sung ứng dụng trên thiết bị di động, hoàn thiện công cụ '
  + 'chuyển đổi dữ liệu trước khi triển khai mở rộng; các đơn vị đang sử dụng phần mềm S-Office Sông Thương '
  + 'được chuyển đổi dữ liệu theo lộ trình, bảo đảm liên thông văn bản trong thời gian chuyển tiếp.',
].join('\n')
