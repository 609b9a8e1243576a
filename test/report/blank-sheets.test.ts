import { afterAll, describe, expect, it } from 'vitest'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderBlankSheets } from '../../src/report/render-report.ts'
import { smallEvaluation } from '../fixtures/report/small-evaluation.ts'
import { flat, pdfFonts, pdfPages, pdfText } from './pdf-tools.ts'

afterAll(closeRenderPool)

describe('blank score sheets', () => {
  it('prints one sheet per rater × candidate with level boxes, descriptors, comments and a signature line', async () => {
    const file = assertEvaluationFile(smallEvaluation())
    const pdf = await renderBlankSheets(file, { lang: 'vi' })
    const text = pdfText(pdf)
    // 3 raters (chair + 2 members; the secretary does not rate) × 2 candidates, a page each.
    expect(pdfPages(pdf)).toBe(6)
    expect(text.match(/PHIẾU CHẤM ĐIỂM/g)).toHaveLength(6)
    expect(text.match(/\(Ký và ghi rõ họ tên\)/g)).toHaveLength(6)
    expect(text).not.toContain('Phạm Thu Hường')
    for (const name of ['Nguyễn Văn Hưởng', 'Trần Thị Mỹ Hạnh', 'Lê Đức Thắng']) expect(text.split(name).length - 1).toBe(2 * 2)
    // The header row: one column per level of the 0..4 scale, then the comment column.
    expect(text).toMatch(/Mã\s+Tiêu chí\s+Điểm\s+0\s+1\s+2\s+3\s+4\s+Nhận xét, minh/)
    expect(flat(text)).toContain('4 — Đáp ứng đầy đủ, vượt yêu cầu')
    expect(text).toContain('Tổng điểm của người đánh giá: ……………/100.')
    expect(text).toMatch(/Kết luận: +□ ĐẠT +□ KHÔNG ĐẠT/)
    expect(text).toMatch(/□ Đạt\s+□ Không đạt/)
    // Compact: titles only, no guidance paragraphs.
    expect(flat(text)).not.toContain('Ký thử một công văn đi bằng chứng thư số cá nhân và của cơ quan.')
    // Lê Đức Thắng declared a conflict with Sông Thương: that sheet says so, with no boxes.
    expect(flat(text)).toContain('Không tham gia chấm phần mềm này do xung đột lợi ích. Lý do: Từng tham gia triển khai phần mềm Sông Thương')
    // The column header heads each group's table (repeated on every page it spans): 5 sheets with boxes.
    // One table per top-level group, each with its header printed (cells are not shared between tables).
    expect(text.match(/Nhận xét, minh/g)?.length).toBeGreaterThanOrEqual(5 * smallEvaluation().criteria.length)
    // No ratings leak onto a blank sheet.
    expect(text).not.toContain('Chỉ nhắc trên giao diện')
    expect(pdfFonts(pdf).every((f) => f.emb === 'yes')).toBe(true)
  })

  it('prints English sheets', async () => {
    const text = pdfText(await renderBlankSheets(assertEvaluationFile(smallEvaluation()), { lang: 'en' }))
    expect(text).toContain('SCORE SHEET')
    expect(text).toContain('(Signature and full name)')
    expect(flat(text)).toContain('4 — Fully met, beyond requirements')
  })
})
