// The secretary enters a paper rater's sheet (§2, §7), audited on the rater's behalf.
//
// The rules, all checked before anything is written:
// - only for a rater marked in draft as rating on paper (`paper`), else 403 (`notPaperRater`);
// - only once that rater has made their conflict-of-interest declaration themself: the
//   declaration is personal, nobody records it for someone else (409 `raterNotDeclared`);
// - with a reason, always (the audit says why the secretary typed it in);
// - only for candidates the rater has not rated online: a rating the rater entered is never
//   replaced, and a candidate they started online stays theirs (409 `ratedOnlineRefused`, each
//   refused rating named). Ratings the secretary entered before may be corrected (review: the
//   reason is the correction's).
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { writeAuditedRatings } from '../db/audited-ratings.ts'
import { findRatings, listRatings, ratingKeyOf } from '../db/rating-repository.ts'
import type { Issue } from '../domain/issues.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { AuditWriter } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { frozenOf } from './evaluation-cache.ts'
import { isRater } from './evaluation-state.ts'
import { serviceMessage } from './messages.ts'
import { parseInput } from './parse-input.ts'
import { RatingItemInput, auditAfter, auditBefore, checkRating, duplicateIssues, stored } from './rating-rules.ts'

export const OnBehalfInput = z.object({
  ratings: z.array(RatingItemInput).max(10_000),
  /** Why the secretary enters this sheet (e.g. "phiếu giấy ký ngày 12/5"): required. */
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type OnBehalfInput = z.infer<typeof OnBehalfInput>

export interface OnBehalfOptions {
  /** Names a refused rating by where it came from (a workbook's `Sheet!Cell`); default `ratings[i]`. */
  readonly pathOf?: (index: number) => string
}

/**
 * The secretary enters a paper rater's ratings (§2): all or nothing, each rating stored as
 * entered on the rater's behalf and audited with `on_behalf_of`.
 */
export async function saveRatingsOnBehalf(
  db: Db, actor: Actor, id: number, memberCode: string, input: OnBehalfInput, opts: OnBehalfOptions = {},
): Promise<{ saved: number }> {
  const v = parseInput(OnBehalfInput, input, actor)
  const lang = langOf(actor)
  const pathOf = opts.pathOf ?? ((i: number) => `ratings[${i}]`)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['secretary'])
    requireStatus(access, ['scoring', 'review'])
    const reason = v.reason === '' ? undefined : v.reason
    if (!reason) throw fieldError('reason', 'onBehalfReasonRequired', lang)
    const f = await frozenOf(db, trx, access.head)
    const member = f.membersByCode.get(memberCode)
    if (!member) throw new AppError('not_found', 'memberNotFound', { id: memberCode })
    if (!isRater(member)) throw new AppError('validation', 'notARater')
    if (!member.paper) throw new AppError('forbidden', 'notPaperRater', { member: member.code })
    if (member.declaredAt === null) throw new AppError('conflict', 'raterNotDeclared', { member: member.code })
    const issues = v.ratings.flatMap((r, i) => checkRating(f, member, r, actor, ['ratings', i]))
    issues.push(...duplicateIssues(v.ratings, member.code, actor))
    if (issues.length) throw validationError(issues)
    // Candidates the rater has rated online themself: not the secretary's to enter.
    const candidateCode = new Map([...f.candidateIds].map(([code, cid]) => [cid, code]))
    const online = new Set((await listRatings(trx, id, member.id)).filter((r) => !r.onBehalf).map((r) => candidateCode.get(r.candidateId)))
    const refused: Issue[] = []
    v.ratings.forEach((r, i) => {
      if (online.has(r.candidate)) {
        refused.push({ path: pathOf(i), message: serviceMessage(lang, 'ratedOnline', { member: member.code, candidate: r.candidate, criterion: r.criterion }) })
      }
    })
    if (refused.length) throw new AppError('conflict', 'ratedOnlineRefused', { member: member.code }, refused)
    const at = now()
    const keys = v.ratings.map((r) => ({ memberId: member.id, candidateId: f.candidateIds.get(r.candidate)!, criterion: r.criterion }))
    const existing = new Map((await findRatings(trx, id, keys)).map((r) => [ratingKeyOf(r), r]))
    const audit = new AuditWriter(trx, actor, id, access.head, at)
    v.ratings.forEach((r, i) => {
      audit.append({
        action: 'rating.save', entity: `rating:${member.code}/${r.candidate}/${r.criterion}`,
        before: auditBefore(existing.get(ratingKeyOf(keys[i]!))), after: { ...auditAfter(member.code, r), onBehalf: true }, reason, onBehalfOf: member.code,
      })
    })
    const written = audit.take()!
    await writeAuditedRatings(trx, id, v.ratings.map((r, i) => ({ ...keys[i]!, ...stored(r), onBehalf: true, at })), written.rows, written.head)
    return { saved: v.ratings.length }
  })
}
