// The conflict-of-interest declaration (§2): before a rater's first rating, in scoring; a
// conflict with named candidates makes them abstain for those, with the reason.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { insertAbstention } from '../db/abstention-repository.ts'
import { bumpRevision } from '../db/evaluation-repository.ts'
import { setDeclaredAt } from '../db/member-repository.ts'
import { countRatingsByMember } from '../db/rating-repository.ts'
import type { MemberRecord } from '../db/records.ts'
import type { Issue } from '../domain/issues.ts'
import { message } from '../domain/messages.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, validationError } from './app-error.ts'
import { AuditWriter } from './audit-chain.ts'
import { loadAccess, now, requireStatus } from './access.ts'
import { isRater, loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'

export const DeclarationInput = z.union([
  z.object({ noConflict: z.literal(true) }).strict(),
  z.object({
    conflicts: z.array(z.object({ candidate: z.string().min(1), reason: z.string().trim().min(1).max(5000) }).strict()).min(1),
  }).strict(),
])
export type DeclarationInput = z.infer<typeof DeclarationInput>

/** Writes a declaration (and its abstentions) for a member; the caller audits and bumps. */
export async function writeDeclaration(trx: Db, id: number, member: MemberRecord, candidates: ReadonlyMap<string, number>, d: DeclarationInput, at: string, lang: 'vi' | 'en'): Promise<void> {
  if ('conflicts' in d) {
    const issues: Issue[] = []
    const seen = new Set<string>()
    d.conflicts.forEach((c, i) => {
      if (!candidates.has(c.candidate)) issues.push({ path: `conflicts[${i}].candidate`, message: message(lang, 'unknownCandidate', { id: c.candidate }) })
      else if (seen.has(c.candidate)) issues.push({ path: `conflicts[${i}].candidate`, message: message(lang, 'duplicateId', { id: c.candidate }) })
      seen.add(c.candidate)
    })
    if (issues.length) throw validationError(issues)
    for (const c of d.conflicts) {
      await insertAbstention(trx, id, { memberId: member.id, candidateId: candidates.get(c.candidate)!, reason: c.reason })
    }
  }
  await setDeclaredAt(trx, member.id, at)
  await bumpRevision(trx, id, at)
}

/** The rater's own conflict-of-interest declaration: in scoring, once, before the first rating. */
export async function declare(db: Db, actor: Actor, id: number, input: DeclarationInput): Promise<void> {
  const d = parseInput(DeclarationInput, input, actor)
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    const member = access.member
    if (!member || !isRater(member)) throw new AppError('forbidden', 'notARater')
    requireStatus(access, ['scoring'])
    if (member.declaredAt !== null || (await countRatingsByMember(trx, id, member.id)) > 0) throw new AppError('conflict', 'alreadyDeclared')
    const s = await loadState(trx, id)
    const at = now()
    await writeDeclaration(trx, id, member, new Map(s.candidates.map((c) => [c.code, c.id])), d, at, langOf(actor))
    const audit = new AuditWriter(trx, actor, id, access.head, at)
    audit.append({ action: 'member.declare', entity: `member:${member.code}`, after: { member: member.code, ...d } })
    await audit.finish()
  })
}
