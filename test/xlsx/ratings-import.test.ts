// Blank score sheet → filled in (here by exceljs, as Excel would) → parsed back: every rating
// when the sheet is right; nothing, and every bad cell named, when it is not; a clear refusal
// for another evaluation, another member, changed criteria or a workbook that is not ours.
import ExcelJS from 'exceljs'
import type { CellValue, Worksheet } from 'exceljs'
import { describe, expect, it } from 'vitest'
import { assertEvaluationFile, type EvaluationFile, type Rating } from '../../src/domain/evaluation-file.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { buildBlankSheet } from '../../src/xlsx/blank-sheet.ts'
import { parseRatingsWorkbook } from '../../src/xlsx/parse-ratings.ts'
import { buildResultsWorkbook } from '../../src/xlsx/results-workbook.ts'
import { handWorkedEvaluation } from './fixture.ts'
import { resaveWithLibreOffice } from './recalc.ts'

const EVAL_ID = 42
const vi = { lang: 'vi' as const, evaluationId: EVAL_ID }
const en = { lang: 'en' as const, evaluationId: EVAL_ID }

const byKey = (a: Rating, b: Rating) =>
  `${a.candidate}/${a.criterion}`.localeCompare(`${b.candidate}/${b.criterion}`)

/** The evaluation with m1's ratings removed: m1 has yet to fill in their sheet. */
function withoutRatingsOf(member: string): EvaluationFile {
  const file = handWorkedEvaluation()
  return assertEvaluationFile({ ...file, ratings: file.ratings.filter((r) => r.member !== member) })
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  return wb
}

/** The address of (criterion, candidate)'s level cell, found the way a reader would. */
function cellOf(ws: Worksheet, criterion: string, candidate: string, comment = false): string {
  let row = 0
  ws.getColumn(1).eachCell((cell, r) => { if (cell.value === criterion) row = r })
  let col = 0
  ws.getRow(7).eachCell((cell, c) => { if (String(cell.value).endsWith(`[${candidate}]`)) col = c })
  if (!row || !col) throw new Error(`no cell for ${criterion} × ${candidate}`)
  return ws.getCell(row, comment ? col + 1 : col).address
}

/** Fills cells of the member's sheet: [criterion, candidate, value, comment?]. */
async function fill(buffer: Buffer, entries: [string, string, CellValue, string?][]): Promise<Buffer> {
  const wb = await load(buffer)
  const ws = wb.worksheets[0]!
  for (const [criterion, candidate, value, comment] of entries) {
    ws.getCell(cellOf(ws, criterion, candidate)).value = value
    if (comment !== undefined) ws.getCell(cellOf(ws, criterion, candidate, true)).value = comment
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('blank score sheet', () => {
  it('lists every criterion with a drop-down of the scale, or of Đạt/Không đạt, and hides its identification', async () => {
    const file = withoutRatingsOf('m1')
    const wb = await load(await buildBlankSheet(file, 'm1', vi))
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phiếu – Nguyễn Văn An', 'meta'])
    const ws = wb.worksheets[0]!
    const scored = ws.getCell(cellOf(ws, 'G1.1', 'A'))
    expect(scored.dataValidation.type).toBe('list')
    expect(scored.dataValidation.formulae).toEqual(['"0,1,2,3,4,5"'])
    expect(ws.getCell(cellOf(ws, 'G1.3', 'B')).dataValidation.formulae).toEqual(['"Đạt,Không đạt"'])
    expect(scored.protection?.locked).toBe(false)
    // Identification, max points and guidance are on the sheet.
    const row = ws.getRow(Number(scored.address.slice(1)))
    expect(row.getCell(3).value).toContain('Ký số văn bản đi')
    expect(row.getCell(4).value).toBe('Ký thử 3 văn bản')
    expect(row.getCell(5).value).toBeCloseTo(30, 9)
    expect(wb.getWorksheet('meta')!.state).toBe('veryHidden')
    // m4 abstains for B: that column has no drop-down and stays locked.
    const m4 = await load(await buildBlankSheet(file, 'm4', vi))
    const abstained = m4.worksheets[0]!.getCell(cellOf(m4.worksheets[0]!, 'G1.1', 'B'))
    expect(abstained.dataValidation).toBeUndefined()
    expect(abstained.protection?.locked).not.toBe(false)
  })

  it('in English: English sheet name and Pass/Fail drop-down; English words read back', async () => {
    const file = withoutRatingsOf('m1')
    const blank = await buildBlankSheet(file, 'm1', en)
    const ws = (await load(blank)).worksheets[0]!
    expect(ws.name).toBe('Sheet – Nguyễn Văn An')
    expect(ws.getCell(cellOf(ws, 'G1.3', 'A')).dataValidation.formulae).toEqual(['"Pass,Fail"'])
    const filled = await fill(blank, [['G1.3', 'A', 'Pass'], ['G1.3', 'B', 'Fail'], ['G1.1', 'B', 'x']])
    expect(await parseRatingsWorkbook(filled, file, 'm1', en)).toEqual({
      ok: false,
      issues: [{ path: 'Sheet – Nguyễn Văn An!H9', message: '"x" is not a rating (expected a number on the scale 0..5)' }],
    })
  })

  it('comes pre-filled with the member’s ratings, and parsing it gives them back unchanged', async () => {
    const file = assertEvaluationFile(handWorkedEvaluation())
    const sheet = await buildBlankSheet(file, 'm1', vi)
    const parsed = await parseRatingsWorkbook(sheet, file, 'm1', vi)
    expect(parsed.ok).toBe(true)
    const mine = file.ratings.filter((r) => r.member === 'm1').sort(byKey)
    if (parsed.ok) expect([...parsed.ratings].sort(byKey)).toEqual(mine)
    expect(mine.length).toBe(10)
  })

  it('round trip: blank → filled with exceljs → parsed gives every rating and comment', async () => {
    const file = withoutRatingsOf('m1')
    const filled = await fill(await buildBlankSheet(file, 'm1', vi), [
      ['G1.1', 'A', 5, 'Ký được cả lô văn bản'],
      ['G1.2', 'A', '2'], // a level typed as text
      ['G1.3', 'A', 'Đạt'],
      ['G2.A.1', 'A', 4],
      ['G2.2', 'A', 0],
      ['G1.1', 'B', 2],
      ['G1.3', 'B', 'không đạt', 'Chưa dùng chứng thư số chuyên dùng'],
      // G1.2, G2.A.1, G2.2 for B left blank: not rated yet.
    ])
    const parsed = await parseRatingsWorkbook(filled, file, 'm1', vi)
    expect(parsed).toEqual({
      ok: true,
      ratings: [
        { member: 'm1', candidate: 'A', criterion: 'G1.1', value: 5, comment: 'Ký được cả lô văn bản' },
        { member: 'm1', candidate: 'B', criterion: 'G1.1', value: 2 },
        { member: 'm1', candidate: 'A', criterion: 'G1.2', value: 2 },
        { member: 'm1', candidate: 'A', criterion: 'G1.3', pass: true },
        { member: 'm1', candidate: 'B', criterion: 'G1.3', pass: false, comment: 'Chưa dùng chứng thư số chuyên dùng' },
        { member: 'm1', candidate: 'A', criterion: 'G2.A.1', value: 4 },
        { member: 'm1', candidate: 'A', criterion: 'G2.2', value: 0 },
      ],
      // Where each rating was read, to name it in a refusal.
      cells: expect.arrayContaining([expect.stringMatching(/!\$?[A-Z]+\$?\d+$/)]),
    })
  })

  it('a sheet filled in and saved by a real spreadsheet application (LibreOffice) reads back', async () => {
    const file = withoutRatingsOf('m1')
    const filled = await fill(await buildBlankSheet(file, 'm1', vi), [['G1.1', 'A', 4, 'Ổn định'], ['G1.3', 'B', 'Không đạt']])
    const resaved = await resaveWithLibreOffice(filled)
    expect(resaved.equals(filled)).toBe(false)
    expect(await parseRatingsWorkbook(resaved, file, 'm1', vi)).toEqual({
      ok: true,
      ratings: [
        { member: 'm1', candidate: 'A', criterion: 'G1.1', value: 4, comment: 'Ổn định' },
        { member: 'm1', candidate: 'B', criterion: 'G1.3', pass: false },
      ],
      cells: expect.arrayContaining([expect.stringMatching(/!\$?[A-Z]+\$?\d+$/)]),
    })
  })

  it('one bad cell: no ratings at all, and the issue names the sheet and the cell', async () => {
    const file = withoutRatingsOf('m1')
    const blank = await buildBlankSheet(file, 'm1', vi)
    const ws = (await load(blank)).worksheets[0]!
    const bad = cellOf(ws, 'G2.A.1', 'B')
    const filled = await fill(blank, [['G1.1', 'A', 5], ['G1.2', 'A', 3], ['G2.A.1', 'B', 7]])
    const parsed = await parseRatingsWorkbook(filled, file, 'm1', vi)
    expect(bad).toBe('H14')
    expect(parsed).toEqual({
      ok: false,
      issues: [{ path: 'Phiếu – Nguyễn Văn An!H14', message: '7 nằm ngoài thang điểm 0–5' }],
    })
    const inEnglish = await parseRatingsWorkbook(filled, file, 'm1', en)
    expect(inEnglish.ok ? [] : inEnglish.issues.map((i) => i.message)).toEqual(['7 is outside the scale 0..5'])
  })

  it('reports every bad cell, not only the first', async () => {
    const file = withoutRatingsOf('m1')
    const filled = await fill(await buildBlankSheet(file, 'm1', vi), [
      ['G1.1', 'A', 3.5],
      ['G1.2', 'A', 'tốt'],
      ['G1.3', 'A', 'Có'],
      ['G2.2', 'A', -1],
      ['G2.2', 'B', null, 'Chưa kiểm tra được'],
      ['G2.A.1', 'A', 4],
    ])
    const parsed = await parseRatingsWorkbook(filled, file, 'm1', vi)
    expect(parsed).toEqual({
      ok: false,
      issues: [
        { path: 'Phiếu – Nguyễn Văn An!F9', message: '3.5 không phải số nguyên' },
        { path: 'Phiếu – Nguyễn Văn An!F10', message: '"tốt" không phải là điểm (cần một số trong thang điểm 0–5)' },
        { path: 'Phiếu – Nguyễn Văn An!F11', message: '"Có" không hợp lệ: chọn "Đạt" hoặc "Không đạt"' },
        { path: 'Phiếu – Nguyễn Văn An!F15', message: '-1 nằm ngoài thang điểm 0–5' },
        { path: 'Phiếu – Nguyễn Văn An!I15', message: 'có nhận xét nhưng chưa chấm điểm tiêu chí này' },
      ],
    })
  })

  it('a rating for a candidate the member abstains on is refused at its cell', async () => {
    const file = withoutRatingsOf('m4')
    const filled = await fill(await buildBlankSheet(file, 'm4', vi), [['G1.1', 'A', 3], ['G1.1', 'B', 4]])
    const parsed = await parseRatingsWorkbook(filled, file, 'm4', vi)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.issues).toHaveLength(1)
      expect(parsed.issues[0]!.path).toBe('Phiếu – Phạm Thị Dung!H9')
      expect(parsed.issues[0]!.message).toContain('không tham gia chấm "Phần mềm Beta"')
    }
  })
})

describe('refusing a sheet that is not for this evaluation and member', () => {
  it('a sheet for another evaluation', async () => {
    const file = withoutRatingsOf('m1')
    const other = await buildBlankSheet(
      { ...file, evaluation: { ...file.evaluation, title: 'Đánh giá phần mềm một cửa' } },
      'm1',
      { lang: 'vi', evaluationId: 7 },
    )
    expect(await parseRatingsWorkbook(other, file, 'm1', vi)).toEqual({
      ok: false,
      issues: [{
        path: '',
        message: 'phiếu này thuộc đợt đánh giá "Đánh giá phần mềm một cửa", không phải đợt đánh giá "Đánh giá thử nghiệm phần mềm QLVB&ĐHCV"',
      }],
    })
  })

  it('a sheet for another member', async () => {
    const file = withoutRatingsOf('m1')
    const sheet = await fill(await buildBlankSheet(file, 'm1', vi), [['G1.1', 'A', 4]])
    expect(await parseRatingsWorkbook(sheet, file, 'm2', vi)).toEqual({
      ok: false,
      issues: [{ path: '', message: 'phiếu này là của thành viên "Nguyễn Văn An", không phải của "Trần Thị Bình"' }],
    })
  })

  it('a sheet made before the criteria changed', async () => {
    const file = withoutRatingsOf('m1')
    const sheet = await buildBlankSheet(file, 'm1', vi)
    const changed = structuredClone(file)
    changed.criteria[1]!.children![1]!.title = { vi: 'Đôn đốc, nhắc hạn xử lý văn bản' }
    const parsed = await parseRatingsWorkbook(sheet, changed, 'm1', vi)
    expect(parsed.ok ? [] : parsed.issues).toEqual([{
      path: '',
      message: 'bộ tiêu chí, thang điểm hoặc danh sách phần mềm đã thay đổi sau khi tạo phiếu này; hãy tải phiếu mới',
    }])
  })

  it('a workbook that is not a score sheet of ours, or not a workbook at all', async () => {
    const file = assertEvaluationFile(handWorkedEvaluation())
    const results = await buildResultsWorkbook(file, computeResults(file, { monteCarlo: false }), { lang: 'vi' })
    const notOurs = await parseRatingsWorkbook(results, file, 'm1', en)
    expect(notOurs.ok ? [] : notOurs.issues.map((i) => i.message)).toEqual([
      "this file is not a score sheet downloaded from this tool (no identification); download the member's blank sheet and fill that in",
    ])
    const garbage = await parseRatingsWorkbook(Buffer.from('not a zip file'), file, 'm1', vi)
    expect(garbage.ok).toBe(false)
    if (!garbage.ok) {
      expect(garbage.issues).toHaveLength(1)
      expect(garbage.issues[0]!.message).toMatch(/^không đọc được tệp Excel \(\.xlsx\)/)
    }
  })
})
