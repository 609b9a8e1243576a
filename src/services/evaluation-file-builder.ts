// The §9 evaluation file from the database: what export writes, what results and the report read.
import type { Db } from '../db/database.ts'
import { listConsensus } from '../db/consensus-repository.ts'
import { listRatings } from '../db/rating-repository.ts'
import type { ConsensusRecord, RatingRecord } from '../db/records.ts'
import { canonicalEvaluation } from '../domain/canonical.ts'
import { FORMAT, type EvaluationFile, type Rating } from '../domain/evaluation-file.ts'
import { loadState, type EvaluationState } from './evaluation-state.ts'
import { withOpenedPrices } from './price-file.ts'
import { listPrices } from '../db/price-repository.ts'

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v)

export function fileFromState(s: EvaluationState, ratings: readonly RatingRecord[], consensus: readonly ConsensusRecord[] = []): EvaluationFile {
  const e = s.evaluation
  const candidateCode = new Map(s.candidates.map((c) => [c.id, c.code]))
  const memberCode = new Map(s.members.map((m) => [m.id, m.code]))
  const file: EvaluationFile = {
    format: FORMAT,
    evaluation: {
      title: e.title,
      basis: opt(e.basis),
      status: e.status,
      deadline: opt(e.deadline),
      catalog: opt(e.catalog) && { id: e.catalog!.id, version: e.catalog!.version },
      aggregation: opt(e.aggregation),
      threshold: opt(e.threshold),
      disagreementSpread: opt(e.disagreementSpread),
      monteCarlo: opt(e.monteCarlo),
      ahp: opt(e.ahp),
    },
    report: opt(e.report),
    scale: e.scale,
    criteria: e.criteria,
    candidates: s.candidates.map((c) => ({ id: c.code, name: c.name, vendor: opt(c.vendor), version: opt(c.version) })),
    members: s.members.map((m) => ({ id: m.code, name: m.name, role: m.role, username: opt(m.username), declaredAt: opt(m.declaredAt), paper: m.paper || undefined })),
    abstentions: s.abstentions.length
      ? s.abstentions.map((a) => ({ member: memberCode.get(a.memberId)!, candidate: candidateCode.get(a.candidateId)!, reason: a.reason }))
      : undefined,
    ratings: ratings.map((r): Rating => ({
      member: memberCode.get(r.memberId)!,
      candidate: candidateCode.get(r.candidateId)!,
      criterion: r.criterion,
      value: opt(r.value),
      pass: opt(r.pass),
      comment: opt(r.comment),
      onBehalf: r.onBehalf || undefined,
    })),
    consensus: consensus.length
      ? consensus.map((c) => ({
        candidate: candidateCode.get(c.candidateId)!,
        criterion: c.criterion,
        value: opt(c.value),
        pass: opt(c.pass),
        reason: c.reason,
      }))
      : undefined,
  }
  return canonicalEvaluation(file)
}

/** Reads the evaluation, all its ratings and its consensus (no authorization: callers check). */
export async function buildEvaluationFile(db: Db, id: number): Promise<EvaluationFile> {
  return (await readEvaluationFile(db, id)).file
}

/** The file, and the rows it was made from (for callers that map its codes back to ids). */
export async function readEvaluationFile(db: Db, id: number): Promise<{ file: EvaluationFile; state: EvaluationState }> {
  const state = await loadState(db, id)
  const file = fileFromState(state, await listRatings(db, id), await listConsensus(db, id))
  return { file: withOpenedPrices(file, state, state.evaluation.method === 'technical' ? [] : await listPrices(db, id)), state }
}
