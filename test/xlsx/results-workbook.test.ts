// The results workbook, recalculated by LibreOffice Calc (a real spreadsheet engine), gives the
// totals, group subtotals, ranks, per-rater totals and pass/fail verdicts of computeResults.
// Every cached result is first replaced by a wrong value, so only a real recalculation passes.
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { assertEvaluationFile, type Aggregation, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import type { Lang } from '../../src/domain/messages.ts'
import type { Results } from '../../src/domain/results.ts'
import { roundHalfAwayFromZero, roundParts } from '../../src/domain/round.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { LABELS } from '../../src/xlsx/labels.ts'
import { buildResultsWorkbook } from '../../src/xlsx/results-workbook.ts'
import { HAND_WORKED, handWorkedEvaluation } from './fixture.ts'
import { poisonCachedResults, recalculate, type Csv, type Recalculated } from './recalc.ts'

const METHODS: readonly Aggregation[] = ['mean', 'median', 'trimmed']

interface Book {
  readonly file: EvaluationFile
  readonly results: Results
  readonly lang: Lang
  readonly buffer: Buffer
  readonly sheets: string[]
}

const books = new Map<string, Book>()
let recalculated: Recalculated
let recalcError: unknown

const withAggregation = (file: EvaluationFile, aggregation: Aggregation): EvaluationFile =>
  ({ ...file, evaluation: { ...file.evaluation, aggregation } })

/** Members whose names need cleaning and de-duplicating to become sheet names. */
function awkwardNames(): EvaluationFile {
  const file = handWorkedEvaluation('trimmed')
  const long = 'Nguyễn Thị Phương Thảo Quỳnh Anh Hương'
  const names: Record<string, string> = { m1: "O'Brien: [QA]/kiểm thử*?", m2: long, m3: long, m4: 'Lê Văn Cường', m5: 'Hoàng\\Văn Em' }
  return { ...file, members: file.members.map((m) => ({ ...m, name: names[m.id] ?? m.name })) }
}

/**
 * Edge cases of §3: no pass/fail criterion, a top-level criterion (its own group) that nobody
 * has rated yet (contributes 0), and a rater (m2) who has rated nothing.
 */
function edgeCases(): EvaluationFile {
  const file = handWorkedEvaluation('median')
  const g1 = file.criteria[0]!
  return {
    ...file,
    criteria: [
      { ...g1, children: g1.children!.filter((c) => c.id !== 'G1.3') },
      file.criteria[1]!,
      { id: 'G3', title: { vi: 'Hỗ trợ kỹ thuật' }, weight: 25 },
    ],
    ratings: file.ratings.filter((r) => r.criterion !== 'G1.3' && r.member !== 'm2'),
  }
}

/**
 * §11: the committee's consensus replaces the aggregate in the points and the verdict: A's G1.1
 * agreed at 1 (the raters' mean was higher), B's G1.3 agreed as pass (the raters tied 2 of 4).
 */
function withConsensus(): EvaluationFile {
  return {
    ...handWorkedEvaluation('mean'),
    consensus: [
      { candidate: 'A', criterion: 'G1.1', value: 1, reason: 'Ký thử chỉ đạt một phần' },
      { candidate: 'B', criterion: 'G1.3', pass: true, reason: 'Đã kiểm tra lại chứng thư số' },
    ],
  }
}

/**
 * §12: the price envelope opened. Combined (K = 70; total threshold 60, no G1 threshold, and B's
 * G1.3 agreed as pass, so both A 71.4 and B 68.5 qualify and are opened); lowest price (the
 * hand-worked thresholds: B is not qualified, never opened).
 */
function withPrices(method: 'combined' | 'lowest-price'): EvaluationFile {
  const hand = handWorkedEvaluation('mean')
  const base: EvaluationFile = method === 'lowest-price' ? hand : {
    ...hand,
    criteria: hand.criteria.map(({ threshold: _, ...node }) => node),
    consensus: [{ candidate: 'B', criterion: 'G1.3', pass: true, reason: 'Đã kiểm tra lại chứng thư số' }],
  }
  return {
    ...base,
    evaluation: { ...base.evaluation, status: 'price', method, ...(method === 'combined' ? { K: 70, threshold: 60 } : {}) },
    prices: [
      { candidate: 'A', price: 1_250_000_000, adjustments: [{ label: 'Bảo trì 5 năm', amount: 250_000_000 }, { label: 'Giảm giá', amount: -100_000_000 }] },
      { candidate: 'B', price: 990_000_000 },
    ],
  }
}

async function addBook(name: string, file: EvaluationFile, lang: Lang): Promise<void> {
  const valid = assertEvaluationFile(file)
  const results = computeResults(valid, { monteCarlo: false })
  const buffer = await buildResultsWorkbook(valid, results, { lang })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  books.set(name, { file: valid, results, lang, buffer, sheets: wb.worksheets.map((w) => w.name) })
}

beforeAll(async () => {
  const demo = await loadDemoEvaluation()
  for (const m of METHODS) {
    await addBook(`hand-${m}`, handWorkedEvaluation(m), 'vi')
    await addBook(`demo-${m}`, withAggregation(demo, m), 'vi')
  }
  await addBook('hand-en', handWorkedEvaluation('median'), 'en')
  await addBook('awkward', awkwardNames(), 'vi')
  await addBook('edge', edgeCases(), 'vi')
  await addBook('consensus', withConsensus(), 'vi')
  await addBook('price-combined', withPrices('combined'), 'vi')
  await addBook('price-lowest', withPrices('lowest-price'), 'en')
  const inputs: Record<string, { buffer: Buffer; sheets: string[] }> = {}
  for (const [name, b] of books) inputs[name] = { buffer: await poisonCachedResults(b.buffer), sheets: b.sheets }
  const started = performance.now()
  try {
    recalculated = await recalculate(inputs)
  } catch (err) {
    // Kept for every test to rethrow: no LibreOffice means failed tests, never skipped ones.
    recalcError = err
    return
  }
  // For the CI notes (not an assertion): how long LibreOffice takes for all the workbooks.
  console.log(`LibreOffice recalculated ${books.size} workbooks in ${Math.round(performance.now() - started)} ms`)
}, 240_000)

function recalculatedSheets(name: string): Map<string, Csv> {
  if (recalcError) throw recalcError
  const sheets = recalculated.get(name)
  if (!sheets) throw new Error(`no recalculated workbook "${name}"`)
  return sheets
}

/** Same number to 2 decimals (as shown), and equal to full precision but for float noise. */
function expectSame(cell: string | undefined, expected: number, what: string): void {
  const got = Number(cell)
  expect(cell, what).not.toBe('')
  expect(Number.isFinite(got), `${what}: "${cell}"`).toBe(true)
  expect(roundHalfAwayFromZero(got, 2), what).toBe(roundHalfAwayFromZero(expected, 2))
  expect(Math.abs(got - expected), what).toBeLessThan(1e-9)
}

function headerIndex(csv: Csv, first: string, second: string, from = 0): number {
  const i = csv.findIndex((row, k) => k >= from && row[0] === first && row[1] === second)
  if (i < 0) throw new Error(`no header row "${first}", "${second}"`)
  return i
}

const columnOf = (header: readonly string[], suffix: string): number => {
  const i = header.findIndex((h) => h.endsWith(suffix))
  if (i < 0) throw new Error(`no column ending "${suffix}" in ${JSON.stringify(header)}`)
  return i
}

/** Compares the recalculated sheets of one workbook with its computeResults. */
function checkAgainstResults(name: string): void {
  const book = books.get(name)!
  const L = LABELS[book.lang]
  const csv = recalculatedSheets(name)
  const summary = csv.get(L.summarySheet)!
  const h = headerIndex(summary, L.id, L.candidate)
  const header = summary[h]!
  const scoreCol = header.indexOf(L.score)
  const rankCol = header.indexOf(L.rank)
  book.results.candidates.forEach((res, p) => {
    const row = summary[h + 1 + p]!
    expect(row[0]).toBe(res.id)
    expectSame(row[scoreCol], res.score, `${name} ${res.id} total`)
    expect(Number(row[rankCol]), `${name} ${res.id} rank`).toBe(res.rank)
    // §6: the shown subtotals are the exact ones rounded by the largest remainder (live formulas),
    // so they add up to the shown total.
    const ids = Object.keys(res.groups)
    const shown = roundParts(ids.map((g) => res.groups[g]!), 2, res.score)
    ids.forEach((g, i) => {
      expectSame(row[columnOf(header, `(${g})`)], shown[i]!, `${name} ${res.id} group ${g}`)
      expect(Math.abs(res.groups[g]! - shown[i]!), `${name} ${res.id} group ${g} moved`).toBeLessThan(0.01 + 1e-9)
    })
    const parts = ids.reduce((sum, g) => sum + Math.round(Number(row[columnOf(header, `(${g})`)]) * 100), 0)
    expect(parts, `${name} ${res.id} shown parts add up to the shown total`).toBe(Math.round(roundHalfAwayFromZero(Number(row[scoreCol]), 2) * 100))
  })

  // Pass/fail verdicts (majority formulas) agree with what the results failed.
  const passFail = book.file.criteria.flatMap(function flat(n): string[] {
    return n.children ? n.children.flatMap(flat) : n.type === 'pass_fail' ? [n.id] : []
  })
  if (passFail.length > 0) {
    const g = headerIndex(summary, L.id, L.criterion, h + 1)
    for (const id of passFail) {
      const row = summary.find((r, k) => k > g && r[0] === id)!
      book.results.candidates.forEach((res) => {
        const verdict = row[columnOf(summary[g]!, `[${res.id}]`)]
        expect(verdict, `${name} ${res.id} ${id}`).toBe(res.failed.includes(id) ? L.fail : L.pass)
      })
    }
  }

  // Each rater's own total on their sheet.
  const raters = book.file.members.filter((m) => m.role === 'chair' || m.role === 'member')
  raters.forEach((m, i) => {
    const sheet = csv.get(book.sheets[2 + i]!)!
    const hr = sheet[headerIndex(sheet, L.id, L.group)]!
    const totals = sheet.find((r) => r[2] === L.raterTotal)!
    for (const res of book.results.candidates) {
      const own = res.raters[m.id]
      const cell = totals[columnOf(hr, `[${res.id}]`)]
      if (own === undefined) expect(cell).toBe(L.abstains)
      else expectSame(cell, own, `${name} ${m.id} own total for ${res.id}`)
    }
  })
}

describe('results workbook recalculated by LibreOffice', () => {
  for (const m of METHODS) {
    it(`hand-worked evaluation, ${m}: totals and subtotals equal the hand-worked numbers and computeResults`, () => {
      const book = books.get(`hand-${m}`)!
      // The hand-worked arithmetic of fixture.ts, independent of computeResults.
      for (const id of ['A', 'B'] as const) {
        const res = book.results.candidates.find((c) => c.id === id)!
        expect(res.score).toBeCloseTo(HAND_WORKED[m][id].score, 9)
        expect(res.groups.G1).toBeCloseTo(HAND_WORKED[m][id].G1, 9)
        expect(res.groups.G2).toBeCloseTo(HAND_WORKED[m][id].G2, 9)
      }
      checkAgainstResults(`hand-${m}`)
    })

    it(`demo evaluation, ${m}: totals, subtotals, ranks, own totals and gates equal computeResults`, () => {
      checkAgainstResults(`demo-${m}`)
    })
  }

  it('a consensus (§11) replaces the aggregate in the points and the pass/fail verdict', () => {
    const book = books.get('consensus')!
    const plain = books.get('hand-mean')!
    // The consensus really changes the results: A's total drops, B passes G1.3.
    expect(book.results.candidates[0]!.score).toBeLessThan(plain.results.candidates[0]!.score)
    expect(plain.results.candidates[1]!.failed).toContain('G1.3')
    expect(book.results.candidates[1]!.failed).not.toContain('G1.3')
    checkAgainstResults('consensus')
  })

  for (const [name, sheetName] of [['price-combined', LABELS.vi.priceSheet], ['price-lowest', LABELS.en.priceSheet]] as const) {
    it(`the price sheet (§12, ${name}) recalculates E, P, C and the final rank of computeResults`, () => {
      const book = books.get(name)!
      const price = book.results.price!
      const csv = recalculatedSheets(name).get(sheetName)!
      const L = LABELS[book.lang]
      const header = csv.findIndex((row) => row[0] === L.id && row[1] === L.candidate)
      expect(header).toBeGreaterThan(0)
      const rows = new Map(csv.slice(header + 1).filter((r) => r[0]).map((r) => [r[0]!, r]))
      for (const c of price.candidates) {
        const row = rows.get(c.id)!
        const p = book.results.candidates.findIndex((x) => x.id === c.id)
        expectSame(row[2], book.results.candidates[p]!.score, `${name} ${c.id} T`)
        if (!c.opened) {
          // Never opened: no amount anywhere on the row.
          expect(row.slice(4).every((v) => v === ''), `${name} ${c.id} sealed`).toBe(true)
          continue
        }
        expectSame(row[6], c.evaluated!, `${name} ${c.id} E`)
        if (price.method === 'combined') {
          expectSame(row[7], c.priceScore!, `${name} ${c.id} P`)
          expectSame(row[8], c.combined!, `${name} ${c.id} C`)
        }
        expect(Number(row[9]), `${name} ${c.id} rank`).toBe(c.rank)
      }
    })
  }

  it('the price books really open what they should (both in combined, only A by lowest price)', () => {
    // A: E = 1 250 000 000 + 250 000 000 − 100 000 000 = 1 400 000 000; B: 990 000 000.
    const combined = books.get('price-combined')!.results.price!
    expect(combined.candidates.map((c) => [c.id, c.opened, c.evaluated])).toEqual([['A', true, 1_400_000_000], ['B', true, 990_000_000]])
    const lowest = books.get('price-lowest')!.results.price!
    expect(lowest.candidates.map((c) => [c.id, c.opened, c.evaluated])).toEqual([['A', true, 1_400_000_000], ['B', false, null]])
  })

  it('an English workbook has English sheet names and the same numbers', () => {
    const book = books.get('hand-en')!
    expect(book.sheets).toEqual([
      'Summary', 'Criteria', 'Sheet – Nguyễn Văn An', 'Sheet – Trần Thị Bình', 'Sheet – Lê Văn Cường',
      'Sheet – Phạm Thị Dung', 'Sheet – Hoàng Văn Em', 'Calc', 'Disagreements',
    ])
    checkAgainstResults('hand-en')
    const summary = recalculatedSheets('hand-en').get('Summary')!
    expect(summary.flat()).toContain('Pass')
    expect(summary.flat()).toContain('NOT QUALIFIED')
  })

  it('sheet names are cleaned, cut to 31 characters and unique, and formulas still reach them', () => {
    const book = books.get('awkward')!
    const raterSheets = book.sheets.slice(2, 7)
    expect(raterSheets).toEqual([
      "Phiếu – O'Brien QA kiểm thử",
      'Phiếu – Nguyễn Thị Phương Thảo',
      'Phiếu – Nguyễn Thị Phương T (2)',
      'Phiếu – Lê Văn Cường',
      'Phiếu – Hoàng Văn Em',
    ])
    for (const s of book.sheets) {
      expect(s.length).toBeLessThanOrEqual(31)
      expect(s).not.toMatch(/[[\]:*?/\\]/)
    }
    checkAgainstResults('awkward')
  })

  it('edge cases: an unrated top-level criterion, a rater with no ratings, no pass/fail criterion', () => {
    const book = books.get('edge')!
    expect(book.results.candidates[0]!.groups.G3).toBe(0)
    expect(book.results.candidates[0]!.raters.m2).toBe(0)
    checkAgainstResults('edge')
  })
})

describe('results workbook as written', () => {
  it('the Vietnamese workbook has the sheets of the issue, in order', () => {
    expect(books.get('hand-mean')!.sheets).toEqual([
      'Tổng hợp', 'Tiêu chí', 'Phiếu – Nguyễn Văn An', 'Phiếu – Trần Thị Bình', 'Phiếu – Lê Văn Cường',
      'Phiếu – Phạm Thị Dung', 'Phiếu – Hoàng Văn Em', 'Tính toán', 'Bất đồng',
    ])
  })

  it('totals are formulas whose cached results are those of computeResults', async () => {
    const book = books.get('hand-trimmed')!
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(book.buffer as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('Tổng hợp')!
    // Row 8 = A, row 9 = B; column F = total (D, E = groups G1, G2 as shown), G = rank; the
    // exact group points in hidden K, L, their remainders in M, N, the hundredths missing in O.
    const a = ws.getCell('F8').value as { formula: string; result: number }
    const b = ws.getCell('F9').value as { formula: string; result: number }
    expect(a.formula).toBe('SUM(K8:L8)')
    expect(a.result).toBe(book.results.candidates[0]!.score)
    expect(b.result).toBe(book.results.candidates[1]!.score)
    expect(ws.getColumn('K').hidden).toBe(true)
    // Points are Calc's column L (after R in J and the consensus in K).
    expect((ws.getCell('K8').value as { formula: string }).formula).toBe("SUM('Tính toán'!L7:L8)")
    expect((ws.getCell('D8').value as { formula: string }).formula).toBe('(INT(ROUND(K8*100,7))+IF(1+SUMPRODUCT(--(M8:N8>M8))+0<=O8,1,0))/100')
    expect((ws.getCell('G8').value as { formula: string }).formula).toBe('1+SUMPRODUCT(--($F$8:$F$9>F8+1E-9))')
    expect(ws.getCell('F8').numFmt).toBe('0.00')
    // Trimmed mean in the Calc sheet: (SUM − MAX − MIN)/(COUNT − 2) from 5 ratings on.
    const calc = wb.getWorksheet('Tính toán')!
    expect((calc.getCell('J7').value as { formula: string }).formula)
      .toBe('IF(I7=0,0,IF(I7>=5,(SUM(D7:H7)-MAX(D7:H7)-MIN(D7:H7))/(I7-2),AVERAGE(D7:H7)))')
    // The Criteria sheet holds each global weight as a plain number.
    const criteria = wb.getWorksheet('Tiêu chí')!
    expect(criteria.getCell('E9').value).toBe(book.results.weights['G1.1'])
    expect(criteria.getCell('E9').value).toBeCloseTo(0.3, 12)
    // Every shown formula in the workbook carries a cached result (an empty text reads back as
    // none, and exceljs writes no cached 0: the hidden rounding helpers are often 0).
    let formulas = 0
    wb.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => {
      const v = cell.value
      if (s.getColumn(cell.col).hidden) return
      if (v && typeof v === 'object' && 'formula' in v && !/,""\)+$/.test(v.formula ?? '')) {
        formulas++
        expect(v.result, `${s.name}!${cell.address}`).not.toBeUndefined()
      }
    })))
    expect(formulas).toBeGreaterThan(50)
  })

  it('the recalculated copy really had wrong cached results', async () => {
    const poisoned = await poisonCachedResults(books.get('hand-mean')!.buffer)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(poisoned as unknown as ArrayBuffer)
    expect((wb.getWorksheet('Tổng hợp')!.getCell('F8').value as { result: number }).result).toBe(-999_999)
  })
})
