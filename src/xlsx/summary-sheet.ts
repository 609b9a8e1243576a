// "Tổng hợp" / "Summary": candidates × top-level groups, totals and ranks as live formulas over
// the "Calc" sheet; qualification and what was not met as values from the results; below, the
// pass/fail majority per candidate as formulas.
import type { Worksheet } from 'exceljs'
import { findNode, isGroup, isScored, leaves, type CriterionNode } from '../domain/criteria.ts'
import type { Results } from '../domain/results.ts'
import { absolute, address, columnLetter, sheetRef } from './cells.ts'
import type { CalcRefs } from './calc-sheet.ts'
import type { WorkbookContext } from './context.ts'
import type { CriteriaRefs } from './criteria-sheet.ts'
import { aggregationLabel } from './labels.ts'
import { roundHalfAwayFromZero, roundParts } from '../domain/round.ts'

const HEADER_ROW = 7
const FIRST_GROUP_COL = 4

/** Top-level nodes that carry points (a top-level scored criterion is its own group). */
function topGroups(ctx: WorkbookContext): { node: CriterionNode; first: number; last: number }[] {
  const index = new Map(ctx.scored.map((n, i) => [n.id, i]))
  const out: { node: CriterionNode; first: number; last: number }[] = []
  for (const node of ctx.file.criteria) {
    const ids = (isGroup(node) ? leaves([node]) : [node]).filter(isScored).map((n) => index.get(n.id) as number)
    // Scored criteria of one subtree are contiguous in tree order.
    if (ids.length > 0) out.push({ node, first: Math.min(...ids), last: Math.max(...ids) })
  }
  return out
}

/** "G1.3 (Dùng chứng thư số…)" for a criterion or group, the words for the total's threshold. */
function failedLabel(ctx: WorkbookContext, id: string): string {
  if (id === 'threshold') return ctx.L.failedThreshold
  const node = findNode(ctx.file.criteria, id)
  return node ? `${id} (${ctx.text(node.title)})` : id
}

/** Where the Summary sheet holds each candidate's total S(p) (the price sheet's T, §12). */
export interface SummaryRefs {
  totalRef(candidateIndex: number): string
}

export function writeSummarySheet(
  ws: Worksheet,
  ctx: WorkbookContext,
  results: Results,
  criteria: CriteriaRefs,
  calc: CalcRefs,
): SummaryRefs {
  const { L, file } = ctx
  const groups = topGroups(ctx)
  const totalCol = FIRST_GROUP_COL + groups.length
  const refs: SummaryRefs = { totalRef: (p) => `${sheetRef(ws.name)}!${absolute(totalCol, HEADER_ROW + 1 + p)}` }
  const rankCol = totalCol + 1
  const qualifiedCol = rankCol + 1
  const failedCol = qualifiedCol + 1
  const completeCol = failedCol + 1
  // Hidden helper columns (§6 rounding, as the report prints it): each group's exact points, its
  // cut-off remainder in hundredths, and how many hundredths the parts still miss of the rounded
  // total. The shown subtotals are those points rounded by the largest remainder, so they add up
  // to the shown total; the total itself stays the exact sum.
  const rawCol = (i: number) => completeCol + 1 + i
  const remCol = (i: number) => completeCol + 1 + groups.length + i
  const missingCol = completeCol + 1 + 2 * groups.length
  const calcRef = (col: string, row: number) => `'${calc.sheet.replace(/'/g, "''")}'!${col}${row}`
  const nameOf = (id: string) => file.candidates.find((c) => c.id === id)?.name ?? id

  ws.getCell('A1').value = L.summaryTitle
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = `${L.evaluation}: ${file.evaluation.title}`
  ws.getCell('A3').value = `${L.aggregation}: ${aggregationLabel(ctx.aggregation, ctx.lang)}`
  ws.getCell('A4').value = `${L.threshold}: ${file.evaluation.threshold ?? L.none}`
  ws.getCell('A5').value = L.formulasNote

  const header = ws.getRow(HEADER_ROW)
  header.values = [L.id, L.candidate, L.vendor]
  groups.forEach((g, i) => { header.getCell(FIRST_GROUP_COL + i).value = `${ctx.text(g.node.title)} (${g.node.id})` })
  header.getCell(totalCol).value = L.score
  header.getCell(rankCol).value = L.rank
  header.getCell(qualifiedCol).value = L.qualified
  header.getCell(failedCol).value = L.failed
  header.getCell(completeCol).value = L.complete
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: HEADER_ROW }]
  ws.getColumn(1).width = 10
  ws.getColumn(2).width = 30
  ws.getColumn(3).width = 24
  for (let c = FIRST_GROUP_COL; c <= rankCol; c++) ws.getColumn(c).width = 16
  ws.getColumn(qualifiedCol).width = 14
  ws.getColumn(failedCol).width = 40
  for (let c = rawCol(0); c <= missingCol; c++) ws.getColumn(c).hidden = true

  const first = HEADER_ROW + 1
  const last = first + file.candidates.length - 1
  const totals = `$${columnLetter(totalCol)}$${first}:$${columnLetter(totalCol)}$${last}`
  file.candidates.forEach((cand, p) => {
    const res = results.candidates[p]
    const r = first + p
    const row = ws.getRow(r)
    row.getCell(1).value = cand.id
    row.getCell(2).value = cand.name
    row.getCell(3).value = cand.vendor ?? null
    const block = calc.blocks.get(cand.id)
    const exact = groups.map((g) => res?.groups[g.node.id] ?? 0)
    const shown = roundParts(exact, 2, res?.score ?? 0)
    const raws = groups.length ? `${address(rawCol(0), r)}:${address(rawCol(groups.length - 1), r)}` : ''
    const rems = groups.length ? `${address(remCol(0), r)}:${address(remCol(groups.length - 1), r)}` : ''
    const hundredths = (cell: string) => `INT(ROUND(${cell}*100,7))`
    groups.forEach((g, i) => {
      const from = (block?.first ?? 0) + g.first
      const to = (block?.first ?? 0) + g.last
      const raw = address(rawCol(i), r)
      row.getCell(rawCol(i)).value = { formula: `SUM(${calcRef(calc.pointsCol, from)}:${calc.pointsCol}${to})`, result: exact[i] ?? 0 }
      row.getCell(remCol(i)).value = {
        formula: `ROUND(${raw}*100,7)-${hundredths(raw)}`,
        result: roundHalfAwayFromZero((exact[i] ?? 0) * 100, 7) - Math.floor(roundHalfAwayFromZero((exact[i] ?? 0) * 100, 7)),
      }
      // Rank of this remainder (larger first; an earlier group first on equal ones) ≤ missing → one more hundredth.
      const rem = address(remCol(i), r)
      const before = i === 0 ? '0' : `SUMPRODUCT(--(${address(remCol(0), r)}:${address(remCol(i - 1), r)}=${rem}))`
      const rank = `1+SUMPRODUCT(--(${rems}>${rem}))+${before}`
      row.getCell(FIRST_GROUP_COL + i).value = {
        formula: `(${hundredths(raw)}+IF(${rank}<=${address(missingCol, r)},1,0))/100`,
        result: shown[i] ?? 0,
      }
    })
    if (groups.length) {
      row.getCell(missingCol).value = {
        formula: `ROUND(ROUND(ROUND(SUM(${raws}),9),2)*100,0)-SUMPRODUCT(INT(ROUND(${raws}*100,7)))`,
        result: Math.round(roundHalfAwayFromZero(res?.score ?? 0, 2) * 100) - exact.reduce((a, x) => a + Math.floor(roundHalfAwayFromZero(x * 100, 7)), 0),
      }
    }
    row.getCell(totalCol).value = {
      formula: groups.length ? `SUM(${raws})` : '0',
      result: res?.score ?? 0,
    }
    row.getCell(totalCol).font = { bold: true }
    // §3: 1 + the number of candidates scoring more than this one by over 1e-9.
    row.getCell(rankCol).value = {
      formula: `1+SUMPRODUCT(--(${totals}>${address(totalCol, r)}+1E-9))`,
      result: res?.rank ?? 0,
    }
    row.getCell(qualifiedCol).value = res?.qualified ? L.qualifiedYes : L.qualifiedNo
    row.getCell(failedCol).value = (res?.failed ?? []).map((id) => failedLabel(ctx, id)).join('; ') || null
    row.getCell(completeCol).value = res?.complete ? L.yes : L.no
  })

  const maxRow = ws.getRow(last + 1)
  maxRow.getCell(2).value = L.maxPoints
  groups.forEach((g, i) => {
    maxRow.getCell(FIRST_GROUP_COL + i).value = {
      formula: criteria.maxPointsRef.get(g.node.id) ?? '0',
      result: ctx.weights.get(g.node.id)?.maxPoints ?? 0,
    }
  })
  maxRow.getCell(totalCol).value = { formula: criteria.totalMaxPointsRef, result: 100 * Object.values(results.weights).reduce((s, w) => s + w, 0) }
  maxRow.font = { italic: true }
  for (let c = FIRST_GROUP_COL; c <= totalCol; c++) ws.getColumn(c).numFmt = '0.00'

  let r = last + 3
  const recommended = results.recommended
    ? `${nameOf(results.recommended)} [${results.recommended}]`
    : results.tied.length > 0
      ? `${L.recommendedTied}: ${results.tied.map(nameOf).join(', ')}`
      : L.recommendedNone
  ws.getCell(r, 1).value = `${L.recommended}: ${recommended}`
  ws.getCell(r, 1).font = { bold: true }
  r += 2

  if (ctx.passFail.length === 0) return refs
  ws.getCell(r++, 1).value = L.passFailGates
  const h = ws.getRow(r++)
  h.getCell(1).value = L.id
  h.getCell(2).value = L.criterion
  file.candidates.forEach((c, p) => { h.getCell(FIRST_GROUP_COL + p).value = `${c.name} [${c.id}]` })
  h.font = { bold: true }
  for (const node of ctx.passFail) {
    const row = ws.getRow(r++)
    row.getCell(1).value = node.id
    row.getCell(2).value = ctx.text(node.title)
    file.candidates.forEach((c, p) => {
      const failed = results.candidates[p]?.failed.includes(node.id) ?? true
      row.getCell(FIRST_GROUP_COL + p).value = {
        formula: calc.verdictRef.get(`${c.id}\u0000${node.id}`) ?? `"${L.fail}"`,
        result: failed ? L.fail : L.pass,
      }
    })
  }
  return refs
}
