// Ratings: saving one's own (the hot path, §10), a whole sheet at once, and the blind listing.
import { isFromReview } from '../domain/evaluation-file.ts'
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { lockEvaluationHead } from '../db/evaluation-repository.ts'
import { writeAuditedRatings, writeAuditedRatingsAtHead, type ExpectedCell, type RatingWrite } from '../db/audited-ratings.ts'
import { engineOf } from '../db/engine.ts'
import { listChangesAfter } from '../db/rating-change-repository.ts'
import { countRatingsByEvaluation, findRatings, listRatings as listRatingRows, ratingKeyOf, type RatingKey } from '../db/rating-repository.ts'
import type { EvaluationHead, MemberRecord, RatingRecord } from '../db/records.ts'
import { isSystem, langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { AuditWriter } from './audit-chain.ts'
import { groupCommit, groupCommitItem, type BatchKind, type Outcome } from './group-commit.ts'
import { loadAccess, now, requireRole } from './access.ts'
import { frozenOf, type Frozen } from './evaluation-cache.ts'
import {
  Cells, MAX_CATCH_UP, MAX_CELLS, catchUp, contendedRatings, forgetRatings, knownRatings, mayCatchUp, rememberRatings, sameHead,
} from './known-ratings.ts'
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
 * reason. Concurrent saves share one transaction and one durable commit (group-commit.ts), and
 * are read and written together (`ratingSaves`): per evaluation in a batch, one head lock, one
 * read of the ratings they replace, one multi-row upsert, one multi-row audit insert, one head
 * update — whatever the number of saves.
 */
export async function saveRating(db: Db, actor: Actor, id: number, input: SaveRatingInput): Promise<RatingView> {
  const v = parseInput(SaveRatingInput, input, actor)
  return groupCommitItem(db, ratingSaves, { actor, id, v })
}

interface SaveItem { readonly actor: Actor; readonly id: number; readonly v: SaveRatingInput }

/** One save checked against its evaluation: its key, or a refusal (thrown). Reads nothing. */
function checkSave(head: EvaluationHead | undefined, f: Frozen | undefined, { actor, id, v }: SaveItem) {
  if (!head || !f) throw new AppError('not_found', 'evaluationNotFound', { id })
  const member = ownMember(head, f, actor)
  const candidateId = f.candidateIds.get(v.candidate)
  if (candidateId === undefined) throw new AppError('not_found', 'candidateNotFound', { id: v.candidate })
  if (f.abstains.has(`${member.id}:${candidateId}`)) throw new AppError('forbidden', 'abstains', { candidate: v.candidate })
  if (!f.criteria.has(v.criterion)) throw new AppError('not_found', 'criterionNotFound', { id: v.criterion })
  const issues = checkRating(f, member, v, actor, [])
  if (issues.length) throw validationError(issues)
  const reason = v.reason === '' ? undefined : v.reason
  if (head.status === 'review' && !reason) throw fieldError('reason', 'reviewReasonRequired', langOf(actor))
  return { member, key: { memberId: member.id, candidateId, criterion: v.criterion }, reason }
}

type Accepted = ReturnType<typeof checkSave> & { readonly i: number }

/** The items (at `indexes`) of one evaluation checked against its head: the accepted ones; refusals go to `out`. */
function acceptedOf(head: EvaluationHead | undefined, f: Frozen | undefined, items: readonly SaveItem[], indexes: readonly number[], out: Outcome<RatingView>[]): Accepted[] {
  const accepted: Accepted[] = []
  for (const i of indexes) {
    try {
      accepted.push({ i, ...checkSave(head, f, items[i]!) })
    } catch (error) {
      out[i] = { ok: false, error }
    }
  }
  return accepted
}

/**
 * The accepted saves as rating rows and audit entries chained from `head`, in order (a cell saved
 * twice in one batch: the second's `before` is the first's value). `current` holds the ratings
 * they replace and is left holding what they wrote. Answers go to `out`.
 */
function compose(
  root: Db, head: EvaluationHead, items: readonly SaveItem[], accepted: readonly Accepted[], current: Map<string, RatingRecord | null>, out: Outcome<RatingView>[],
) {
  const audit = new AuditWriter(root, items[accepted[0]!.i]!.actor, head.id, head, now())
  const rows: RatingWrite[] = []
  for (const { i, member, key, reason } of accepted) {
    const { actor, v } = items[i]!
    const at = now()
    const k = ratingKeyOf(key)
    audit.append({
      action: 'rating.save', entity: `rating:${member.code}/${v.candidate}/${v.criterion}`,
      before: auditBefore(current.get(k) ?? undefined), after: auditAfter(member.code, v), reason,
    }, { actor, at })
    const value = stored(v)
    rows.push({ ...key, ...value, at })
    current.set(k, { id: 0, ...key, ...value, updatedAt: at, onBehalf: false })
    out[i] = { ok: true, value: viewOf(member.code, v.candidate, v.criterion, value, at) }
  }
  const written = audit.take()!
  return { rows, written, after: { ...head, auditHead: written.head.hash, auditSeq: written.head.seq } }
}

/** The items' indexes per evaluation, in order. */
function byEvaluation(items: readonly SaveItem[]): Map<number, number[]> {
  const m = new Map<number, number[]>()
  items.forEach((item, i) => {
    const list = m.get(item.id)
    if (list) list.push(i)
    else m.set(item.id, [i])
  })
  return m
}

/**
 * The batched rating save. A refused save writes nothing and fails alone; the accepted ones of
 * an evaluation are written in order. What they replace is read under the head's lock — unless
 * this process knows it already (known-ratings.ts: the head is where its last batch left it).
 *
 * On PostgreSQL, while this process is the evaluation's only writer, a batch first tries
 * `direct`: no transaction, one statement that locks the head row, checks it is still the known
 * head and writes everything — one round trip and one commit for the batch. If another writer
 * moved the head, that statement writes nothing and the batch runs in its transaction as usual.
 */
const ratingSaves: BatchKind<SaveItem, RatingView> = {
  async direct(db, items) {
    if (engineOf(db) !== 'postgres') return undefined
    const groups = byEvaluation(items)
    if (groups.size !== 1) return undefined
    const [id, indexes] = [...groups][0]!
    const known = knownRatings(db, id)
    if (!known?.direct || !sameHead(known.validAt, known.head)) return undefined
    const out: Outcome<RatingView>[] = new Array(items.length)
    const accepted = acceptedOf(known.head, await frozenOf(db, db, known.head), items, indexes, out)
    // A refusal against the known head may be stale (a member added since, a status changed): it
    // is given only by `run`, against the locked head.
    if (accepted.length < indexes.length) return undefined
    const current = new Map<string, RatingRecord | null>()
    for (const { key } of accepted) {
      const k = ratingKeyOf(key)
      const cell = known.cells.get(k)
      if (cell === undefined) return undefined
      current.set(k, cell)
    }
    const { rows, written, after } = compose(db, known.head, items, accepted, current, out)
    let done: boolean
    try {
      done = await writeAuditedRatingsAtHead(db, known.head, rows, written.rows, written.head)
    } catch (error) {
      forgetRatings(db, id) // written or not: unknown
      throw error
    }
    if (!done) {
      contendedRatings(known)
      return undefined
    }
    rememberRatings(db, after, known.cells.addAll(current), after, true)
    return out
  },

  async run(db, trx, items, onCommit) {
    const out: Outcome<RatingView>[] = new Array(items.length)
    const pg = engineOf(trx) === 'postgres'
    for (const [id, indexes] of byEvaluation(items)) {
      const head = await lockEvaluationHead(trx, id)
      const f = head && await frozenOf(db, trx, head)
      const accepted = acceptedOf(head, f, items, indexes, out)
      if (!head || !f || accepted.length === 0) continue
      // What this process knows (known-ratings.ts). `alone`: no one else wrote since its last
      // batch. `exact`: every known cell holds as of this head — else, when this process is alone
      // again (or on SQLite), they are brought forward from the audit entries since they were;
      // on PostgreSQL after another server's saves, they are a belief the write checks.
      const known = knownRatings(db, id)
      const cells = known?.cells ?? new Cells()
      const alone = known !== undefined && sameHead(known.head, head)
      let exact = known === undefined || sameHead(known.validAt, head)
      if (!exact && (alone || !pg)) {
        const from = known!.validAt
        if (mayCatchUp(from, head)) catchUp(cells, from, head, await listChangesAfter(trx, id, from.auditSeq, MAX_CATCH_UP), f)
        else cells.clear()
        exact = true
      }
      const current = new Map<string, RatingRecord | null>()
      const unknown: RatingKey[] = []
      const believed: ExpectedCell[] = []
      for (const { key } of accepted) {
        const k = ratingKeyOf(key)
        if (current.has(k)) continue
        const cell = cells.get(k)
        current.set(k, cell ?? null)
        if (cell === undefined) unknown.push(key)
        else if (!exact) believed.push({ ...key, now: cell ?? undefined })
      }
      if (unknown.length > 0 && exact && cells.fillable) {
        // The first time (after a start, or when the cells had to be dropped): all the
        // evaluation's ratings at once, if not too many — from then on a save reads none.
        const n = (await countRatingsByEvaluation(trx, [id])).get(id) ?? 0
        if (n <= MAX_CELLS) {
          cells.fill(await listRatingRows(trx, id))
          for (const key of unknown.splice(0)) current.set(ratingKeyOf(key), cells.get(ratingKeyOf(key)) ?? null)
        } else cells.fillable = false
      }
      if (unknown.length > 0) for (const r of await findRatings(trx, id, unknown)) current.set(ratingKeyOf(r), r)
      const replaced = new Map(current)
      let w = compose(db, head, items, accepted, current, out)
      if (!(await writeAuditedRatings(trx, id, w.rows, w.written.rows, w.written.head, believed.length > 0 ? believed : undefined))) {
        // Another server changed some of them: read those (the lock is held) and write again.
        for (const c of believed) replaced.set(ratingKeyOf(c), null)
        for (const r of await findRatings(trx, id, believed)) replaced.set(ratingKeyOf(r), r)
        current.clear()
        for (const [k, v] of replaced) current.set(k, v)
        w = compose(db, head, items, accepted, current, out)
        await writeAuditedRatings(trx, id, w.rows, w.written.rows, w.written.head)
      }
      const { after } = w
      const validAt = exact ? after : known!.validAt
      onCommit(() => rememberRatings(db, after, cells.addAll(current), validAt, alone && exact))
    }
    return out
  },
}

/**
 * Several of the actor's own ratings at once (a whole sheet posted without JavaScript): the same
 * rules as `saveRating`, all or nothing, one transaction. Refusals name `ratings[i]…`.
 */
export async function saveRatings(db: Db, actor: Actor, id: number, input: SaveRatingsInput): Promise<{ saved: number }> {
  const v = parseInput(SaveRatingsInput, input, actor)
  return groupCommit(db, async (trx) => {
    const head = await lockEvaluationHead(trx, id)
    if (!head) throw new AppError('not_found', 'evaluationNotFound', { id })
    const f = await frozenOf(db, trx, head)
    const member = ownMember(head, f, actor)
    const issues = v.ratings.flatMap((r, i) => checkRating(f, member, r, actor, ['ratings', i]))
    issues.push(...duplicateIssues(v.ratings, member.code, actor))
    if (issues.length) throw validationError(issues)
    const reason = v.reason === '' ? undefined : v.reason
    if (head.status === 'review' && !reason) throw fieldError('reason', 'reviewReasonRequired', langOf(actor))
    const at = now()
    const keys = v.ratings.map((r) => ({ memberId: member.id, candidateId: f.candidateIds.get(r.candidate)!, criterion: r.criterion }))
    const existing = new Map((await findRatings(trx, id, keys)).map((r) => [ratingKeyOf(r), r]))
    const audit = new AuditWriter(trx, actor, id, head, at)
    v.ratings.forEach((r, i) => {
      audit.append({
        action: 'rating.save', entity: `rating:${member.code}/${r.candidate}/${r.criterion}`,
        before: auditBefore(existing.get(ratingKeyOf(keys[i]!))), after: auditAfter(member.code, r), reason,
      })
    })
    const written = audit.take()!
    await writeAuditedRatings(trx, id, v.ratings.map((r, i) => ({ ...keys[i]!, ...stored(r), at })), written.rows, written.head)
    return { saved: v.ratings.length }
  })
}

/** The actor's own member row, refusing anyone who may not rate now. */
function ownMember(head: EvaluationHead, f: Frozen, actor: Actor): MemberRecord {
  const member = actor.userId === null ? undefined : f.membersByUser.get(actor.userId)
  if (!member) throw new AppError('forbidden', 'ownRatingsOnly')
  if (!isRater(member)) throw new AppError('forbidden', 'notARater')
  if (head.status !== 'scoring' && head.status !== 'review') throw new AppError('wrong_state', 'wrongState', { status: head.status })
  if (member.declaredAt === null) throw new AppError('conflict', 'declarationRequired')
  return member
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

