// §11: the chair records the committee's consensus for a candidate × criterion in review, and
// removes it; each with a reason, audited with the full before and after. The results cache is
// keyed by the audit head, so the appended entry is what makes results recompute.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { deleteConsensus, findConsensus, upsertConsensus } from '../db/consensus-repository.ts'
import type { ConsensusRecord } from '../db/records.ts'
import { isGroup, isPassFail, walk, type CriterionNode } from '../domain/criteria.ts'
import { message } from '../domain/messages.ts'
import type { Issue } from '../domain/issues.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, validationError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { candidateByCode, loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'
import { serviceMessage } from './messages.ts'

const Reason = z.string().max(5000).optional()

export const SetConsensusInput = z.object({
  value: z.number().finite().optional(),
  pass: z.boolean().optional(),
  reason: Reason,
}).strict()
export type SetConsensusInput = z.infer<typeof SetConsensusInput>

export const RemoveConsensusInput = z.object({ reason: Reason }).strict()
export type RemoveConsensusInput = z.infer<typeof RemoveConsensusInput>

/** A consensus as the API and the audit log show it: codes, not row ids. */
export interface ConsensusView {
  readonly candidate: string
  readonly criterion: string
  readonly value?: number
  readonly pass?: boolean
  readonly reason: string
}

const view = (candidate: string, c: ConsensusRecord): ConsensusView => ({
  candidate, criterion: c.criterion,
  ...(c.value !== null ? { value: c.value } : {}),
  ...(c.pass !== null ? { pass: c.pass } : {}),
  reason: c.reason,
})

function requireReason(reason: string | undefined, actor: Actor): string {
  const r = reason?.trim() ?? ''
  if (!r) throw validationError([{ path: 'reason', message: serviceMessage(langOf(actor), 'reasonRequired') }], 'reasonRequired')
  return r
}

function leafOf(tree: readonly CriterionNode[], id: string): CriterionNode {
  for (const { node } of walk(tree)) {
    if (node.id === id && !isGroup(node)) return node
  }
  throw new AppError('not_found', 'criterionNotFound', { id })
}

/** Chair, review only: records (or replaces) the consensus of one cell. */
export async function setConsensus(
  db: Db, actor: Actor, id: number, candidate: string, criterion: string, input: SetConsensusInput,
): Promise<ConsensusView> {
  const v = parseInput(SetConsensusInput, input, actor)
  const lang = langOf(actor)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair'])
    requireStatus(access, ['review'])
    const state = await loadState(trx, id)
    const cand = candidateByCode(state, candidate)
    const node = leafOf(state.evaluation.criteria, criterion)
    const { min, max } = state.evaluation.scale
    const issues: Issue[] = []
    if ((v.value === undefined) === (v.pass === undefined)) issues.push({ path: 'value', message: message(lang, 'valueOrPass') })
    else if (isPassFail(node) && v.value !== undefined) issues.push({ path: 'value', message: message(lang, 'valueOnPassFail', { id: criterion }) })
    else if (!isPassFail(node) && v.pass !== undefined) issues.push({ path: 'pass', message: message(lang, 'passOnScored', { id: criterion }) })
    else if (v.value !== undefined && !Number.isInteger(v.value)) issues.push({ path: 'value', message: message(lang, 'notInteger', { value: v.value }) })
    else if (v.value !== undefined && (v.value < min || v.value > max)) issues.push({ path: 'value', message: message(lang, 'outsideScale', { value: v.value, min, max }) })
    if (!v.reason?.trim()) issues.push({ path: 'reason', message: serviceMessage(lang, 'reasonRequired') })
    if (issues.length) throw validationError(issues)
    const reason = requireReason(v.reason, actor)
    const at = now()
    const existing = await findConsensus(trx, id, cand.id, criterion)
    const record: ConsensusRecord = { candidateId: cand.id, criterion, value: v.value ?? null, pass: v.pass ?? null, reason, updatedAt: at }
    await upsertConsensus(trx, id, record)
    const after = view(candidate, record)
    await appendAudit(trx, actor, access.head, {
      action: 'consensus.set', entity: `consensus:${candidate}/${criterion}`,
      before: existing ? view(candidate, existing) : null, after, reason,
    }, at)
    return after
  })
}

/** Chair, review only: removes the consensus of one cell, which restores the aggregate. */
export async function removeConsensus(
  db: Db, actor: Actor, id: number, candidate: string, criterion: string, input: RemoveConsensusInput,
): Promise<void> {
  const v = parseInput(RemoveConsensusInput, input, actor)
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair'])
    requireStatus(access, ['review'])
    const reason = requireReason(v.reason, actor)
    const state = await loadState(trx, id)
    const cand = candidateByCode(state, candidate)
    leafOf(state.evaluation.criteria, criterion)
    const existing = await findConsensus(trx, id, cand.id, criterion)
    if (!existing) throw new AppError('not_found', 'consensusNotFound', { candidate, criterion })
    await deleteConsensus(trx, id, cand.id, criterion)
    await appendAudit(trx, actor, access.head, {
      action: 'consensus.remove', entity: `consensus:${candidate}/${criterion}`,
      before: view(candidate, existing), after: null, reason,
    }, now())
  })
}
