// The rules every rating save applies (own, batch, on behalf): checks against the evaluation's
// frozen parts, and the stored and audited forms of a rating.
import { z } from 'zod'
import type { MemberRecord, RatingRecord } from '../db/records.ts'
import { formatPath, type Issue, type PathSegment } from '../domain/issues.ts'
import { message } from '../domain/messages.ts'
import { langOf, type Actor } from './actor.ts'
import type { Frozen } from './evaluation-cache.ts'

export const RatingFields = {
  value: z.number().finite().optional(),
  pass: z.boolean().optional(),
  comment: z.string().max(20_000).nullable().optional(),
}

export const RatingItemInput = z.object({ candidate: z.string().min(1), criterion: z.string().min(1), ...RatingFields }).strict()

export interface RatingView {
  readonly member: string
  readonly candidate: string
  readonly criterion: string
  readonly value?: number
  readonly pass?: boolean
  readonly comment?: string
  readonly updatedAt: string
  /** Entered by the secretary on the rater's behalf, from their paper sheet (§2). */
  readonly onBehalf?: true
}

export type RatingItem = { candidate: string; criterion: string; value?: number; pass?: boolean; comment?: string | null }

/** Checks one rating against the evaluation; returns its issues (paths under `base`). */
export function checkRating(f: Frozen, member: MemberRecord, r: RatingItem, actor: Actor, base: PathSegment[]): Issue[] {
  const lang = langOf(actor)
  const issues: Issue[] = []
  const add = (path: PathSegment[], msg: string) => issues.push({ path: formatPath([...base, ...path]), message: msg })
  const candidateId = f.candidateIds.get(r.candidate)
  if (candidateId === undefined) add(['candidate'], message(lang, 'unknownCandidate', { id: r.candidate }))
  else if (f.abstains.has(`${member.id}:${candidateId}`)) add(['candidate'], message(lang, 'ratingByAbstainer', { member: member.code, candidate: r.candidate }))
  const kind = f.criteria.get(r.criterion)
  if (kind === undefined) add(['criterion'], message(lang, 'unknownCriterion', { id: r.criterion }))
  else if (kind === 'group') add(['criterion'], message(lang, 'notACriterion', { id: r.criterion }))
  else if ((r.value === undefined) === (r.pass === undefined)) add([], message(lang, 'valueOrPass'))
  else if (kind === 'pass_fail' && r.value !== undefined) add(['value'], message(lang, 'valueOnPassFail', { id: r.criterion }))
  else if (kind === 'scored' && r.pass !== undefined) add(['pass'], message(lang, 'passOnScored', { id: r.criterion }))
  else if (r.value !== undefined) {
    const { min, max } = f.scale
    if (!Number.isInteger(r.value)) add(['value'], message(lang, 'notInteger', { value: r.value }))
    else if (r.value < min || r.value > max) add(['value'], message(lang, 'outsideScale', { value: r.value, min, max }))
  }
  return issues
}

export const stored = (r: RatingItem) => ({
  value: r.value ?? null,
  pass: r.pass ?? null,
  comment: r.comment === undefined || r.comment === null || r.comment === '' ? null : r.comment,
})

/** The audit form of a rating (what `verifyAudit` replays). */
export const auditAfter = (member: string, r: RatingItem) => {
  const v = stored(r)
  return { member, candidate: r.candidate, criterion: r.criterion, value: v.value, pass: v.pass, comment: v.comment }
}
export const auditBefore = (r: RatingRecord | undefined) => (r ? { value: r.value, pass: r.pass, comment: r.comment } : null)

/** What a rating save's audit entry says it stored (its `after`, in `auditAfter`'s form); undefined for any other entry. */
export function savedByEntry(e: { readonly action: string; readonly after: unknown }): ReturnType<typeof auditAfter> | undefined {
  if (e.action !== 'rating.save' || typeof e.after !== 'object' || e.after === null) return undefined
  const { member, candidate, criterion, value, pass, comment } = e.after as Record<string, unknown>
  if (typeof member !== 'string' || typeof candidate !== 'string' || typeof criterion !== 'string') return undefined
  if (!(value === null || typeof value === 'number') || !(pass === null || typeof pass === 'boolean') || !(comment === null || typeof comment === 'string')) return undefined
  return { member, candidate, criterion, value, pass, comment }
}

/** Duplicate (candidate, criterion) pairs in a batch, as issues. */
export function duplicateIssues(ratings: readonly RatingItem[], member: string, actor: Actor): Issue[] {
  const issues: Issue[] = []
  const seen = new Set<string>()
  ratings.forEach((r, i) => {
    const k = `${r.candidate}\u0000${r.criterion}`
    if (seen.has(k)) issues.push({ path: `ratings[${i}]`, message: message(langOf(actor), 'duplicateRating', { member, candidate: r.candidate, criterion: r.criterion, first: 'ratings' }) })
    seen.add(k)
  })
  return issues
}

export function viewOf(member: string, candidate: string, criterion: string, v: { value: number | null; pass: boolean | null; comment: string | null; onBehalf?: boolean }, updatedAt: string): RatingView {
  return {
    member, candidate, criterion, updatedAt,
    ...(v.onBehalf ? { onBehalf: true as const } : {}),
    ...(v.value !== null ? { value: v.value } : {}),
    ...(v.pass !== null ? { pass: v.pass } : {}),
    ...(v.comment !== null ? { comment: v.comment } : {}),
  }
}
