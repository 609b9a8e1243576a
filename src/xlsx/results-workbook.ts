// The results workbook: Summary, Criteria, one score sheet per rater, Calc, Disagreements, and
// Price once the price envelope is open (§12).
// Totals are live formulas over the raters' sheets, each with the cached result computed by
// `computeResults`, so Excel and LibreOffice recompute the same numbers an auditor can check.
import ExcelJS from 'exceljs'
import type { Worksheet } from 'exceljs'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { raterQualification } from '../domain/scoring.ts'
import { uniqueSheetName } from './cells.ts'
import { writeCalcSheet, type CalcRefs, type RaterSheet } from './calc-sheet.ts'
import { contextOf, type WorkbookContext } from './context.ts'
import { writeCriteriaSheet } from './criteria-sheet.ts'
import { writeDisagreementsSheet } from './disagreements-sheet.ts'
import { writePriceSheet } from './price-sheet.ts'
import { writeRatingSheet } from './rating-sheet.ts'
import { writeSummarySheet } from './summary-sheet.ts'

export interface WorkbookOptions {
  readonly lang: Lang
}

export async function buildResultsWorkbook(file: EvaluationFile, results: Results, opts: WorkbookOptions): Promise<Buffer> {
  const ctx = contextOf(file, opts.lang)
  const { L } = ctx
  const wb = new ExcelJS.Workbook()
  wb.creator = 'eoffice-eval'
  wb.title = file.evaluation.title
  // Excel recomputes everything on open; the cached results serve viewers that do not.
  wb.calcProperties.fullCalcOnLoad = true

  // Sheets are created in tab order first: formulas may refer to sheets filled later.
  const taken = new Set<string>()
  const sheet = (name: string) => wb.addWorksheet(uniqueSheetName(name, taken))
  const summary = sheet(L.summarySheet)
  const criteriaWs = sheet(L.criteriaSheet)
  const raterWs = ctx.raters.map((m) => sheet(`${L.raterSheetPrefix}${m.name}`))
  const calcWs = sheet(L.calcSheet)
  const disagreements = sheet(L.disagreementsSheet)
  const priceWs = results.price ? sheet(L.priceSheet) : undefined

  const criteria = writeCriteriaSheet(criteriaWs, ctx, results)
  const raterSheets: RaterSheet[] = ctx.raters.map((m, i) => {
    const ws = raterWs[i] as Worksheet
    return { name: ws.name, layout: writeRatingSheet(ws, ctx, m, 'export') }
  })
  const calc = writeCalcSheet(calcWs, ctx, results, criteria, raterSheets)
  raterSheets.forEach((s, i) => {
    writeRaterTotals(raterWs[i] as Worksheet, ctx, results, calc, s, i)
  })
  const summaryRefs = writeSummarySheet(summary, ctx, results, criteria, calc)
  writeDisagreementsSheet(disagreements, ctx, results)
  if (priceWs) writePriceSheet(priceWs, ctx, results, summaryRefs)

  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** Under a rater's criteria: their own total per candidate (§3 per-rater totals) and verdict. */
function writeRaterTotals(ws: Worksheet, ctx: WorkbookContext, results: Results, calc: CalcRefs, sheet: RaterSheet, i: number): void {
  const { L, file } = ctx
  const member = ctx.raters[i]
  const raterCol = calc.raterCol[i]
  if (!member || !raterCol) return
  const totalRow = ws.getRow(sheet.layout.endRow + 1)
  const verdictRow = ws.getRow(sheet.layout.endRow + 2)
  totalRow.getCell(3).value = L.raterTotal
  verdictRow.getCell(3).value = L.qualified
  totalRow.font = { bold: true }
  verdictRow.font = { bold: true }
  const calcSheet = `'${calc.sheet.replace(/'/g, "''")}'`
  file.candidates.forEach((cand, p) => {
    const col = sheet.layout.columns.get(cand.id)?.value
    const block = calc.blocks.get(cand.id)
    if (!col || !block) return
    const cell = totalRow.getCell(col)
    if (ctx.abstention(member.id, cand.id)) {
      cell.value = L.abstains
      return
    }
    // Blank normalized cells are text (""), which SUMPRODUCT counts as 0: unrated adds nothing.
    const weights = `${calcSheet}!${calc.weightCol}${block.first}:${calc.weightCol}${block.last}`
    const ratings = `${calcSheet}!${raterCol}${block.first}:${raterCol}${block.last}`
    cell.value = {
      formula: block.last >= block.first ? `100*SUMPRODUCT(${weights},${ratings})` : '0',
      result: results.candidates[p]?.raters[member.id] ?? 0,
    }
    cell.numFmt = '0.00'
    const q = raterQualification(file, member.id, cand.id)
    if (q) verdictRow.getCell(col).value = q.qualified ? L.qualifiedYes : L.qualifiedNo
  })
}
