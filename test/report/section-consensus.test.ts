// Section IV lists every consensus (§11) with the aggregate it replaced and the reason; the
// results of section III already use it. Small evaluation (report-pdf.test.ts): A's TD.2 ratings
// 4, 1, 2 → mean 2,33; agreed 3 → A's total 76,67 − 11,67 + 15 = 80,00.
import { afterAll, describe, expect, it } from 'vitest'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderReport } from '../../src/report/render-report.ts'
import { reportContext } from '../../src/report/report-context.ts'
import { sectionConsensus } from '../../src/report/section-consensus.ts'
import { smallEvaluation } from '../fixtures/report/small-evaluation.ts'
import { flat, pdfText } from './pdf-tools.ts'

const file = assertEvaluationFile({
  ...smallEvaluation(),
  consensus: [
    { candidate: 'A', criterion: 'TD.2', value: 3, reason: 'Đã chạy thử nhắc việc tự động' },
    { candidate: 'A', criterion: 'KS.3', pass: true, reason: 'Chứng thư số của Ban Cơ yếu dùng được' },
  ],
})
afterAll(() => closeRenderPool())

describe('report section IV: the committee consensus', () => {
  it('is a table of every consensus, in vi and en', () => {
    const text = (lang: 'vi' | 'en') => JSON.stringify(sectionConsensus(reportContext(file, computeResults(file, { monteCarlo: false }), lang)))
    expect(text('vi')).toContain('Thống nhất của Tổ đánh giá')
    expect(text('vi')).toContain('2,33')
    expect(text('vi')).toContain('Chứng thư số của Ban Cơ yếu dùng được')
    expect(text('en')).toContain('2.33')
    const none = assertEvaluationFile(smallEvaluation())
    expect(JSON.stringify(sectionConsensus(reportContext(none, computeResults(none, { monteCarlo: false }), 'vi')))).toContain('không ghi nhận thống nhất nào')
  })

  it('prints in the PDF, and the totals use the consensus', async () => {
    const text = flat(pdfText(await renderReport(file, { lang: 'vi', creationDate: new Date('2015-05-05T03:00:00Z') })))
    expect(text).toContain('Thống nhất của Tổ đánh giá')
    expect(text).toContain('Đã chạy thử nhắc việc tự động')
    expect(text).toContain('80,00')
  }, 60_000)
})
