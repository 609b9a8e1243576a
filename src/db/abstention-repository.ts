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
