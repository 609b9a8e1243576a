// Reads back a member's filled-in score sheet: identification first (one clear issue when the
// file is for another evaluation, member or criteria), then every cell, collecting ALL issues,
// each named "<sheet>!<cell>". Returns ratings only when there is no issue at all, so the caller
// applies everything or nothing. No database here: the service applies the result.
import ExcelJS from 'exceljs'
import type { Worksheet } from 'exceljs'
import { isPassFail, type CriterionNode } from '../domain/criteria.ts'
import type { EvaluationFile, Rating } from '../domain/evaluation-file.ts'
import type { Issue } from '../domain/issues.ts'
import { message, type Lang } from '../domain/messages.ts'
import { address, cellContent } from './cells.ts'
import { contextOf, type WorkbookContext } from './context.ts'
import { sheetFingerprint } from './fingerprint.ts'
import { FAIL_WORDS, PASS_WORDS } from './labels.ts'
import { COL, FIRST_ROW, HEADER_ROW, type CandidateColumns } from './rating-sheet.ts'
import { readMeta } from './sheet-meta.ts'
import type { SheetOptions } from './blank-sheet.ts'
import { WORKBOOK_LIMITS, checkWorkbookZip } from './zip-limits.ts'

/** `cells[i]` is where `ratings[i]` was read (`Sheet!B7`), to name it in a refusal. */
export type ParsedRatings = { ok: true; ratings: Rating[]; cells: string[] } | { ok: false; issues: Issue[] }

const refuse = (message: string): ParsedRatings => ({ ok: false, issues: [{ path: '', message }] })

/**
 * Workbooks opened at once by exceljs. Each within the limits may still take tens of MB while it
 * is parsed; one at a time keeps five hostile uploads at once within §10's memory limit (the
 * others wait their turn, the server keeps answering everything else).
 */
const gate = { busy: false, queue: [] as (() => void)[] }
async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (gate.busy) await new Promise<void>((go) => gate.queue.push(go))
  gate.busy = true
  try {
    return await work()
  } finally {
    const next = gate.queue.shift()
    if (next) next()
    else gate.busy = false
  }
}

/** The workbook within the §7 limits (unpacked size, cells), or why not; nothing unpacked beyond them. */
async function withinLimits(buffer: Buffer | Uint8Array, lang: Lang): Promise<ParsedRatings | undefined> {
  const check = await checkWorkbookZip(buffer, WORKBOOK_LIMITS)
  if (check.ok) return undefined
  switch (check.reason) {
    case 'unreadable':
      return refuse(message(lang, 'xlsxUnreadable', { detail: check.detail ?? '' }))
    case 'tooManyCells':
      return refuse(message(lang, 'xlsxTooManyCells', { cells: WORKBOOK_LIMITS.maxCells }))
    default:
      return refuse(message(lang, 'xlsxTooLarge', { mb: Math.round(WORKBOOK_LIMITS.maxUnpackedBytes / (1024 * 1024)) }))
  }
}

export async function parseRatingsWorkbook(
  buffer: Buffer | Uint8Array,
  file: EvaluationFile,
  memberId: string,
  opts: SheetOptions,
): Promise<ParsedRatings> {
  return oneAtATime(async () => {
    const refused = await withinLimits(buffer, opts.lang)
    if (refused) return refused
    return parseWithinLimits(buffer, file, memberId, opts)
  })
}

async function parseWithinLimits(
  buffer: Buffer | Uint8Array,
  file: EvaluationFile,
  memberId: string,
  opts: SheetOptions,
): Promise<ParsedRatings> {
  const { lang } = opts
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch (err) {
    return refuse(message(lang, 'xlsxUnreadable', { detail: err instanceof Error ? err.message : String(err) }))
  }
  const meta = readMeta(wb)
  if (!meta) return refuse(message(lang, 'xlsxNotOurSheet'))
  if (meta.evaluationId !== String(opts.evaluationId)) {
    return refuse(message(lang, 'xlsxWrongEvaluation', { title: meta.evaluationTitle, expected: file.evaluation.title }))
  }
  const member = file.members.find((m) => m.id === memberId)
  if (meta.memberId !== memberId) {
    return refuse(message(lang, 'xlsxWrongMember', { name: meta.memberName, expected: member?.name ?? memberId }))
  }
  if (meta.fingerprint !== sheetFingerprint(file)) return refuse(message(lang, 'xlsxChanged'))
  const ws = wb.getWorksheet(meta.ratingSheet)
  if (!ws) return refuse(message(lang, 'xlsxSheetMissing', { sheet: meta.ratingSheet }))

  const ctx = contextOf(file, lang)
  const at = (col: number, row: number) => `${ws.name}!${address(col, row)}`
  const issues: Issue[] = []
  const columns = checkColumns(ws, file, meta.columns, at, lang, issues)
  const rows = findRows(ws, ctx, at, lang, issues)
  if (issues.length > 0) return { ok: false, issues }

  const ratings: Rating[] = []
  const cells: string[] = []
  for (const node of [...ctx.scored, ...ctx.passFail].sort((a, b) => (rows.get(a.id) ?? 0) - (rows.get(b.id) ?? 0))) {
    const row = rows.get(node.id) as number
    for (const cand of file.candidates) {
      const cols = columns.get(cand.id) as CandidateColumns
      const raw = cellContent(ws.getCell(row, cols.value).value)
      const comment = cellContent(ws.getCell(row, cols.comment).value)
      const where = at(cols.value, row)
      if (raw === null) {
        if (comment !== null && !ctx.abstention(memberId, cand.id)) {
          issues.push({ path: at(cols.comment, row), message: message(lang, 'commentWithoutRating') })
        }
        continue
      }
      if (ctx.abstention(memberId, cand.id)) {
        issues.push({ path: where, message: message(lang, 'ratingByAbstainer', { member: member?.name ?? memberId, candidate: cand.name }) })
        continue
      }
      const rating = readRating(raw, node, ctx, lang)
      if ('issue' in rating) {
        issues.push({ path: where, message: rating.issue })
        continue
      }
      ratings.push({
        member: memberId,
        candidate: cand.id,
        criterion: node.id,
        ...rating,
        ...(comment !== null ? { comment: String(comment) } : {}),
      })
      cells.push(where)
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, ratings, cells }
}

/** A cell's content as a level or a pass/fail judgment, or why it is neither. */
function readRating(
  raw: number | string | boolean,
  node: CriterionNode,
  ctx: WorkbookContext,
  lang: Lang,
): { value: number } | { pass: boolean } | { issue: string } {
  const { min, max, L } = ctx
  if (isPassFail(node)) {
    if (typeof raw === 'boolean') return { pass: raw }
    const word = String(raw).toLowerCase()
    if (PASS_WORDS.has(word)) return { pass: true }
    if (FAIL_WORDS.has(word)) return { pass: false }
    return { issue: message(lang, 'passFailWord', { value: String(raw), pass: L.pass, fail: L.fail }) }
  }
  // A level typed as text ("4", " 4 ") is read as the number; "4,5" is the Vietnamese 4.5.
  const value = typeof raw === 'number' ? raw
    : typeof raw === 'string' && /^[+-]?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(',', '.'))
    : Number.NaN
  if (Number.isNaN(value)) return { issue: message(lang, 'notANumber', { value: String(raw), min, max }) }
  if (!Number.isInteger(value)) return { issue: message(lang, 'notInteger', { value: String(raw) }) }
  if (value < min || value > max) return { issue: message(lang, 'outsideScale', { value, min, max }) }
  return { value }
}

/** Each candidate's columns, checked against the heading the sheet was generated with. */
function checkColumns(
  ws: Worksheet,
  file: EvaluationFile,
  recorded: Readonly<Record<string, CandidateColumns>>,
  at: (col: number, row: number) => string,
  lang: Lang,
  issues: Issue[],
): Map<string, CandidateColumns> {
  const out = new Map<string, CandidateColumns>()
  for (const cand of file.candidates) {
    const cols = recorded[cand.id]
    const heading = cols ? cellContent(ws.getCell(HEADER_ROW, cols.value).value) : null
    // The heading ends with "[<candidate id>]"; a moved or inserted column breaks it.
    if (!cols || typeof heading !== 'string' || !heading.endsWith(`[${cand.id}]`)) {
      issues.push({
        path: at(cols?.value ?? COL.firstCandidate, HEADER_ROW),
        message: message(lang, 'xlsxColumnMoved', { candidate: cand.name, expected: `${cand.name} [${cand.id}]` }),
      })
    } else out.set(cand.id, cols)
  }
  return out
}

/** The row of every criterion, found by its id in column A (so inserted rows do no harm). */
function findRows(
  ws: Worksheet,
  ctx: WorkbookContext,
  at: (col: number, row: number) => string,
  lang: Lang,
  issues: Issue[],
): Map<string, number> {
  const wanted = new Set([...ctx.scored, ...ctx.passFail].map((n) => n.id))
  const rows = new Map<string, number>()
  for (let r = FIRST_ROW; r <= ws.rowCount; r++) {
    const id = cellContent(ws.getCell(r, COL.id).value)
    if (typeof id !== 'string' || !wanted.has(id)) continue
    const first = rows.get(id)
    if (first !== undefined) issues.push({ path: at(COL.id, r), message: message(lang, 'xlsxRowDuplicate', { id, first }) })
    else rows.set(id, r)
  }
  for (const id of wanted) {
    if (!rows.has(id)) issues.push({ path: `${ws.name}!A:A`, message: message(lang, 'xlsxRowMissing', { id }) })
  }
  return rows
}
