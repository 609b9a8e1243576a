// The identification of a blank score sheet, kept in a very hidden, protected "meta" sheet as
// key/value rows: what tool made it, for which evaluation and member, from which criteria.
import type { Workbook } from 'exceljs'
import { cellContent } from './cells.ts'
import type { CandidateColumns } from './rating-sheet.ts'

export const SHEET_FORMAT = 'eoffice-eval/rating-sheet@1'
export const META_SHEET = 'meta'

export interface SheetMeta {
  readonly format: string
  readonly evaluationId: string
  readonly evaluationTitle: string
  readonly memberId: string
  readonly memberName: string
  readonly fingerprint: string
  /** The name of the sheet holding the ratings. */
  readonly ratingSheet: string
  readonly columns: Readonly<Record<string, CandidateColumns>>
}

const KEYS = ['format', 'evaluationId', 'evaluationTitle', 'memberId', 'memberName', 'fingerprint', 'ratingSheet', 'columns'] as const

export async function writeMeta(wb: Workbook, meta: SheetMeta): Promise<void> {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' })
  KEYS.forEach((key, i) => {
    const value = meta[key]
    ws.getRow(i + 1).values = [key, typeof value === 'string' ? value : JSON.stringify(value)]
  })
  ws.getColumn(2).width = 70
  await ws.protect('', { selectLockedCells: true })
}

/** The identification, or null when the workbook has none of ours (wrong file, or tampered). */
export function readMeta(wb: Workbook): SheetMeta | null {
  const ws = wb.getWorksheet(META_SHEET)
  if (!ws) return null
  const kv = new Map<string, string>()
  ws.eachRow((row) => {
    const k = cellContent(row.getCell(1).value)
    const v = cellContent(row.getCell(2).value)
    if (typeof k === 'string' && v !== null) kv.set(k, String(v))
  })
  if (kv.get('format') !== SHEET_FORMAT) return null
  let columns: Record<string, CandidateColumns>
  try {
    columns = JSON.parse(kv.get('columns') ?? '') as Record<string, CandidateColumns>
  } catch {
    return null
  }
  const get = (k: string) => kv.get(k) ?? ''
  return {
    format: SHEET_FORMAT,
    evaluationId: get('evaluationId'),
    evaluationTitle: get('evaluationTitle'),
    memberId: get('memberId'),
    memberName: get('memberName'),
    fingerprint: get('fingerprint'),
    ratingSheet: get('ratingSheet'),
    columns: Object.fromEntries(Object.entries(columns && typeof columns === 'object' ? columns : {}).filter(([, c]) => isColumns(c))),
  }
}

const isColumn = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 16_384
const isColumns = (c: unknown): c is CandidateColumns =>
  typeof c === 'object' && c !== null && isColumn((c as CandidateColumns).value) && isColumn((c as CandidateColumns).comment)
