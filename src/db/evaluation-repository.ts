import type { Db } from './database.ts'
import { engineOf } from './engine.ts'
import type { EvaluationHead, EvaluationRecord } from './records.ts'
import { fromEvaluationFields, toEvaluation, toEvaluationHead, type EvaluationFields } from './evaluation-mapper.ts'

export async function insertEvaluation(
  db: Db,
  fields: EvaluationFields,
  createdBy: number | null,
  at: string,
): Promise<number> {
  const values = {
    ...fromEvaluationFields(fields),
    title: fields.title,
    status: fields.status,
    scale: JSON.stringify(fields.scale),
    criteria: JSON.stringify(fields.criteria),
    created_by: createdBy,
    created_at: at,
    updated_at: at,
  }
  const row = await db.insertInto('evaluations').values(values).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function findEvaluation(db: Db, id: number): Promise<EvaluationRecord | undefined> {
  const row = await db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toEvaluation(row)
}

export async function findEvaluationHead(db: Db, id: number): Promise<EvaluationHead | undefined> {
  const row = await db.selectFrom('evaluations')
    .select(['id', 'status', 'audit_head', 'audit_seq', 'revision'])
    .where('id', '=', id).executeTakeFirst()
  return row && toEvaluationHead(row)
}

/**
 * The head for a write, inside the writer's transaction (§15): on PostgreSQL the evaluation's
 * row is locked (`for update`) until the commit, so writers on several app servers take turns
 * and never fork the audit chain, and the head read is the latest committed one. On SQLite the
 * transaction's BEGIN IMMEDIATE already holds the database's one write lock.
 */
export async function lockEvaluationHead(trx: Db, id: number): Promise<EvaluationHead | undefined> {
  let q = trx.selectFrom('evaluations').select(['id', 'status', 'audit_head', 'audit_seq', 'revision']).where('id', '=', id)
  if (engineOf(trx) === 'postgres') q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row && toEvaluationHead(row)
}

export async function listEvaluations(db: Db, ids?: readonly number[]): Promise<EvaluationRecord[]> {
  if (ids && ids.length === 0) return []
  let q = db.selectFrom('evaluations').selectAll()
  if (ids) q = q.where('id', 'in', ids)
  const rows = await q.orderBy('id', 'desc').execute()
  return rows.map(toEvaluation)
}

/** Writes changed settings; bumps the revision (cache key) and the update time. */
export async function updateEvaluation(db: Db, id: number, fields: Partial<EvaluationFields>, at: string): Promise<void> {
  await db.updateTable('evaluations')
    .set((eb) => ({ ...fromEvaluationFields(fields), updated_at: at, revision: eb('revision', '+', 1) }))
    .where('id', '=', id).execute()
}

/** Marks a change to members, candidates, declarations or abstentions (cache key). */
export async function bumpRevision(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('evaluations')
    .set((eb) => ({ updated_at: at, revision: eb('revision', '+', 1) }))
    .where('id', '=', id).execute()
}

export async function setAuditHead(db: Db, id: number, head: string, seq: number): Promise<void> {
  await db.updateTable('evaluations').set({ audit_head: head, audit_seq: seq }).where('id', '=', id).execute()
}
