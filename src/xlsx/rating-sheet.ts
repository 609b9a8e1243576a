// One rater's score sheet (phiếu chấm điểm): criteria down, candidates across, a level and a
// comment per candidate. The same layout serves the results workbook (filled, read-only) and
// the blank sheet a member fills in (drop-downs, only the input cells unlocked), so an upload
// is read back by the same column rules.
import type { Worksheet } from 'exceljs'
import { isGroup, isPassFail } from '../domain/criteria.ts'
import type { Member } from '../domain/evaluation-file.ts'
import { roleLabel } from './labels.ts'
import { scaleLine, type WorkbookContext } from './context.ts'

export const COL = { id: 1, group: 2, title: 3, guidance: 4, maxPoints: 5, firstCandidate: 6 } as const
export const HEADER_ROW = 7
export const FIRST_ROW = HEADER_ROW + 1

export interface CandidateColumns {
  readonly value: number
  readonly comment: number
}

export interface RatingSheetLayout {
  /** Row of each criterion (leaf); group rows are headings only. */
  readonly rows: ReadonlyMap<string, number>
  readonly columns: ReadonlyMap<string, CandidateColumns>
  /** The first row after the criteria. */
  readonly endRow: number
}

export const candidateColumns = (index: number): CandidateColumns => ({
  value: COL.firstCandidate + 2 * index,
  comment: COL.firstCandidate + 2 * index + 1,
})

export const MAX_POINTS_FORMAT = '0.00'
const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } } as const
const INPUT = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const

/** The header text of a candidate's level column; parsing checks it to catch moved columns. */
export function candidateHeader(ctx: WorkbookContext, candidateId: string): string {
  const c = ctx.file.candidates.find((x) => x.id === candidateId)
  return `${c?.name ?? candidateId} [${candidateId}]`
}

export function writeRatingSheet(
  ws: Worksheet,
  ctx: WorkbookContext,
  member: Member,
  mode: 'blank' | 'export',
): RatingSheetLayout {
  const { L, file } = ctx
  ws.getCell('A1').value = `${L.sheetTitle} – ${member.name}`
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = `${L.evaluation}: ${file.evaluation.title}`
  ws.getCell('A3').value = `${L.member}: ${member.name} (${roleLabel(member.role, ctx.lang)})`
  ws.getCell('A4').value = `${L.scale}: ${scaleLine(ctx)}`
  if (mode === 'blank') ws.getCell('A5').value = L.blankNote

  const header = ws.getRow(HEADER_ROW)
  header.values = [L.id, L.group, L.criterion, L.guidance, L.maxPoints]
  const columns = new Map<string, CandidateColumns>()
  file.candidates.forEach((c, i) => {
    const cols = candidateColumns(i)
    columns.set(c.id, cols)
    const abstains = ctx.abstention(member.id, c.id)
    header.getCell(cols.value).value = candidateHeader(ctx, c.id)
    header.getCell(cols.comment).value = abstains ? `${L.abstains}: ${abstains}` : `${L.comment} – ${c.name}`
    ws.getColumn(cols.value).width = 14
    ws.getColumn(cols.comment).width = 30
  })
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.getColumn(COL.id).width = 10
  ws.getColumn(COL.group).width = 22
  ws.getColumn(COL.title).width = 44
  ws.getColumn(COL.guidance).width = 44
  ws.getColumn(COL.maxPoints).width = 11
  ws.views = [{ state: 'frozen', xSplit: COL.maxPoints, ySplit: HEADER_ROW }]
  // Printed for signing: A4 landscape, one page wide, the heading row on every page.
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` }

  const rows = new Map<string, number>()
  let r = FIRST_ROW
  for (const { node, ancestors } of ctx.tree) {
    const row = ws.getRow(r)
    const parent = ancestors.at(-1)
    row.getCell(COL.id).value = node.id
    row.getCell(COL.group).value = parent ? ctx.text(parent.title) : ''
    row.getCell(COL.title).value = `${'  '.repeat(ancestors.length)}${ctx.text(node.title)}`
    row.getCell(COL.guidance).value = ctx.text(node.guidance ?? node.description)
    const max = ctx.weights.get(node.id)?.maxPoints
    row.getCell(COL.maxPoints).value = isPassFail(node) ? L.typePassFail : max ?? null
    row.getCell(COL.maxPoints).numFmt = MAX_POINTS_FORMAT
    row.alignment = { wrapText: true, vertical: 'top' }
    if (isGroup(node)) {
      row.font = { bold: true }
    } else {
      rows.set(node.id, r)
      for (const c of file.candidates) {
        const cols = columns.get(c.id) as CandidateColumns
        const rating = ctx.rating(member.id, c.id, node.id)
        const value = row.getCell(cols.value)
        const comment = row.getCell(cols.comment)
        value.value = ctx.shown(rating)
        comment.value = rating?.comment ?? null
        value.alignment = { horizontal: 'center', vertical: 'top' }
        if (ctx.abstention(member.id, c.id)) {
          value.fill = GREY
          comment.fill = GREY
        } else if (mode === 'blank') {
          value.fill = INPUT
          value.protection = { locked: false }
          comment.protection = { locked: false }
          value.dataValidation = levelValidation(ctx, isPassFail(node))
        }
      }
    }
    r++
  }
  return { rows, columns, endRow: r }
}

/** A drop-down of the scale's levels, or of Đạt/Không đạt; the prompt recalls the descriptors. */
function levelValidation(ctx: WorkbookContext, passFail: boolean) {
  const { L } = ctx
  const choices = passFail
    ? [L.pass, L.fail]
    : Array.from({ length: ctx.max - ctx.min + 1 }, (_, i) => String(ctx.min + i))
  const prompt = passFail ? `${L.pass} / ${L.fail}` : scaleLine(ctx)
  return {
    type: 'list' as const,
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: L.scale,
    error: prompt.slice(0, 255),
    showInputMessage: true,
    promptTitle: L.scale.slice(0, 32),
    prompt: prompt.slice(0, 255),
  }
}
