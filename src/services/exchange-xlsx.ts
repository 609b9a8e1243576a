// Workbooks in and out (§5 data import): the results workbook for the committee from review on,
// a rater's score sheet for the secretary, and that sheet filled in and uploaded again — checked
// cell by cell, applied all or nothing as ratings entered on the rater's behalf.
import type { Db } from '../db/database.ts'
import { RATER_ROLES, type EvaluationFile, type Rating, isFromReview } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { isSystem, langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { loadAccess, requireRole, requireStatus } from './access.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import { getResults, openResults } from './results-service.ts'
import { saveRatingsOnBehalf } from './sheet-entry-service.ts'

/**
 * exceljs weighs ~26 MB once loaded; most server processes never build a workbook, so it is
 * loaded on first use rather than at start (§10 keeps the server's RSS under the save load low).
 */
const xlsx = () => import('../xlsx/index.ts')

export interface XlsxOptions {
  /** The workbook's language (default: the actor's). */
  readonly lang?: Lang
}

/** The results workbook (Tổng hợp, Tiêu chí, one sheet per rater, Bất đồng): committee, from review on. */
export async function exportResultsWorkbook(db: Db, actor: Actor, id: number, opts: XlsxOptions = {}): Promise<Buffer> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'])
  // Every rater's sheet is in the workbook: before review it would break blind scoring (§2).
  if (!isSystem(actor) && !isFromReview(access.head.status)) {
    throw new AppError('wrong_state', 'workbookNotYet')
  }
  const view = openResults(await getResults(db, actor, id, { monteCarlo: false }))
  const file = await buildEvaluationFile(db, id)
  return (await xlsx()).buildResultsWorkbook(file, view.results, { lang: opts.lang ?? langOf(actor) })
}

/** The rater `memberCode` of the file, or why not. */
function raterOf(file: EvaluationFile, memberCode: string) {
  const member = file.members.find((m) => m.id === memberCode)
  if (!member) throw new AppError('not_found', 'memberNotFound', { id: memberCode })
  if (!RATER_ROLES.includes(member.role)) throw new AppError('validation', 'notARater')
  return member
}

/**
 * A rater's score sheet to fill in Excel, for the secretary (scoring and review, when a sheet
 * can be entered). During scoring it is blank — the secretary must not see a rater's ratings
 * (blind, §2); from review on it is pre-filled with that rater's ratings, to correct.
 */
export async function scoreSheetWorkbook(db: Db, actor: Actor, id: number, memberCode: string, opts: XlsxOptions = {}): Promise<Buffer> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['secretary'])
  requireStatus(access, ['scoring', 'review'])
  const full = await buildEvaluationFile(db, id)
  raterOf(full, memberCode)
  const file = access.head.status === 'scoring' ? { ...full, ratings: [] } : full
  return (await xlsx()).buildBlankSheet(file, memberCode, { lang: opts.lang ?? langOf(actor), evaluationId: id })
}

export interface SheetUpload {
  /** The uploaded .xlsx bytes. */
  readonly workbook: Buffer | Uint8Array | undefined
  /** Why the secretary enters this sheet (required, §2); in review also the correction's reason. */
  readonly reason?: string
}

export interface SheetApplied {
  /** Ratings written (in review, only those that differ from the stored ones). */
  readonly saved: number
  /** Cells filled in on the sheet. */
  readonly filled: number
}

const sameRating = (a: Rating, b: Rating): boolean =>
  a.value === b.value && a.pass === b.pass && (a.comment ?? '') === (b.comment ?? '')

/**
 * Applies a filled-in score sheet of rater `memberCode`: secretary, scoring or review. The sheet
 * must be one made for this evaluation and this rater from the current criteria; every bad cell
 * is reported (`details`: `Sheet!Cell`) and then nothing is applied. Empty cells change nothing.
 */
export async function importScoreSheet(db: Db, actor: Actor, id: number, memberCode: string, upload: SheetUpload): Promise<SheetApplied> {
  const lang = langOf(actor)
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['secretary'])
  requireStatus(access, ['scoring', 'review'])
  if (!upload.workbook || upload.workbook.length === 0) {
    throw fieldError('workbook', 'sheetFileMissing', lang)
  }
  const file = await buildEvaluationFile(db, id)
  const member = raterOf(file, memberCode)
  // The on-behalf rules (sheet-entry-service.ts), checked before the workbook is even opened.
  if (!upload.reason?.trim()) throw fieldError('reason', 'onBehalfReasonRequired', lang)
  if (member.paper !== true) throw new AppError('forbidden', 'notPaperRater', { member: memberCode })
  if (member.declaredAt === undefined) throw new AppError('conflict', 'raterNotDeclared', { member: memberCode })
  const parsed = await (await xlsx()).parseRatingsWorkbook(upload.workbook, file, memberCode, { lang, evaluationId: id })
  if (!parsed.ok) throw validationError(parsed.issues, 'sheetRefused')
  // In review a pre-filled sheet comes back with most cells unchanged: only real changes are
  // written, so the history shows what the rater corrected (each with the reason).
  const stored = new Map(file.ratings.filter((r) => r.member === memberCode).map((r) => [`${r.candidate}\u0000${r.criterion}`, r]))
  const indexes = parsed.ratings.map((_, i) => i).filter((i) => {
    if (access.head.status !== 'review') return true
    const r = parsed.ratings[i]!
    const old = stored.get(`${r.candidate}\u0000${r.criterion}`)
    return !old || !sameRating(old, r)
  })
  const changed = indexes.map((i) => parsed.ratings[i]!)
  if (access.head.status === 'review' && changed.length === 0) return { saved: 0, filled: parsed.ratings.length }
  // A refusal names the sheet's cells (`Sheet!Cell`), as the checks above do.
  const pathOf = (i: number) => parsed.cells[indexes[i]!] ?? `ratings[${i}]`
  const { saved } = await saveRatingsOnBehalf(db, actor, id, memberCode, {
    ratings: changed.map((r) => ({
      candidate: r.candidate,
      criterion: r.criterion,
      ...(r.value !== undefined ? { value: r.value } : {}),
      ...(r.pass !== undefined ? { pass: r.pass } : {}),
      ...(r.comment !== undefined ? { comment: r.comment } : {}),
    })),
    ...(upload.reason !== undefined && upload.reason.trim() !== '' ? { reason: upload.reason } : {}),
  }, { pathOf })
  return { saved, filled: parsed.ratings.length }
}
