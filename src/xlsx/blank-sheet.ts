// A member's score sheet to fill in Excel: one worksheet "Phiếu – <name>", criteria down and
// candidates across (a level and a comment per candidate), drop-downs of the scale's levels,
// the member's existing ratings pre-filled, and a hidden "meta" sheet saying what it is for.
import ExcelJS from 'exceljs'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { uniqueSheetName } from './cells.ts'
import { contextOf } from './context.ts'
import { sheetFingerprint } from './fingerprint.ts'
import { writeRatingSheet } from './rating-sheet.ts'
import { META_SHEET, SHEET_FORMAT, writeMeta } from './sheet-meta.ts'

export interface SheetOptions {
  readonly lang: Lang
  /** The evaluation's id in the database: an upload must carry the same. */
  readonly evaluationId: string | number
}

export async function buildBlankSheet(file: EvaluationFile, memberId: string, opts: SheetOptions): Promise<Buffer> {
  const ctx = contextOf(file, opts.lang)
  const member = ctx.raters.find((m) => m.id === memberId)
  if (!member) throw new RangeError(`"${memberId}" is not a rater of this evaluation`)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'eoffice-eval'
  wb.title = `${ctx.L.sheetTitle} – ${member.name}`
  const name = uniqueSheetName(`${ctx.L.raterSheetPrefix}${member.name}`, new Set([META_SHEET]))
  const ws = wb.addWorksheet(name)
  const layout = writeRatingSheet(ws, ctx, member, 'blank')
  // Only the level and comment cells are unlocked: rows and columns keep their meaning.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  })
  await writeMeta(wb, {
    format: SHEET_FORMAT,
    evaluationId: String(opts.evaluationId),
    evaluationTitle: file.evaluation.title,
    memberId: member.id,
    memberName: member.name,
    fingerprint: sheetFingerprint(file),
    ratingSheet: ws.name,
    columns: Object.fromEntries(layout.columns),
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}
