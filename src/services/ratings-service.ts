// Ratings: saving one's own (the hot path, §10), a whole sheet at once, and the blind listing.
import { isFromReview } from '../domain/evaluation-file.ts'
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { lockEvaluationHead } from '../db/evaluation-repository.ts'
import { findRating, listRatings as listRatingRows, upsertRating } from '../db/rating-repository.ts'
import { isSystem, langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { AuditWriter } from './audit-chain.ts'
import { groupCommit } from './group-commit.ts'
import { loadAccess, now, requireRole } from './access.ts'
import { frozenOf } from './evaluation-cache.ts'
import { isRater, loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'
import {
  RatingFields, RatingItemInput, auditAfter, auditBefore, checkRating, duplicateIssues, stored, viewOf, type RatingView,
} from './rating-rules.ts'

export type { RatingView } from './rating-rules.ts'

export const SaveRatingInput = z.object({
  candidate: z.string().min(1),
  criterion: z.string().min(1),
  ...RatingFields,
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type SaveRatingInput = z.infer<typeof SaveRatingInput>

export const SaveRatingsInput = z.object({
  ratings: z.array(RatingItemInput).min(1).max(10_000),
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type SaveRatingsInput = z.infer<typeof SaveRatingsInput>

/**
 * Saves the actor's own rating: scoring or review, declared, not abstaining; in review with a
 * reason. A handful of indexed statements: head, (cache), existing rating, upsert, audit, head;
 * concurrent saves share one transaction and one durable commit (group-commit.ts).
 */
export async function saveRating(db: Db, actor: Actor, id: number, input: SaveRatingInput): Promise<RatingView> {
  const v = parseInput(SaveRatingInput, input, actor)
  // Runs in its own savepoint inside the shared transaction (group commit): a refusal or any
  // other error rolls back this save alone.
  return groupCommit(db, async (trx) => {
    const { head, f, member } = await ownSheet(db, trx, actor, id)
    const candidateId = f.candidateIds.get(v.candidate)
    if (candidateId === undefined) throw new AppError('not_found', 'candidateNotFound', { id: v.candidate })
    if (f.abstains.has(`${member.id}:${candidateId}`)) throw new AppError('forbidden', 'abstains', { candidate: v.candidate })
    if (!f.criteria.has(v.criterion)) throw new AppError('not_found', 'criterionNotFound', { id: v.criterion })
    const issues = checkRating(f, member, v, actor, [])
    if (issues.length) throw validationError(issues)
    const reason = v.reason === '' ? undefined : v.reason
    if (head.status === 'review' && !reason) throw fieldError('reason', 'reviewReasonRequired', langOf(actor))

    const at = now()
    const audit = new AuditWriter(trx, actor, id, head, at)
    await writeRating(trx, audit, id, member, candidateId, v, reason, at)
    await audit.finish()
    return viewOf(member.code, v.candidate, v.criterion, stored(v), at)
  })
}

/**
 * Several of the actor's own ratings at once (a whole sheet posted without JavaScript): the same
 * rules as `saveRating`, all or nothing, one transaction. Refusals name `ratings[i]…`.
 */
export async function saveRatings(db: Db, actor: Actor, id: number, input: SaveRatingsInput): Promise<{ saved: number }> {
  const v = parseInput(SaveRatingsInput, input, actor)
  return groupCommit(db, async (trx) => {
    const { head, f, member } = await ownSheet(db, trx, actor, id)
    const issues = v.ratings.flatMap((r, i) => checkRating(f, member, r, actor, ['ratings', i]))
    issues.push(...duplicateIssues(v.ratings, member.code, actor))
    if (issues.length) throw validationError(issues)
    const reason = v.reason === '' ? undefined : v.reason
    if (head.status === 'review' && !reason) throw fieldError('reason', 'reviewReasonRequired', langOf(actor))
    const at = now()
    const audit = new AuditWriter(trx, actor, id, head, at)
    for (const r of v.ratings) await writeRating(trx, audit, id, member, f.candidateIds.get(r.candidate)!, r, reason, at)
    await audit.finish()
    return { saved: v.ratings.length }
  })
}

/** The evaluation and the actor's own member row, refusing anyone who may not rate now. */
async function ownSheet(db: Db, trx: Db, actor: Actor, id: number) {
  const head = await lockEvaluationHead(trx, id)
  if (!head) throw new AppError('not_found', 'evaluationNotFound', { id })
  const f = await frozenOf(db, trx, head)
  const member = actor.userId === null ? undefined : f.membersByUser.get(actor.userId)
  if (!member) throw new AppError('forbidden', 'ownRatingsOnly')
  if (!isRater(member)) throw new AppError('forbidden', 'notARater')
  if (head.status !== 'scoring' && head.status !== 'review') throw new AppError('wrong_state', 'wrongState', { status: head.status })
  if (member.declaredAt === null) throw new AppError('conflict', 'declarationRequired')
  return { head, f, member }
}

/** Upserts one rating and appends its audit entry (before/after), inside the caller's transaction. */
async function writeRating(
  trx: Db, audit: AuditWriter, id: number, member: { id: number; code: string }, candidateId: number,
  r: Parameters<typeof stored>[0] & { candidate: string; criterion: string }, reason: string | undefined, at: string,
): Promise<void> {
  const key = { memberId: member.id, candidateId, criterion: r.criterion }
  const existing = await findRating(trx, id, key)
  await upsertRating(trx, id, key, stored(r), at)
  await audit.append({
    action: 'rating.save', entity: `rating:${member.code}/${r.candidate}/${r.criterion}`,
    before: auditBefore(existing), after: auditAfter(member.code, r), reason,
  })
}

/** Blind (§2): until review each rater sees only their own ratings; from review on, everyone's. */
export async function listRatings(db: Db, actor: Actor, id: number): Promise<RatingView[]> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'])
  const open = isSystem(actor) || isFromReview(access.head.status)
  if (!open && (!access.member || !isRater(access.member))) return []
  const s = await loadState(db, id)
  const rows = await listRatingRows(db, id, open ? undefined : access.member!.id)
  const candidateCode = new Map(s.candidates.map((c) => [c.id, c.code]))
  const memberCode = new Map(s.members.map((m) => [m.id, m.code]))
  const order = (r: RatingView) => `${r.member}\u0000${r.candidate}\u0000${r.criterion}`
  return rows
    .map((r) => viewOf(memberCode.get(r.memberId)!, candidateCode.get(r.candidateId)!, r.criterion, r, r.updatedAt))
    .sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
}

