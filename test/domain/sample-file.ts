// A valid evaluation file close to the §9 example, for the file-format tests.
import type { EvaluationFile } from '../../src/domain/evaluation-file.ts'

/** The §9 example, filled in: 2 groups, 3 criteria (one pass/fail), 2 candidates, 3 members. */
export function sampleFile(): EvaluationFile {
  const criteria: EvaluationFile['criteria'] = [
    {
      id: 'KS', title: { vi: 'Chữ ký số', en: 'Digital signature' }, weight: 25, threshold: 50,
      description: { vi: 'Tích hợp chữ ký số', en: 'Digital signature integration' },
      children: [
        { id: 'KS.1', title: { vi: 'Ký số văn bản đi', en: 'Signing outgoing documents' }, weight: 2, guidance: { vi: 'Ký thử một văn bản', en: 'Sign a test document' }, source: 'Thông báo 70/TB-UBND' },
        { id: 'KS.2', title: { vi: 'Xác thực chữ ký số văn bản đến', en: 'Verifying incoming signatures' }, type: 'pass_fail' },
      ],
    },
    {
      id: 'TD', title: { vi: 'Theo dõi nhiệm vụ', en: 'Task follow-up' }, weight: 75,
      children: [
        { id: 'TD.1', title: { vi: 'Theo dõi, đôn đốc nhiệm vụ', en: 'Following up tasks' }, weight: 1 },
        { id: 'TD.2', title: { vi: 'Báo cáo tình hình thực hiện', en: 'Progress reports' }, weight: 1 },
      ],
    },
  ]
  const ratings: EvaluationFile['ratings'] = []
  const members = ['m1', 'm2', 'm3']
  for (const member of members) {
    for (const candidate of ['A', 'B']) {
      if (member === 'm3' && candidate === 'B') continue // abstains
      ratings.push({ member, candidate, criterion: 'KS.1', value: 4, comment: 'Đáp ứng tốt' })
      ratings.push({ member, candidate, criterion: 'KS.2', pass: true })
      ratings.push({ member, candidate, criterion: 'TD.1', value: 3 })
      ratings.push({ member, candidate, criterion: 'TD.2', value: 2 })
    }
  }
  return {
    format: 'eoffice-eval/evaluation@1',
    evaluation: {
      title: 'Đánh giá phần mềm QLVB&ĐHCV', basis: 'Thông báo số 70/TB-UBND ngày 03/4/2015', status: 'review',
      catalog: { id: 'qlvb-dhcv-2015', version: '1.0.0' }, aggregation: 'mean', threshold: 70,
      monteCarlo: { draws: 1000, concentration: 100, seed: 2015 },
    },
    report: { agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', place: 'Bắc Giang', date: '2015-05-25', copiesTo: ['Lưu: VT'] },
    scale: {
      min: 0, max: 5,
      levels: [
        { value: 0, label: { vi: 'Không đáp ứng', en: 'Not met' } },
        { value: 5, label: { vi: 'Đáp ứng đầy đủ, vượt yêu cầu', en: 'Fully met, beyond requirements' } },
      ],
    },
    criteria,
    candidates: [{ id: 'A', name: 'Phần mềm A', vendor: 'Công ty A', version: '2.1' }, { id: 'B', name: 'Phần mềm B' }],
    members: [
      { id: 'm1', name: 'Nguyễn Văn An', role: 'chair', username: 'an', declaredAt: '2015-05-12T08:30:00Z' },
      { id: 'm2', name: 'Trần Thị Bình', role: 'member' },
      { id: 'm3', name: 'Lê Văn Cường', role: 'member' },
      { id: 's1', name: 'Phạm Thu Dung', role: 'secretary' },
    ],
    abstentions: [{ member: 'm3', candidate: 'B', reason: 'Từng tham gia triển khai phần mềm B' }],
    ratings,
  }
}
