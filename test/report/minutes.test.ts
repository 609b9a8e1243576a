// The minutes of the review meeting (§13), rendered in the worker and read back with pdftotext.
// The small evaluation (see report-pdf.test.ts): A's TD.2 ratings 4, 1, 2 (mean 2,33) are a
// disagreement; the committee agreed 3 ("…"), so A's TD.2 points become 20 × 3/4 = 15 and A's
// total 76.6667 − 11.6667 + 15 = 80.00. KS.3 for A (pass, pass, fail) is flagged and kept.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertEvaluationFile, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { minutesNumber } from '../../src/report/minutes-definition.ts'
import { minutesStrings } from '../../src/report/minutes-strings.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderMinutes } from '../../src/report/render-minutes.ts'
import { smallEvaluation } from '../fixtures/report/small-evaluation.ts'
import { flat, pdfFonts, pdfText } from './pdf-tools.ts'

const DATE = new Date('2015-05-20T05:00:00Z')
const base = smallEvaluation()
const file: EvaluationFile = assertEvaluationFile({
  ...base,
  evaluation: { ...base.evaluation, status: 'review' },
  report: {
    ...base.report,
    proposal: 'A',
    meeting: {
      startedAt: '2015-05-20T01:30:00Z', endedAt: '2015-05-20T04:15:00Z', place: 'Phòng họp số 2, Sở Thông tin và Truyền thông',
      chairedBy: 'm1', present: ['m1', 'm2', 'm4'], absent: [{ member: 'm3', reason: 'Đi công tác tại Hà Nội' }],
      notes: 'Các thành viên nhất trí với kết quả.',
    },
  },
  consensus: [{ candidate: 'A', criterion: 'TD.2', value: 3, reason: 'Đã chạy thử nhắc việc tự động trên máy chủ thật' }],
})

let vi: string
let en: string
beforeAll(async () => {
  const [a, b] = await Promise.all([
    renderMinutes(file, { lang: 'vi', creationDate: DATE }),
    renderMinutes(file, { lang: 'en', creationDate: DATE }),
  ])
  const dir = join(import.meta.dirname, '../../test-artifacts')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'minutes-vi.pdf'), a)
  writeFileSync(join(dir, 'minutes-en.pdf'), b)
  expect(pdfFonts(a).every((f) => f.emb === 'yes')).toBe(true)
  vi = flat(pdfText(a))
  en = flat(pdfText(b))
}, 60_000)
afterAll(() => closeRenderPool())

describe('minutes (vi)', () => {
  it('has the NĐ 30/2020 heading, the number …/BB-, the type and the subject', () => {
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: …/BB-STTTT', 'BIÊN BẢN', `Họp Tổ đánh giá ${file.evaluation.title}`]) {
      expect(vi).toContain(s)
    }
    // The date line is the meeting's day (Viet Nam time).
    expect(vi).toMatch(/ngày 20 tháng 5 năm 2015/)
  })

  it('states time and place, who attended with roles, who was absent and why', () => {
    expect(vi).toContain('Thời gian bắt đầu: 08 giờ 30 phút, ngày 20 tháng 5 năm 2015')
    expect(vi).toContain('Địa điểm: Phòng họp số 2, Sở Thông tin và Truyền thông')
    expect(vi).toContain('Chủ trì: Nguyễn Văn Hưởng, Tổ trưởng')
    expect(vi).toContain('Thư ký: Phạm Thu Hường')
    expect(vi).toContain('- Trần Thị Mỹ Hạnh, Thành viên')
    expect(vi).toContain('Lê Đức Thắng, Thành viên (lý do: Đi công tác tại Hà Nội)')
  })

  it('gives the results in brief with the consensus applied (A 80,00), each disagreement and its consensus', () => {
    expect(vi).toContain('80,00')
    expect(vi).toContain('73,75')
    // Table cells wrap, and pdftotext interleaves the columns: the phrases are checked in pieces.
    expect(vi).toContain('Thống nhất 3 điểm (thay cho')
    expect(vi).toContain('điểm tổng hợp 2,33)')
    expect(vi).toContain('Lý do: Đã chạy thử nhắc việc')
    expect(vi).toContain('Giữ điểm tổng hợp (Đạt)')
    expect(vi).toContain('Trần Thị Mỹ Hạnh: 1')
  })

  it('states the proposal, the end time, the notes and the two signature lines', () => {
    expect(vi).toContain('Tổ đánh giá đề xuất lựa chọn phần mềm: Văn phòng điện tử Ánh Dương.')
    expect(vi).toContain('Cuộc họp kết thúc vào hồi 11 giờ 15 phút cùng ngày.')
    expect(vi).toContain('Các thành viên nhất trí với kết quả.')
    expect(vi).toMatch(/THƯ KÝ.*CHỦ TRÌ/)
    expect(vi).toMatch(/Phạm Thu Hường.*Nguyễn Văn Hưởng|Nguyễn Văn Hưởng.*Phạm Thu Hường/)
    expect(vi).not.toMatch(/\bundefined\b|\bNaN\b/)
  })
})

describe('minutes (en)', () => {
  it('says the same in English', () => {
    for (const s of ['SOCIALIST REPUBLIC OF VIET NAM', 'MINUTES', 'Started: 08:30, 20 May 2015', 'Chaired by: Nguyễn Văn Hưởng, Chair',
      'Agreed 3 (replacing the', '2.33)', 'The meeting ended at 11:15 the same day.', 'SECRETARY', 'CHAIR', '80.00']) {
      expect(en).toContain(s)
    }
    expect(en).not.toContain('BIÊN BẢN')
  })
})

describe('minutes number', () => {
  it('takes the issuing unit from the report number, a placeholder otherwise', () => {
    const m = minutesStrings('vi')
    expect(minutesNumber({ number: '125/BC-STTTT' }, m)).toBe('…/BB-STTTT')
    expect(minutesNumber(undefined, m)).toBe('…/BB-…')
  })
})
