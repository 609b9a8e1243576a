// Who takes part in the demo evaluation. Every person, product and company here is FICTIONAL:
// invented names, not real officials, products or vendors; only the agencies and the notice
// (Thông báo 70/TB-UBND, Bắc Giang, 03/4/2015) are real.
import type { Abstention, Candidate, Member } from '../domain/evaluation-file.ts'

export const DEMO_CANDIDATES: readonly Candidate[] = [
  // Fictional product and vendor: the stronger one on digital signatures and interconnection.
  { id: 'edoc', name: 'eDoc Kinh Bắc', vendor: 'Công ty Cổ phần Giải pháp số Kinh Bắc', version: '3.2' },
  // Fictional product and vendor: easier to use, better on mobile, weaker on signatures.
  { id: 'soffice', name: 'S-Office Sông Thương', vendor: 'Công ty TNHH Phần mềm Sông Thương', version: '2.5' },
]

export interface DemoMember extends Member {
  /** Position and agency, for the people reading the code; the file format has no field for it. */
  readonly position: string
  /** −1 strict … +1 lenient: shifts the odds of rating one level below or above the consensus. */
  readonly leaning: number
}

export const DEMO_MEMBERS: readonly DemoMember[] = [
  { id: 'm1', name: 'Nguyễn Văn Thành', role: 'chair', username: 'thanhnv', declaredAt: '2015-05-11T08:15:00+07:00',
    position: 'Phó Giám đốc Sở Thông tin và Truyền thông', leaning: 0 },
  { id: 'm2', name: 'Hoàng Thị Thu Trang', role: 'secretary', username: 'tranghtt', declaredAt: '2015-05-11T08:20:00+07:00',
    position: 'Chuyên viên Phòng Công nghệ thông tin, Sở Thông tin và Truyền thông', leaning: 0 },
  { id: 'm3', name: 'Trần Minh Đức', role: 'member', username: 'ductm', declaredAt: '2015-05-11T08:32:00+07:00',
    position: 'Trưởng phòng Công nghệ thông tin, Sở Thông tin và Truyền thông', leaning: -1 },
  { id: 'm4', name: 'Lê Thị Hương', role: 'member', username: 'huonglt', declaredAt: '2015-05-11T09:05:00+07:00',
    position: 'Phó Chánh Văn phòng UBND tỉnh', leaning: 1 },
  { id: 'm5', name: 'Phạm Quốc Hưng', role: 'member', username: 'hungpq', declaredAt: '2015-05-11T09:40:00+07:00',
    position: 'Giám đốc Trung tâm Tin học - Công báo, Văn phòng UBND tỉnh', leaning: 0 },
  { id: 'm6', name: 'Ngô Thị Lan Anh', role: 'member', username: 'anhntl', declaredAt: '2015-05-12T07:55:00+07:00',
    position: 'Chi cục trưởng Chi cục Văn thư - Lưu trữ, Sở Nội vụ', leaning: 0 },
  { id: 'm7', name: 'Đặng Văn Khoa', role: 'member', username: 'khoadv', declaredAt: '2015-05-12T08:10:00+07:00',
    position: 'Phó Giám đốc Trung tâm Công nghệ thông tin và Truyền thông, Sở Thông tin và Truyền thông', leaning: 0 },
]

/** §2: a declared conflict makes the member abstain for that candidate, with the reason. */
export const DEMO_ABSTENTIONS: readonly Abstention[] = [
  {
    member: 'm7',
    candidate: 'soffice',
    reason:
      'Trung tâm Công nghệ thông tin và Truyền thông là đơn vị phối hợp triển khai phần mềm S-Office Sông Thương '
      + 'tại UBND các huyện theo hợp đồng ký năm 2014; thành viên tự nguyện không chấm phần mềm này để bảo đảm khách quan.',
  },
]
