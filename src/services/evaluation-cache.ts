// The parts of an evaluation a rating save checks against (criteria, candidates, members,
// abstentions), kept per process and keyed by the evaluation's `revision`: every change other
// than a rating bumps it, so a save re-reads nothing but one small row when nothing changed.
// Only read paths fill the cache (a transaction that bumps the revision and then rolls back must
// not leave its view behind).
import type { Db } from '../db/database.ts'
import type { EvaluationHead, MemberRecord } from '../db/records.ts'
import { walk, isGroup, isPassFail } from '../domain/criteria.ts'
import { loadState } from './evaluation-state.ts'

export type CriterionKind = 'scored' | 'pass_fail' | 'group'

export interface Frozen {
  readonly revision: number
  readonly scale: { readonly min: number; readonly max: number }
  readonly criteria: ReadonlyMap<string, CriterionKind>
  readonly candidateIds: ReadonlyMap<string, number>
  readonly membersByUser: ReadonlyMap<number, MemberRecord>
  readonly membersByCode: ReadonlyMap<string, MemberRecord>
  /** `${memberId}:${candidateId}` of every abstention. */
  readonly abstains: ReadonlySet<string>
}

const caches = new WeakMap<object, Map<number, Frozen>>()

export async function frozenOf(root: Db, trx: Db, head: EvaluationHead): Promise<Frozen> {
  let cache = caches.get(root)
  if (!cache) {
    cache = new Map()
    caches.set(root, cache)
  }
  const hit = cache.get(head.id)
  if (hit && hit.revision === head.revision) return hit
  const state = await loadState(trx, head.id)
  const criteria = new Map<string, CriterionKind>()
  for (const { node } of walk(state.evaluation.criteria)) {
    criteria.set(node.id, isGroup(node) ? 'group' : isPassFail(node) ? 'pass_fail' : 'scored')
  }
  const frozen: Frozen = {
    revision: state.evaluation.revision,
    scale: { min: state.evaluation.scale.min, max: state.evaluation.scale.max },
    criteria,
    candidateIds: new Map(state.candidates.map((c) => [c.code, c.id])),
    membersByUser: new Map(state.members.filter((m) => m.userId !== null).map((m) => [m.userId as number, m])),
    membersByCode: new Map(state.members.map((m) => [m.code, m])),
    abstains: new Set(state.abstentions.map((a) => `${a.memberId}:${a.candidateId}`)),
  }
  cache.set(head.id, frozen)
  return frozen
}
