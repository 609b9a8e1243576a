// "Bất đồng" / "Disagreements": the (candidate, criterion) pairs §3 flags, with every rater's
// raw rating beside the spread so the committee sees who stands where.
import type { Worksheet } from 'exceljs'
import { findNode } from '../domain/criteria.ts'
import type { Results } from '../domain/results.ts'
import type { WorkbookContext } from './context.ts'

const FIRST_RATER_COL = 6

export function writeDisagreementsSheet(ws: Worksheet, ctx: WorkbookContext, results: Results): void {
  const { L, file } = ctx
  ws.getCell('A1').value = L.disagreementsTitle
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = `${L.evaluation}: ${file.evaluation.title}`
  ws.getCell('A3').value = `${L.scale}: ${ctx.min}–${ctx.max}`

  const header = ws.getRow(5)
  header.values = [L.candidate, L.id, L.criterion, L.spread, L.count]
  ctx.raters.forEach((m, i) => { header.getCell(FIRST_RATER_COL + i).value = m.name })
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.views = [{ state: 'frozen', ySplit: 5 }]
  ws.getColumn(1).width = 24
  ws.getColumn(2).width = 10
  ws.getColumn(3).width = 48
  for (let c = 4; c < FIRST_RATER_COL + ctx.raters.length; c++) ws.getColumn(c).width = 12

  results.disagreements.forEach((d, i) => {
    const row = ws.getRow(6 + i)
    const cand = file.candidates.find((c) => c.id === d.candidate)
    row.getCell(1).value = cand ? `${cand.name} [${cand.id}]` : d.candidate
    row.getCell(2).value = d.criterion
    row.getCell(3).value = ctx.text(findNode(file.criteria, d.criterion)?.title)
    row.getCell(4).value = d.spread
    let n = 0
    ctx.raters.forEach((m, j) => {
      const cell = row.getCell(FIRST_RATER_COL + j)
      if (ctx.abstention(m.id, d.candidate)) {
        cell.value = '—'
        return
      }
      const shown = ctx.shown(ctx.rating(m.id, d.candidate, d.criterion))
      if (shown !== null) n++
      cell.value = shown
      cell.alignment = { horizontal: 'center' }
    })
    row.getCell(5).value = n
  })
  if (results.disagreements.length === 0) ws.getCell('A6').value = L.none
}
