// The §6 report of the small hand-made evaluation, read back with poppler. Hand-worked numbers
// (scale 0..4, r = v/4, global weights KS.1 .30, KS.2 .10, TD.1 .20, TD.2 .20, LT .20):
//   A: KS.1 (4,3,4) → 30 × 11/12 = 27.5; KS.2 (2,2,3) → 10 × 7/12 = 5.8333; TD.1 (3,3,3) → 15;
//      TD.2 (4,1,2) → 20 × 7/12 = 11.6667; LT (3,4,3) → 20 × 10/12 = 16.6667; total 76.6667 → 76,67
//   B (m3 abstains): KS.1 (3,3) 22.5; KS.2 (3,4) 8.75; TD.1 (2,3) 12.5; TD.2 (2,2) 10; LT (4,4) 20
//      → 73.75. Both pass KS.3 (A: 2 of 3 say pass) and the threshold 60: A is recommended.
//   Own sheets: m1/A 30+5+15+20+15 = 85; m3/A 30+7.5+15+10+15 = 77.5 but m3 failed KS.3 → KHÔNG ĐẠT.
//   TD sensitivity: A − B = 100[(1−t)(.8333 − .8542) + t(.6667 − .5625)] = 0 at t = 1/6: down
//   −23.33 pp from 40 % → the recommendation holds for TD between 16,67 % and 90,00 % (+50 pp).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluationHash } from '../../src/domain/canonical.ts'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { buildReportDefinition } from '../../src/report/report-definition.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderReport } from '../../src/report/render-report.ts'
import { finalized, noneQualifies, smallEvaluation, tiedEvaluation } from '../fixtures/report/small-evaluation.ts'
import { bodyText, flat, pageGrey, pdfFonts, pdfText } from './pdf-tools.ts'

const DATE = new Date('2015-05-05T03:00:00Z')
const file = assertEvaluationFile(smallEvaluation())
const TITLE = file.evaluation.title
/** The running text, flattened: whitespace as single spaces, no page furniture. */
const prose = (t: string) => flat(bodyText(t, TITLE))
let vi: Buffer
let text: string

beforeAll(async () => {
  vi = await renderReport(file, { lang: 'vi', creationDate: DATE })
  text = pdfText(vi)
})
afterAll(closeRenderPool)

describe('the report of the small evaluation (vi)', () => {
  it('has the official heading of NĐ 30/2020', () => {
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc')
    expect(text).toContain('UBND TỈNH BẮC GIANG')
    expect(text).toContain('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')
    expect(text).toContain('Số: 125/BC-STTTT')
    expect(text).toContain('Bắc Giang, ngày 05 tháng 5 năm 2015')
    expect(text).toContain('BÁO CÁO')
    expect(text).toContain('Kết quả đánh giá 02 phần mềm')
    expect(text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Bắc Giang')
  })

  it('has the five sections in order', () => {
    const at = (s: string) => text.indexOf(s)
    const order = ['I. CĂN CỨ', 'II. TỔ ĐÁNH GIÁ VÀ PHƯƠNG PHÁP ĐÁNH GIÁ', 'III. KẾT QUẢ ĐÁNH GIÁ', 'IV. Ý KIẾN KHÁC NHAU VÀ PHÂN TÍCH ĐỘ NHẠY', 'V. KẾT LUẬN VÀ ĐỀ XUẤT', 'Nơi nhận:', 'PHỤ LỤC: PHIẾU CHẤM ĐIỂM']
    const positions = order.map(at)
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('shows the totals as roundHalfAwayFromZero gives them, and they match the hand-worked ones', () => {
    const results = computeResults(file)
    expect(results.candidates.map((c) => c.score)).toEqual([expect.closeTo(76.6667, 4), expect.closeTo(73.75, 9)])
    const summary = prose(text.slice(text.indexOf('2. Bảng tổng hợp kết quả đánh giá'), text.indexOf('3. Biểu đồ')))
    // Rows: STT, name (wrapped), total, rank, result.
    expect(summary).toMatch(/1 Văn phòng điện tử (Ánh )?76,67 1 ĐẠT/)
    expect(summary).toMatch(/2 Điều hành tác nghiệp (Sông )?73,75 2 ĐẠT/)
  })

  it('draws the totals bar chart (threshold marker) and the group radar chart as vector SVG', () => {
    expect(text).toContain('Ngưỡng 60,00')
    expect(text).toContain('Tổng điểm của các phần mềm (thang điểm 100)')
    expect(text).toContain('Tỷ lệ điểm đạt được so với điểm tối đa của từng nhóm tiêu chí')
    // Radar axes are the top-level group ids.
    expect(text).toMatch(/KS\s*\n[\s\S]*LT\s+TD/)
  })

  it('states the recommendation with the total', () => {
    expect(prose(text)).toContain('Theo kết quả chấm điểm, phần mềm Văn phòng điện tử Ánh Dương (Công ty Cổ phần Công nghệ Ánh Dương) đạt yêu cầu và có tổng điểm cao nhất (76,67/100).')
  })

  it('prints the full SHA-256 of the canonical file once, on the last page; no footer, no "Trang x/y"', () => {
    const hash = evaluationHash(file)
    const pages = text.split('\f').filter((p) => p.trim())
    expect(pages.length).toBeGreaterThan(5)
    pages.forEach((page, i) => {
      expect(page.includes(hash)).toBe(i === pages.length - 1)
      expect(page).not.toMatch(/Trang \d+\/\d+/)
    })
    expect(pages.at(-1)).toContain(`Mã kiểm tra dữ liệu đánh giá (SHA-256): ${hash}`)
  })

  it('lists criteria with weight %, max and min points, gates and the AHP figures', () => {
    expect(text).toMatch(/KS\s+Chữ ký số\s+40,00\s+40,00\s+20,00 \(50%\)/)
    expect(text).toMatch(/KS\.1\s+Ký số văn bản đi\s+75,00\s+30,00/)
    expect(text).toMatch(/KS\.3\s+Hỗ trợ chứng thư số của Ban Cơ yếu Chính\s+Đạt\/Không đạt/)
    expect(text).toContain('Ngưỡng tổng điểm tối thiểu: 60,00/100.')
    expect(flat(text)).toContain('λmax = 2,0000; CI = 0,0000; CR = 0,0000')
    expect(text).toContain('Đáp ứng đầy đủ, vượt yêu cầu')
  })

  it('reports disagreements with comments, the sensitivity in words and Monte Carlo', () => {
    const t = prose(text)
    expect(t).toContain('Trần Thị Mỹ Hạnh: 1 — Chỉ nhắc trên giao diện, chưa có cảnh báo quá hạn.')
    expect(t).toContain('Lê Đức Thắng: Không đạt — Chưa thử được với USB token của Ban Cơ yếu.')
    expect(t).toContain('kết quả đề xuất giữ nguyên khi trọng số nhóm TD nằm trong khoảng từ 16,67% đến ít nhất 90,00%.')
    expect(t).not.toMatch(/hạt giống|Dirichlet|§/)
    expect(t).toContain('2.000 bộ trọng số')
  })

  it('has Nơi nhận ending with the archive line, and the signature block', () => {
    expect(text).toMatch(/- Như trên;\s[\s\S]*- Lãnh đạo Sở;\s[\s\S]*- Lưu: VT, …/)
    expect(text).toContain('KT. GIÁM ĐỐC')
    expect(text).toContain('PHÓ GIÁM ĐỐC')
    expect(text).toContain('Đỗ Minh Tuấn')
  })

  it('has a score sheet per rater × candidate with own totals, verdicts and signature lines', () => {
    const appendix = text.slice(text.indexOf('PHỤ LỤC: PHIẾU CHẤM ĐIỂM'))
    for (const name of ['Nguyễn Văn Hưởng', 'Trần Thị Mỹ Hạnh', 'Lê Đức Thắng']) expect(appendix).toContain(name)
    expect(appendix.match(/PHIẾU CHẤM ĐIỂM/g)).toHaveLength(1 + 3 * 2)
    expect(appendix.match(/\(Ký và ghi rõ họ tên\)/g)).toHaveLength(3 * 2)
    expect(appendix).toMatch(/Tổng điểm của người đánh giá: 85,00\/100\.\s+Kết luận: ĐẠT\./)
    expect(appendix).toMatch(/Tổng điểm của người đánh giá: 77,50\/100\.\s+Kết luận: KHÔNG ĐẠT\./)
    expect(prose(appendix)).toContain('Không tham gia chấm phần mềm này do xung đột lợi ích. Lý do: Từng tham gia triển khai phần mềm Sông Thương')
    expect(appendix).toContain('đã cam kết lúc 08:30 ngày 20 tháng 4 năm 2015.')
  })

  it('keeps Vietnamese text intact (NFC, exact letters with ơ ư ạ ế ộ ữ)', () => {
    for (const s of ['Sông Thương', 'Trần Thị Mỹ Hạnh', 'Kết quả', 'Cộng nhóm', 'Chữ ký số', 'Ủy ban nhân dân', 'Độc lập']) expect(text).toContain(s)
    expect(text).toBe(text.normalize('NFC'))
    expect(text).not.toContain('\uFFFD')
  })

  it('embeds every font', () => {
    const fonts = pdfFonts(vi)
    expect(fonts.length).toBeGreaterThanOrEqual(3)
    for (const f of fonts) {
      expect(f.emb).toBe('yes')
      expect(f.name).toMatch(/Tinos/)
    }
  })
})

describe('section V for the other outcomes', () => {
  it('says so when no candidate qualifies', async () => {
    const t = prose(pdfText(await renderReport(assertEvaluationFile(noneQualifies()), { lang: 'vi', creationDate: DATE })))
    expect(t).toContain('Theo kết quả chấm điểm, không có phần mềm nào đạt yêu cầu theo các tiêu chí bắt buộc và điểm tối thiểu.')
    expect(t).toContain('76,67 1 KHÔNG ĐẠT - Tổng điểm dưới ngưỡng 80,00')
    expect(t).toContain('73,75 2 KHÔNG ĐẠT - Tổng điểm dưới ngưỡng 80,00')
    expect(t).not.toContain('có tổng điểm cao nhất')
  })

  it('says the committee must decide on a tie', async () => {
    const t = prose(pdfText(await renderReport(assertEvaluationFile(tiedEvaluation()), { lang: 'vi', creationDate: DATE })))
    expect(t).toContain('Theo kết quả chấm điểm, các phần mềm Văn phòng điện tử Ánh Dương (Công ty Cổ phần Công nghệ Ánh Dương) và Điều hành tác nghiệp Sông Thương (Công ty TNHH Phần mềm Sông Thương) cùng đạt yêu cầu và bằng điểm nhau (76,67/100), cần xem xét, quyết định lựa chọn.')
  })
})

describe('determinism, language and watermark', () => {
  it('gives the same text for the same data, and the same bytes with a fixed creation date', async () => {
    const again = await renderReport(structuredClone(file), { lang: 'vi', creationDate: DATE })
    expect(pdfText(again)).toBe(text)
    expect(again.equals(vi)).toBe(true)
    const later = await renderReport(file, { lang: 'vi', creationDate: new Date('2016-01-01T00:00:00Z') })
    expect(pdfText(later)).toBe(text)
    expect(later.equals(vi)).toBe(false)
  })

  it('has English headings and numbers in the English version', async () => {
    const en = pdfText(await renderReport(file, { lang: 'en', creationDate: DATE }))
    for (const h of ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness', 'I. BASIS', 'II. EVALUATION COMMITTEE AND METHOD', 'III. EVALUATION RESULTS', 'IV. DIFFERING OPINIONS AND SENSITIVITY ANALYSIS', 'V. CONCLUSION AND RECOMMENDATION', 'APPENDIX: SCORE SHEETS', 'Bắc Giang, 5 May 2015']) {
      expect(en).toContain(h)
    }
    expect(prose(en)).toContain('By the scores, the software Văn phòng điện tử Ánh Dương (Công ty Cổ phần Công nghệ Ánh Dương) qualifies with the highest total (76.67/100).')
    expect(en).not.toContain('CĂN CỨ')
    expect(en).not.toContain('76,67')
  })

  it('marks drafts with a DỰ THẢO / DRAFT watermark that is drawn, not extractable text, and drops it once finalized', async () => {
    const results = computeResults(file, { monteCarlo: false })
    const hash = evaluationHash(file)
    expect(buildReportDefinition(file, results, { lang: 'vi', hash }).watermark).toMatchObject({ text: 'DỰ THẢO' })
    expect(buildReportDefinition(file, results, { lang: 'en', hash }).watermark).toMatchObject({ text: 'DRAFT' })
    const done = finalized(file)
    expect(buildReportDefinition(done, results, { lang: 'vi', hash }).watermark).toBeUndefined()

    const final = await renderReport(done, { lang: 'vi', creationDate: DATE })
    // The watermark's light grey (≈ #e9e9e9 on white) covers a good part of the draft page.
    const light = (px: Uint8Array) => px.reduce((n, v) => n + (v >= 215 && v <= 245 ? 1 : 0), 0)
    const draftPage = pageGrey(vi, 5)
    const finalPage = pageGrey(final, 5)
    expect(draftPage.length).toBe(finalPage.length)
    expect(light(draftPage) - light(finalPage)).toBeGreaterThan(draftPage.length * 0.02)
    // No stray watermark letters in the extracted text of either.
    expect(text).not.toMatch(/DỰ|THẢO/)
    expect(pdfText(final)).not.toMatch(/DỰ|THẢO/)
  })
})

