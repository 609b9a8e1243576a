// "Tính toán" / "Calc": per candidate and scored criterion, every rater's normalized rating
// (a formula over their sheet), the count, the aggregate R by the evaluation's method (§3), and
// the points 100 × W × R; then the pass/fail majority per candidate and pass/fail criterion.
// A committee consensus (§11) stands in its own column: where it is set, the points take the
// consensus level normalized instead of R, and a pass/fail verdict takes the consensus.
import type { Worksheet } from 'exceljs'
import { aggregateRatings, normalizeRating, passesMajority } from '../domain/aggregate.ts'
import type { Aggregation } from '../domain/evaluation-file.ts'
import type { Results } from '../domain/results.ts'
import { absolute, address, sheetRef, textLiteral } from './cells.ts'
import type { WorkbookContext } from './context.ts'
import type { CriteriaRefs } from './criteria-sheet.ts'
import type { RatingSheetLayout } from './rating-sheet.ts'

const COL = { candidate: 1, criterion: 2, weight: 3, firstRater: 4 } as const
const HEADER_ROW = 5
const MIN_CELL = absolute(2, 3)
const MAX_CELL = absolute(4, 3)

export interface RaterSheet {
  readonly name: string
  readonly layout: RatingSheetLayout
}

export interface CalcRefs {
  /** Per candidate: the first and last row of its block of scored criteria (in `scored` order). */
  readonly blocks: ReadonlyMap<string, { readonly first: number; readonly last: number }>
  readonly weightCol: string
  readonly pointsCol: string
  readonly raterCol: readonly string[]
  /** Per candidate and pass/fail criterion: the cell saying Đạt/Không đạt. */
  readonly verdictRef: ReadonlyMap<string, string>
  readonly sheet: string
}

/** R(p,c) as a formula over the raters' normalized values in `range`, `count` their number. */
export function aggregateFormula(method: Aggregation, range: string, count: string): string {
  const body =
    method === 'mean' ? `AVERAGE(${range})`
    : method === 'median' ? `MEDIAN(${range})`
    : `IF(${count}>=5,(SUM(${range})-MAX(${range})-MIN(${range}))/(${count}-2),AVERAGE(${range}))`
  // Nobody rated: contributes 0 (§3 edge cases).
  return `IF(${count}=0,0,${body})`
}

export function writeCalcSheet(
  ws: Worksheet,
  ctx: WorkbookContext,
  results: Results,
  criteria: CriteriaRefs,
  raterSheets: readonly RaterSheet[],
): CalcRefs {
  const { L, file } = ctx
  const nRaterCols = Math.max(1, ctx.raters.length)
  const countCol = COL.firstRater + nRaterCols
  const rCol = countCol + 1
  const consensusCol = rCol + 1
  const pointsCol = consensusCol + 1
  const lastRaterLetter = (r: number) => address(COL.firstRater + nRaterCols - 1, r)
  const raterRange = (r: number) => `${address(COL.firstRater, r)}:${lastRaterLetter(r)}`

  ws.getCell('A1').value = L.calcTitle
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = L.normalizedNote
  ws.getCell('A3').value = L.minLabel
  ws.getCell('B3').value = ctx.min
  ws.getCell('C3').value = L.maxLabel
  ws.getCell('D3').value = ctx.max

  const header = ws.getRow(HEADER_ROW)
  header.getCell(COL.candidate).value = L.candidate
  header.getCell(COL.criterion).value = L.criterion
  header.getCell(COL.weight).value = 'W'
  ctx.raters.forEach((m, i) => { header.getCell(COL.firstRater + i).value = m.name })
  header.getCell(countCol).value = L.count
  header.getCell(rCol).value = L.aggregate
  header.getCell(consensusCol).value = L.consensus
  header.getCell(pointsCol).value = L.points
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.views = [{ state: 'frozen', xSplit: COL.weight, ySplit: HEADER_ROW }]
  ws.getColumn(COL.candidate).width = 24
  ws.getColumn(COL.criterion).width = 12
  for (let c = COL.weight; c <= pointsCol; c++) ws.getColumn(c).width = 12
  for (let c = COL.firstRater; c <= pointsCol; c++) ws.getColumn(c).numFmt = '0.00'
  ws.getColumn(COL.weight).numFmt = '0.0000'
  ws.getColumn(countCol).numFmt = '0'
  ws.getColumn(consensusCol).numFmt = '0'
  const agreed = new Map(results.consensus.map((k) => [`${k.candidate}\u0000${k.criterion}`, k]))

  /** A rater's rating cell for (candidate, criterion), as a reference into their sheet. */
  const ratingRef = (i: number, candidate: string, criterion: string): string | undefined => {
    const sheet = raterSheets[i]
    const row = sheet?.layout.rows.get(criterion)
    const col = sheet?.layout.columns.get(candidate)?.value
    return sheet && row && col ? `${sheetRef(sheet.name)}!${address(col, row)}` : undefined
  }

  const blocks = new Map<string, { first: number; last: number }>()
  let r = HEADER_ROW + 1
  file.candidates.forEach((cand, p) => {
    const heading = ws.getRow(r++)
    heading.getCell(COL.candidate).value = `${cand.name} [${cand.id}]`
    heading.font = { bold: true }
    const first = r
    for (const node of ctx.scored) {
      const row = ws.getRow(r)
      row.getCell(COL.candidate).value = cand.id
      row.getCell(COL.criterion).value = node.id
      const w = results.weights[node.id] ?? 0
      row.getCell(COL.weight).value = { formula: criteria.weightRef.get(node.id) ?? '0', result: w }
      const levels: number[] = []
      ctx.raters.forEach((m, i) => {
        if (ctx.abstention(m.id, cand.id)) return // abstainers leave the cell blank: not counted
        const ref = ratingRef(i, cand.id, node.id)
        if (!ref) return
        const v = ctx.rating(m.id, cand.id, node.id)?.value
        if (v !== undefined) levels.push(v)
        row.getCell(COL.firstRater + i).value = {
          formula: `IF(ISNUMBER(${ref}),(${ref}-${MIN_CELL})/(${MAX_CELL}-${MIN_CELL}),"")`,
          result: v === undefined ? '' : normalizeRating(v, ctx),
        }
      })
      const count = address(countCol, r)
      row.getCell(countCol).value = { formula: `COUNT(${raterRange(r)})`, result: levels.length }
      const agg = aggregateRatings(levels, ctx, ctx.aggregation)
      row.getCell(rCol).value = {
        formula: aggregateFormula(ctx.aggregation, raterRange(r), count),
        result: Number.isNaN(agg) ? 0 : agg,
      }
      const k = agreed.get(`${cand.id}\u0000${node.id}`)
      if (k && 'value' in k) row.getCell(consensusCol).value = k.value
      const consensus = address(consensusCol, r)
      row.getCell(pointsCol).value = {
        // The consensus level normalized where there is one, else the aggregate R.
        formula: `100*${address(COL.weight, r)}*IF(ISNUMBER(${consensus}),(${consensus}-${MIN_CELL})/(${MAX_CELL}-${MIN_CELL}),${address(rCol, r)})`,
        result: results.candidates[p]?.points[node.id] ?? 0,
      }
      r++
    }
    blocks.set(cand.id, { first, last: r - 1 })
  })

  const verdictRef = new Map<string, string>()
  if (ctx.passFail.length > 0) {
    r++
    const title = ws.getRow(r++)
    title.getCell(COL.candidate).value = L.passFailGates
    title.font = { bold: true }
    const h = ws.getRow(r++)
    h.getCell(COL.candidate).value = L.candidate
    h.getCell(COL.criterion).value = L.criterion
    ctx.raters.forEach((m, i) => { h.getCell(COL.firstRater + i).value = m.name })
    h.getCell(countCol).value = L.judgedCount
    h.getCell(rCol).value = L.passCount
    h.getCell(consensusCol).value = L.consensus
    h.getCell(pointsCol).value = L.qualified
    h.font = { bold: true }
    for (const cand of file.candidates) {
      for (const node of ctx.passFail) {
        const row = ws.getRow(r)
        row.getCell(COL.candidate).value = cand.id
        row.getCell(COL.criterion).value = node.id
        let passes = 0
        let judged = 0
        ctx.raters.forEach((m, i) => {
          if (ctx.abstention(m.id, cand.id)) return
          const ref = ratingRef(i, cand.id, node.id)
          if (!ref) return
          const pass = ctx.rating(m.id, cand.id, node.id)?.pass
          if (pass !== undefined) {
            judged++
            if (pass) passes++
          }
          row.getCell(COL.firstRater + i).value = {
            formula: `IF(${ref}=${textLiteral(L.pass)},1,IF(${ref}=${textLiteral(L.fail)},0,""))`,
            result: pass === undefined ? '' : pass ? 1 : 0,
          }
        })
        row.getCell(countCol).value = { formula: `COUNT(${raterRange(r)})`, result: judged }
        row.getCell(rCol).value = { formula: `SUM(${raterRange(r)})`, result: passes }
        // Votes are whole numbers: the per-cell format overrides the column's 2 decimals.
        for (let c = COL.firstRater; c <= rCol; c++) row.getCell(c).numFmt = '0'
        const k = agreed.get(`${cand.id}\u0000${node.id}`)
        if (k && 'pass' in k) row.getCell(consensusCol).value = k.pass ? L.pass : L.fail
        const consensus = address(consensusCol, r)
        const verdict = k && 'pass' in k ? k.pass : passesMajority(passes, judged)
        row.getCell(pointsCol).value = {
          // The committee's consensus where recorded (§11); else more than half of those who
          // judged it said pass, and a tie or nobody judging fails.
          formula: `IF(${consensus}<>"",${consensus},IF(2*${address(rCol, r)}>${address(countCol, r)},${textLiteral(L.pass)},${textLiteral(L.fail)}))`,
          result: verdict ? L.pass : L.fail,
        }
        verdictRef.set(`${cand.id}\u0000${node.id}`, `${sheetRef(ws.name)}!${address(pointsCol, r)}`)
        r++
      }
    }
  }

  const letter = (col: number) => address(col, 1).replace(/\d+$/, '')
  return {
    blocks,
    weightCol: letter(COL.weight),
    pointsCol: letter(pointsCol),
    raterCol: ctx.raters.map((_, i) => letter(COL.firstRater + i)),
    verdictRef,
    sheet: ws.name,
  }
}
