// "Giá" / "Price" (§12), once the price envelope is open: the opened candidates in one block —
// technical score T (a formula over the Summary), price, adjustments, evaluated price E, and for
// the combined method the price score P = 100 × Emin / E and the combined score
// C = (K × T + G × P) / 100 — all live formulas, with the final rank; below, the candidates whose
// price was never opened (not technically qualified), without amounts.
import type { Worksheet } from 'exceljs'
import type { Results } from '../domain/results.ts'
import { absolute, address } from './cells.ts'
import type { WorkbookContext } from './context.ts'
import type { SummaryRefs } from './summary-sheet.ts'

const COL = { id: 1, name: 2, technical: 3, opened: 4, price: 5, adjustments: 6, evaluated: 7, priceScore: 8, combined: 9, rank: 10 } as const
const K_ROW = 4
const HEADER_ROW = 7

export function writePriceSheet(ws: Worksheet, ctx: WorkbookContext, results: Results, summary: SummaryRefs): void {
  const price = results.price
  if (!price) return
  const { L, file } = ctx
  const combined = price.method === 'combined'
  ws.getCell('A1').value = L.priceTitle
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = combined ? L.priceMethodCombined : L.priceMethodLowest
  const kCell = absolute(2, K_ROW)
  const gCell = absolute(2, K_ROW + 1)
  if (combined) {
    ws.getCell(K_ROW, 1).value = L.priceK
    ws.getCell(K_ROW, 2).value = price.K
    ws.getCell(K_ROW + 1, 1).value = L.priceG
    ws.getCell(K_ROW + 1, 2).value = { formula: `100-${kCell}`, result: price.G ?? 0 }
  }

  const header = ws.getRow(HEADER_ROW)
  header.values = [L.id, L.candidate, L.priceTechnical, L.priceOpened, L.price, L.priceAdjustments, L.priceEvaluated,
    ...(combined ? [L.priceScore, L.priceCombined] : [null, null]), L.priceRank]
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.getColumn(COL.name).width = 32
  for (let c = COL.technical; c <= COL.rank; c++) ws.getColumn(c).width = 18
  for (const c of [COL.price, COL.adjustments, COL.evaluated]) ws.getColumn(c).numFmt = '#,##0'
  for (const c of [COL.technical, COL.priceScore, COL.combined]) ws.getColumn(c).numFmt = '0.00'

  const index = new Map(file.candidates.map((c, p) => [c.id, p]))
  const opened = price.candidates.filter((c) => c.opened && c.evaluated !== null)
  const first = HEADER_ROW + 1
  const last = first + opened.length - 1
  const range = (col: number) => `${absolute(col, first)}:${absolute(col, last)}`
  const prices = new Map((file.prices ?? []).map((p) => [p.candidate, p]))

  opened.forEach((c, i) => {
    const r = first + i
    const p = index.get(c.id) ?? 0
    const row = ws.getRow(r)
    row.getCell(COL.id).value = c.id
    row.getCell(COL.name).value = file.candidates[p]?.name ?? c.id
    row.getCell(COL.technical).value = { formula: summary.totalRef(p), result: results.candidates[p]?.score ?? 0 }
    row.getCell(COL.opened).value = L.priceOpenedYes
    row.getCell(COL.price).value = c.price
    // Adjustments as one sum here; each item stays in the evaluation file and the report.
    row.getCell(COL.adjustments).value = (prices.get(c.id)?.adjustments ?? []).reduce((s, a) => s + a.amount, 0)
    row.getCell(COL.evaluated).value = { formula: `${address(COL.price, r)}+${address(COL.adjustments, r)}`, result: c.evaluated ?? 0 }
    const e = address(COL.evaluated, r)
    if (combined) {
      row.getCell(COL.priceScore).value = { formula: `100*MIN(${range(COL.evaluated)})/${e}`, result: c.priceScore ?? 0 }
      row.getCell(COL.combined).value = {
        formula: `(${kCell}*${address(COL.technical, r)}+${gCell}*${address(COL.priceScore, r)})/100`,
        result: c.combined ?? 0,
      }
      // §3's rule on C: 1 + the number scoring more by over 1e-9.
      row.getCell(COL.rank).value = { formula: `1+SUMPRODUCT(--(${range(COL.combined)}>${address(COL.combined, r)}+1E-9))`, result: c.rank ?? 0 }
    } else {
      // §12: equal evaluated prices (within half a đồng) share a rank.
      row.getCell(COL.rank).value = { formula: `1+SUMPRODUCT(--(${range(COL.evaluated)}<${e}-0.5))`, result: c.rank ?? 0 }
    }
  })

  let r = last + 1
  // Not opened, or opened but with no price recorded yet (the price stage, before finalizing).
  for (const c of price.candidates.filter((x) => !(x.opened && x.evaluated !== null))) {
    const p = index.get(c.id) ?? 0
    const row = ws.getRow(r++)
    row.getCell(COL.id).value = c.id
    row.getCell(COL.name).value = file.candidates[p]?.name ?? c.id
    row.getCell(COL.technical).value = { formula: summary.totalRef(p), result: results.candidates[p]?.score ?? 0 }
    row.getCell(COL.opened).value = c.opened ? L.priceOpenedYes : L.priceOpenedNo
  }
}
