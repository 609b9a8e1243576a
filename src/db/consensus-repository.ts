// §11 consensus rows: one per evaluation × candidate × criterion.
import type { Db } from './database.ts'
import type { ConsensusRecord } from './records.ts'

const fromRow = (r: { candidate_id: number; criterion_id: string; value: number | null; pass: number | null; reason: string; updated_at: string }): ConsensusRecord => ({
  candidateId: r.candidate_id,
  criterion: r.criterion_id,
  value: r.value,
  pass: r.pass === null ? null : r.pass === 1,
  reason: r.reason,
  updatedAt: r.updated_at,
})

export async function listConsensus(db: Db, evaluationId: number): Promise<ConsensusRecord[]> {
  const rows = await db.selectFrom('consensus')
    .select(['candidate_id', 'criterion_id', 'value', 'pass', 'reason', 'updated_at'])
    .where('evaluation_id', '=', evaluationId).orderBy('candidate_id').orderBy('criterion_id').execute()
  return rows.map(fromRow)
}

export async function findConsensus(db: Db, evaluationId: number, candidateId: number, criterion: string): Promise<ConsensusRecord | undefined> {
  const row = await db.selectFrom('consensus')
    .select(['candidate_id', 'criterion_id', 'value', 'pass', 'reason', 'updated_at'])
    .where('evaluation_id', '=', evaluationId).where('candidate_id', '=', candidateId).where('criterion_id', '=', criterion)
    .executeTakeFirst()
  return row && fromRow(row)
}

/** Inserts or replaces the consensus of one cell. */
export async function upsertConsensus(db: Db, evaluationId: number, c: ConsensusRecord): Promise<void> {
  const values = {
    value: c.value,
    pass: c.pass === null ? null : c.pass ? 1 : 0,
    reason: c.reason,
    updated_at: c.updatedAt,
  }
  await db.insertInto('consensus')
    .values({ evaluation_id: evaluationId, candidate_id: c.candidateId, criterion_id: c.criterion, ...values })
    .onConflict((oc) => oc.columns(['evaluation_id', 'candidate_id', 'criterion_id']).doUpdateSet(values))
    .execute()
}

export async function deleteConsensus(db: Db, evaluationId: number, candidateId: number, criterion: string): Promise<void> {
  await db.deleteFrom('consensus')
    .where('evaluation_id', '=', evaluationId).where('candidate_id', '=', candidateId).where('criterion_id', '=', criterion)
    .execute()
}
