import type { Db } from './database.ts'
import { toCandidate } from './candidate-mapper.ts'
import type { CandidateRecord } from './records.ts'

export interface NewCandidate {
  readonly code: string
  readonly name: string
  readonly vendor: string | null
  readonly version: string | null
  readonly position: number
}

export async function insertCandidate(db: Db, evaluationId: number, c: NewCandidate): Promise<number> {
  const row = await db.insertInto('candidates').values({ evaluation_id: evaluationId, ...c }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function listCandidates(db: Db, evaluationId: number): Promise<CandidateRecord[]> {
  const rows = await db.selectFrom('candidates').selectAll().where('evaluation_id', '=', evaluationId).orderBy('position').orderBy('id').execute()
  return rows.map(toCandidate)
}

export async function updateCandidate(db: Db, id: number, patch: Partial<Pick<NewCandidate, 'name' | 'vendor' | 'version'>>): Promise<void> {
  if (Object.keys(patch).length === 0) return
  await db.updateTable('candidates').set(patch).where('id', '=', id).execute()
}

export async function deleteCandidate(db: Db, id: number): Promise<void> {
  await db.deleteFrom('candidates').where('id', '=', id).execute()
}

export async function countCandidatesByEvaluation(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('candidates')
    .select(['evaluation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('evaluation_id', 'in', ids).groupBy('evaluation_id').execute()
  return new Map(rows.map((r) => [r.evaluation_id, Number(r.n)]))
}
