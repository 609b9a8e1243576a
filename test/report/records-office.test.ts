// What a records office (văn thư) checks in the §6 report (NĐ 30/2020 Phụ lục I), on the PDF
// itself: pdftotext -layout and -bbox-layout, page by page. Long names (120 characters) and a
// three-line agency name stress the layout; the demo checks that printed subtotals add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { evaluationHash } from '../../src/domain/canonical.ts'
import { assertEvaluationFile, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { runJob } from '../../src/report/render-jobs.ts'
import { noneQualifies, smallEvaluation, tiedEvaluation } from '../fixtures/report/small-evaluation.ts'
import { flat, pdfText, pdfWords, type BboxPage } from './pdf-tools.ts'

const MM = 72 / 25.4
/** NĐ 30/2020: top 20–25, bottom 20–25, left 30–35, right 15–20 mm; half a point for rounding. */
const LIMIT = { top: 20 * MM - 0.5, bottom: 20 * MM - 0.5, left: 30 * MM - 0.5, right: 15 * MM - 0.5 }

const long = (start: string) => `${start} ${'hệ thống quản lý văn bản và điều hành công việc liên thông bốn cấp chính quyền '.repeat(3)}`.slice(0, 120).trim()

/** The small evaluation with 120-character product names and a three-line agency name. */
function stressed(): EvaluationFile {
  const f = smallEvaluation()
  return assertEvaluationFile({
    ...f,
    report: { ...f.report, agency: 'TRUNG TÂM CÔNG NGHỆ THÔNG TIN VÀ TRUYỀN THÔNG TRỰC THUỘC SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH BẮC GIANG PHỤ TRÁCH CHUYỂN ĐỔI SỐ' },
    candidates: f.candidates.map((c, i) => ({ ...c, name: long(i === 0 ? 'Phần mềm Văn phòng điện tử Ánh Dương' : 'Điều hành tác nghiệp Sông Thương') })),
  })
}

/** A page number: a lone integer in the top margin. */
const pageNumbers = (p: BboxPage) => p.words.filter((w) => /^\d+$/.test(w.text) && w.yMax < 25 * MM)

/** Lines of a page without the page number on top. */
const bodyLines = (page: string) => page.split('\n').map((l) => l.trim()).filter((l) => l && !/^\d+$/.test(l))

const render = (file: EvaluationFile, lang: 'vi' | 'en' = 'vi') => runJob({ kind: 'report', file, lang, auditHead: 'ab'.repeat(32) })

let pdf: Buffer
let pages: BboxPage[]
let text: string

beforeAll(async () => {
  pdf = await render(stressed())
  pages = pdfWords(pdf)
  text = pdfText(pdf)
})
afterAll(closeRenderPool)

describe('layout with 120-character names and a three-line agency name', () => {
  it('puts nothing past the margins (30/15/20/20 mm) but the page number in the top margin', () => {
    expect(pages.length).toBeGreaterThan(5)
    pages.forEach((p, i) => {
      const numbers = new Set(pageNumbers(p))
      for (const w of p.words) {
        const where = `page ${i + 1} "${w.text}"`
        expect(w.xMin, where).toBeGreaterThanOrEqual(LIMIT.left)
        expect(w.xMax, where).toBeLessThanOrEqual(p.width - LIMIT.right)
        expect(w.yMax, where).toBeLessThanOrEqual(p.height - LIMIT.bottom)
        if (!numbers.has(w)) expect(w.yMin, where).toBeGreaterThanOrEqual(LIMIT.top)
      }
    })
  })

  it('numbers pages top centre from page 2 only, one number a page, nothing else numbering them', () => {
    expect(pageNumbers(pages[0] as BboxPage)).toHaveLength(0)
    pages.slice(1).forEach((p, i) => {
      const n = pageNumbers(p)
      expect(n.map((w) => w.text)).toEqual([String(i + 2)])
      const centre = ((n[0] as { xMin: number }).xMin + (n[0] as { xMax: number }).xMax) / 2
      expect(Math.abs(centre - (30 * MM + (p.width - 15 * MM)) / 2)).toBeLessThan(6)
    })
    expect(text).not.toMatch(/Trang \d+\/\d+|Page \d+\/\d+/)
  })

  it('never leaves the signature block or "Nơi nhận" alone on a page', () => {
    const signature = /^(Nơi nhận:|- |KT\.|PHÓ GIÁM ĐỐC|GIÁM ĐỐC|Người đánh giá|\(Ký và ghi rõ họ tên\)|Bắc Giang, ngày|Mã kiểm tra|Tổng điểm của người đánh giá|Kết luận:)/
    text.split('\f').forEach((page, i) => {
      const lines = bodyLines(page)
      if (!lines.length) return
      const names = new Set(['Nguyễn Văn Hưởng', 'Trần Thị Mỹ Hạnh', 'Lê Đức Thắng', 'Phạm Thu Hường', 'Hoàng Văn Bình'])
      const others = lines.filter((l) => !signature.test(l) && !names.has(l) && !/^(KT\.|PHÓ|GIÁM)/.test(l.split(/\s{2,}/).at(-1) ?? ''))
      expect(others.length, `page ${i + 1}: ${lines.join(' | ')}`).toBeGreaterThan(2)
    })
  })

  it('wraps long names in tables and names them in full in a numbered key', () => {
    const prose = flat(text)
    expect(prose).toContain('Các phần mềm trong bảng được ghi theo số thứ tự:')
    expect(prose).toContain(`(1) ${stressed().candidates[0]?.name}`)
  })
})

describe('the records office’s points (vi)', () => {
  it('has the trích yếu as one phrase, the opening purpose and the closing request', () => {
    const prose = flat(text)
    expect(prose).toContain('BÁO CÁO Kết quả đánh giá 02 phần mềm')
    expect(prose).toMatch(/Trung tâm báo cáo kết quả đánh giá 02 phần mềm .* làm căn cứ để Ủy ban nhân dân tỉnh Bắc Giang xem xét, quyết định, như sau:/)
    expect(prose).toContain('Trung tâm kính báo cáo Ủy ban nhân dân tỉnh Bắc Giang xem xét, quyết định./.')
    expect(prose).not.toMatch(/phần mềm Phần mềm/)
  })

  it('starts "Nơi nhận" with "- Như trên;" after a "Kính gửi", ending with the archive line', () => {
    expect(text).toMatch(/Nơi nhận:\s+[^\n]*\n\s*- Như trên;/)
  })

  it('says which report the appendix belongs to, and the body refers to it; the heading once', () => {
    const prose = flat(text)
    expect(prose).toContain('Phiếu chấm điểm của từng thành viên Tổ đánh giá tại Phụ lục kèm theo Báo cáo này.')
    expect(prose).toMatch(/\(Kèm theo Báo cáo số [^)]+ ngày \d{2} tháng \d{1,2} năm \d{4}\)/)
    expect(text.match(/PHỤ LỤC: PHIẾU CHẤM ĐIỂM/g)).toHaveLength(1)
  })

  it('prints the data hash and the audit head once, on the last page', () => {
    const hash = evaluationHash(stressed())
    const withHash = text.split('\f').map((p, i) => (p.includes(hash) ? i : -1)).filter((i) => i >= 0)
    expect(withHash).toEqual([pages.length - 1])
    expect(flat(text)).toContain(`Mã kiểm tra nhật ký đánh giá: ${'ab'.repeat(32)}`)
  })

  it('has no jargon or ids in the Vietnamese text', () => {
    expect(text).not.toMatch(/hạt giống|Dirichlet|§|qlvb-dhcv|seed/)
  })
})

describe('the proposal and the deviation (§2)', () => {
  it('prints the proposal and, when it differs, the reason beside the computed result', async () => {
    const f = smallEvaluation()
    const t = flat(pdfText(await render(assertEvaluationFile({ ...f, report: { ...f.report, proposal: 'B', deviation: 'Chi phí chuyển đổi dữ liệu thấp hơn.' } }))))
    expect(t).toContain('Theo kết quả chấm điểm, phần mềm Văn phòng điện tử Ánh Dương')
    expect(t).toContain('Sở đề xuất lựa chọn phần mềm Điều hành tác nghiệp Sông Thương (Công ty TNHH Phần mềm Sông Thương).')
    expect(t).toContain('Đề xuất trên khác với kết quả chấm điểm. Lý do: Chi phí chuyển đổi dữ liệu thấp hơn.')
  })

  it('prints no deviation when the proposal agrees', async () => {
    const f = smallEvaluation()
    const t = flat(pdfText(await render(assertEvaluationFile({ ...f, report: { ...f.report, proposal: 'A', deviation: 'không dùng' } }))))
    expect(t).toContain('Sở đề xuất lựa chọn phần mềm Văn phòng điện tử Ánh Dương')
    expect(t).not.toContain('Đề xuất trên khác với kết quả chấm điểm')
  })

  it('none qualified: the computed sentence and a proposal of none', async () => {
    const f = noneQualifies()
    const t = flat(pdfText(await render(assertEvaluationFile({ ...f, report: { ...f.report, proposal: 'none' } }))))
    expect(t).toContain('Theo kết quả chấm điểm, không có phần mềm nào đạt yêu cầu')
    expect(t).toContain('Sở không đề xuất lựa chọn phần mềm nào.')
    expect(t).not.toContain('Đề xuất trên khác')
  })

  it('a tie: picking one of the tied deviates and needs its reason printed', async () => {
    const f = tiedEvaluation()
    const t = flat(pdfText(await render(assertEvaluationFile({ ...f, report: { ...f.report, proposal: 'A', deviation: 'Bảo hành dài hơn.' } }))))
    expect(t).toMatch(/cùng đạt yêu cầu và bằng điểm nhau \(76,67\/100\), cần xem xét, quyết định lựa chọn\./)
    expect(t).toContain('Đề xuất trên khác với kết quả chấm điểm. Lý do: Bảo hành dài hơn.')
  })
})

describe('English', () => {
  it('lists "Archive:" only, never "Lưu: VT"', async () => {
    const f = smallEvaluation()
    const t = pdfText(await render(assertEvaluationFile({ ...f, report: { ...f.report, copiesTo: ['Như trên;', 'UBND tỉnh (b/c);', 'Lưu: VT, CNTT.'] } }), 'en'))
    expect(t).not.toContain('Lưu:')
    expect(t).toContain('- Archive: VT, CNTT.')
    expect(t).toContain('- As above;')
  })
})

describe('the demo report', () => {
  it('prints group subtotals that add up to the printed totals', async () => {
    const demo = await loadDemoEvaluation()
    const t = pdfText(await runJob({ kind: 'report', file: demo, lang: 'vi' }))
    const num = (s: string) => Number(s.replace(',', '.'))
    const subtotals = [...t.matchAll(/^\s*Cộng nhóm\s+([\d,]+)\s+([\d,]+)\s+([\d,]+)\s*$/gm)].map((m) => [num(m[2] as string), num(m[3] as string)])
    expect(subtotals.length).toBe(demo.criteria.filter((g) => g.children).length)
    const totals = demo.candidates.map((c) => {
      const m = new RegExp(`${c.name}[^\\n]*?\\s([\\d]+,[\\d]{2})\\s+\\d\\s+ĐẠT`).exec(t)
      return num(m?.[1] ?? 'NaN')
    })
    totals.forEach((total, k) => {
      const sum = subtotals.reduce((a, row) => a + (row[k] as number), 0)
      expect(Math.round(sum * 100)).toBe(Math.round(total * 100))
    })
    expect(flat(t)).toContain('các phần được làm tròn theo phương pháp phần dư lớn nhất')
  })
})
