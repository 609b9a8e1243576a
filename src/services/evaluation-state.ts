// An evaluation with everything around it, read inside the caller's transaction.
import type { Db } from '../db/database.ts'
import { listAbstentions } from '../db/abstention-repository.ts'
import { listCandidates } from '../db/candidate-repository.ts'
import { findEvaluation } from '../db/evaluation-repository.ts'
import { listMembers } from '../db/member-repository.ts'
import type { AbstentionRecord, CandidateRecord, EvaluationRecord, MemberRecord } from '../db/records.ts'
import { AppError } from './app-error.ts'

export interface EvaluationState {
  readonly evaluation: EvaluationRecord
  readonly candidates: CandidateRecord[]
  readonly members: MemberRecord[]
  readonly abstentions: AbstentionRecord[]
}

export async function loadState(db: Db, id: number): Promise<EvaluationState> {
  const evaluation = await findEvaluation(db, id)
  if (!evaluation) throw new AppError('not_found', 'evaluationNotFound', { id })
  const [candidates, members, abstentions] = await Promise.all([
    listCandidates(db, id), listMembers(db, id), listAbstentions(db, id),
  ])
  return { evaluation, candidates, members, abstentions }
}

export const isRater = (m: Pick<MemberRecord, 'role'>): boolean => m.role === 'chair' || m.role === 'member'

export function candidateByCode(state: EvaluationState, code: string): CandidateRecord {
  const c = state.candidates.find((x) => x.code === code)
  if (!c) throw new AppError('not_found', 'candidateNotFound', { id: code })
  return c
}

export function memberByCode(state: EvaluationState, code: string): MemberRecord {
  const m = state.members.find((x) => x.code === code)
  if (!m) throw new AppError('not_found', 'memberNotFound', { id: code })
  return m
}
