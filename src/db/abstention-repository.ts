import type { Db } from './database.ts'
import type { AbstentionRecord } from './records.ts'

export async function insertAbstention(db: Db, evaluationId: number, a: AbstentionRecord): Promise<void> {
  await db.insertInto('abstentions').values({
    evaluation_id: evaluationId, member_id: a.memberId, candidate_id: a.candidateId, reason: a.reason,
  }).execute()
}

export async function listAbstentions(db: Db, evaluationId: number): Promise<AbstentionRecord[]> {
  const rows = await db.selectFrom('abstentions').select(['member_id', 'candidate_id', 'reason'])
    .where('evaluation_id', '=', evaluationId).orderBy('id').execute()
  return rows.map((r) => ({ memberId: r.member_id, candidateId: r.candidate_id, reason: r.reason }))
}

/** Abstentions per evaluation: a sheet a rater abstains from is not work still to do. */
export async function countAbstentionsByEvaluation(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('abstentions')
    .select(['evaluation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('evaluation_id', 'in', ids).groupBy('evaluation_id').execute()
  return new Map(rows.map((r) => [r.evaluation_id, Number(r.n)]))
}
