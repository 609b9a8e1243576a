// The secretary enters a rater's paper or Excel sheet (§2, §7), audited on the rater's behalf.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { findRating, upsertRating } from '../db/rating-repository.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { AuditWriter } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { DeclarationInput, writeDeclaration } from './declaration-service.ts'
import { frozenOf } from './evaluation-cache.ts'
import { isRater } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'
import { RatingItemInput, auditAfter, auditBefore, checkRating, duplicateIssues, stored } from './rating-rules.ts'

export const OnBehalfInput = z.object({
  declaration: DeclarationInput.optional(),
  ratings: z.array(RatingItemInput),
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type OnBehalfInput = z.infer<typeof OnBehalfInput>

/**
 * The secretary enters a rater's paper or Excel sheet (§2, §7): all or nothing, each rating
 * audited with `on_behalf_of`. The rater's declaration may come with it when not yet made.
 */
export async function saveRatingsOnBehalf(db: Db, actor: Actor, id: number, memberCode: string, input: OnBehalfInput): Promise<{ saved: number }> {
  const v = parseInput(OnBehalfInput, input, actor)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['secretary'])
    requireStatus(access, ['scoring', 'review'])
    const reason = v.reason === '' ? undefined : v.reason
    if (access.head.status === 'review' && !reason) throw fieldError('reason', 'reviewReasonRequired', langOf(actor))
    const f0 = await frozenOf(db, trx, access.head)
    const member = f0.membersByCode.get(memberCode)
    if (!member) throw new AppError('not_found', 'memberNotFound', { id: memberCode })
    if (!isRater(member)) throw new AppError('validation', 'notARater')
    const at = now()
    const audit = new AuditWriter(trx, actor, id, access.head, at)
    let f = f0
    if (member.declaredAt === null) {
      if (!v.declaration) throw new AppError('conflict', 'declarationRequired')
      if (access.head.status !== 'scoring') throw new AppError('wrong_state', 'wrongState', { status: access.head.status })
      await writeDeclaration(trx, id, member, f0.candidateIds, v.declaration, at, langOf(actor))
      await audit.append({ action: 'member.declare', entity: `member:${member.code}`, after: { member: member.code, ...v.declaration }, onBehalfOf: member.code })
      // The declaration changed abstentions: check the ratings against them.
      const abstains = new Set(f0.abstains)
      if ('conflicts' in v.declaration) for (const c of v.declaration.conflicts) abstains.add(`${member.id}:${f0.candidateIds.get(c.candidate)}`)
      f = { ...f0, abstains }
    }
    const issues = v.ratings.flatMap((r, i) => checkRating(f, member, r, actor, ['ratings', i]))
    issues.push(...duplicateIssues(v.ratings, member.code, actor))
    if (issues.length) throw validationError(issues)
    for (const r of v.ratings) {
      const key = { memberId: member.id, candidateId: f.candidateIds.get(r.candidate)!, criterion: r.criterion }
      const existing = await findRating(trx, id, key)
      await upsertRating(trx, id, key, stored(r), at)
      await audit.append({
        action: 'rating.save', entity: `rating:${member.code}/${r.candidate}/${r.criterion}`,
        before: auditBefore(existing), after: auditAfter(member.code, r), reason, onBehalfOf: member.code,
      })
    }
    await audit.finish()
    return { saved: v.ratings.length }
  })
}
