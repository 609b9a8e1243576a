// A small evaluation worked by hand (scale 0..5, so r = v / 5).
//
// Criteria and global weights W:
//   G1 Chữ ký số (40, threshold 50%): G1.1 (3) → 0.4·3/4 = 0.3; G1.2 (1) → 0.1; G1.3 pass/fail
//   G2 Theo dõi (60): G2.A (1) › G2.A.1 (1) → 0.6·1/2 = 0.3; G2.2 (1) → 0.3
// Raters m1..m4 (members) and m5 (chair); s1 is the secretary and does not rate.
// m4 abstains for B; m3 has not rated A on G2.2.
//
// A (5 raters):         mean            median       trimmed (≥5: drop max and min)
//   G1.1  5 4 4 3 1     3.4 → .68       4 → .8       (4+4+3)/3 → 11/15
//   G1.2  2 2 3 3 5     3   → .6        3 → .6       (2+3+3)/3 → 8/15
//   G2.A.1 4 4 4 4 4    .8              .8           .8
//   G2.2  5 3 _ 4 2     3.5 → .7        3.5 → .7     4 ratings: mean .7
//   G1.3  ✓ ✓ ✗ ✓ ✗     3 of 5 pass → Đạt
//   S = 100·(.3·R1 + .1·R2 + .3·.8 + .3·.7):
//     mean 71.4 (G1 26.4, G2 45); median 75 (G1 30, G2 45); trimmed 72.3333… (G1 27.3333…, G2 45)
// B (m1 m2 m3 m5):
//   G1.1  2 3 3 2       .5              .5           .5
//   G1.2  1 1 1 5       .4              .2           .4
//   G2.A.1 5 5 4 3      .85             .9           .85
//   G2.2  4 4 4 4       .8              .8           .8
//   G1.3  ✓ ✗ ✓ ✗       2 of 4: a tie fails
//   mean 68.5 (G1 19, G2 49.5); median 68 (G1 17, G2 51); trimmed = mean
// m1's own total for A: 100·(.3·1 + .1·.4 + .3·.8 + .3·1) = 88.
import type { Aggregation, EvaluationFile, Rating } from '../../src/domain/evaluation-file.ts'

export const HAND_WORKED: Record<Aggregation, Record<'A' | 'B', { score: number; G1: number; G2: number }>> = {
  mean: { A: { score: 71.4, G1: 26.4, G2: 45 }, B: { score: 68.5, G1: 19, G2: 49.5 } },
  median: { A: { score: 75, G1: 30, G2: 45 }, B: { score: 68, G1: 17, G2: 51 } },
  trimmed: { A: { score: 72 + 1 / 3, G1: 27 + 1 / 3, G2: 45 }, B: { score: 68.5, G1: 19, G2: 49.5 } },
}

const RAW: Record<'A' | 'B', Record<string, (number | boolean | null)[]>> = {
  //         m1     m2     m3     m4     m5
  A: {
    'G1.1': [5, 4, 4, 3, 1],
    'G1.2': [2, 2, 3, 3, 5],
    'G1.3': [true, true, false, true, false],
    'G2.A.1': [4, 4, 4, 4, 4],
    'G2.2': [5, 3, null, 4, 2],
  },
  B: {
    'G1.1': [2, 3, 3, null, 2],
    'G1.2': [1, 1, 1, null, 5],
    'G1.3': [true, false, true, null, false],
    'G2.A.1': [5, 5, 4, null, 3],
    'G2.2': [4, 4, 4, null, 4],
  },
}

const RATERS = ['m1', 'm2', 'm3', 'm4', 'm5']

export function handWorkedRatings(): Rating[] {
  const out: Rating[] = []
  for (const [candidate, byCriterion] of Object.entries(RAW)) {
    for (const [criterion, values] of Object.entries(byCriterion)) {
      values.forEach((v, i) => {
        if (v === null) return
        const member = RATERS[i] as string
        const comment = member === 'm1' && criterion === 'G1.1' ? `Nhận xét của ${member} về ${candidate}` : undefined
        out.push(typeof v === 'boolean'
          ? { member, candidate, criterion, pass: v, ...(comment ? { comment } : {}) }
          : { member, candidate, criterion, value: v, ...(comment ? { comment } : {}) })
      })
    }
  }
  return out
}

export function handWorkedEvaluation(aggregation: Aggregation = 'mean'): EvaluationFile {
  return {
    format: 'eoffice-eval/evaluation@1',
    evaluation: { title: 'Đánh giá thử nghiệm phần mềm QLVB&ĐHCV', aggregation, threshold: 70, status: 'review' },
    scale: {
      min: 0,
      max: 5,
      levels: [
        { value: 0, label: { vi: 'Không đáp ứng', en: 'Not met' } },
        { value: 5, label: { vi: 'Đáp ứng đầy đủ, vượt yêu cầu', en: 'Fully met, exceeds' } },
      ],
    },
    criteria: [
      {
        id: 'G1', title: { vi: 'Chữ ký số', en: 'Digital signature' }, weight: 40, threshold: 50,
        children: [
          { id: 'G1.1', title: { vi: 'Ký số văn bản đi', en: 'Signing outgoing documents' }, weight: 3, guidance: { vi: 'Ký thử 3 văn bản', en: 'Sign 3 documents' } },
          { id: 'G1.2', title: { vi: 'Xác thực chữ ký văn bản đến', en: 'Verifying incoming signatures' }, weight: 1 },
          { id: 'G1.3', title: { vi: 'Dùng chứng thư số chuyên dùng', en: 'Uses government certificates' }, type: 'pass_fail' },
        ],
      },
      {
        id: 'G2', title: { vi: 'Theo dõi nhiệm vụ', en: 'Task follow-up' }, weight: 60,
        children: [
          { id: 'G2.A', title: { vi: 'Giao việc', en: 'Assignment' }, weight: 1, children: [
            { id: 'G2.A.1', title: { vi: 'Giao nhiệm vụ từ văn bản', en: 'Tasks from documents' }, weight: 1 },
          ] },
          { id: 'G2.2', title: { vi: 'Đôn đốc, nhắc hạn', en: 'Reminders' }, weight: 1 },
        ],
      },
    ],
    candidates: [
      { id: 'A', name: 'Phần mềm Alpha', vendor: 'Công ty A' },
      { id: 'B', name: 'Phần mềm Beta', vendor: 'Công ty B' },
    ],
    members: [
      { id: 'm1', name: 'Nguyễn Văn An', role: 'member' },
      { id: 'm2', name: 'Trần Thị Bình', role: 'member' },
      { id: 'm3', name: 'Lê Văn Cường', role: 'member' },
      { id: 'm4', name: 'Phạm Thị Dung', role: 'member' },
      { id: 'm5', name: 'Hoàng Văn Em', role: 'chair' },
      { id: 's1', name: 'Vũ Thị Giang', role: 'secretary' },
    ],
    abstentions: [{ member: 'm4', candidate: 'B', reason: 'Từng làm việc cho Công ty B' }],
    ratings: handWorkedRatings(),
  }
}
