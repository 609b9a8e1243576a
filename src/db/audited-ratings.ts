// The write of a group-commit batch of rating saves (§10, §15): the ratings, their audit entries
// and the evaluation's new audit head, inside the batch's transaction. On PostgreSQL that is ONE
// statement — the two inserts as data-modifying CTEs of the head's update — because there every
// statement is a network round trip taken while the evaluation's head row is locked, and other
// saves (on this server and on the others) wait for it. SQLite, in process, runs the three
// statements as they are. Larger writes (a whole sheet, an import) also take the three.
import { sql } from 'kysely'
import type { Db } from './database.ts'
import type { EvaluationHead } from './records.ts'
import { engineOf } from './engine.ts'
import { auditRow, insertAuditEntries, type NewAuditRow } from './audit-repository.ts'
import { setAuditHead } from './evaluation-repository.ts'
import { lastPerKey, onRatingConflict, ratingRow, upsertRatings, type RatingKey, type RatingValue } from './rating-repository.ts'

export type RatingWrite = RatingKey & RatingValue & { readonly at: string }

/** Rows per table up to which PostgreSQL gets one statement (21 parameters a save, far below its limit). */
const ONE_STATEMENT_ROWS = 200

export async function writeAuditedRatings(
  trx: Db, evaluationId: number, ratings: readonly RatingWrite[], audit: readonly NewAuditRow[], head: { readonly hash: string; readonly seq: number },
): Promise<void> {
  const unique = lastPerKey(ratings)
  if (engineOf(trx) === 'postgres' && unique.length > 0 && audit.length > 0 && unique.length <= ONE_STATEMENT_ROWS && audit.length <= ONE_STATEMENT_ROWS) {
    await trx
      .with('audit_rows', (db) => db.insertInto('audit_log').values(audit.map(auditRow)))
      .with('rating_rows', (db) => db.insertInto('ratings').values(unique.map((r) => ratingRow(evaluationId, r, r, r.at))).onConflict(onRatingConflict))
      .updateTable('evaluations').set({ audit_head: head.hash, audit_seq: head.seq }).where('id', '=', evaluationId)
      .execute()
    return
  }
  await insertAuditEntries(trx, audit)
  await upsertRatings(trx, evaluationId, unique)
  await setAuditHead(trx, evaluationId, head.hash, head.seq)
}

/**
 * PostgreSQL only (§15): the batch's write as ONE statement outside any transaction — its own
 * transaction, one round trip, one commit — done only if the evaluation's head is still
 * `expected`. The statement takes the head row's lock (`SELECT … FOR UPDATE`) and checks the
 * head (chain position and hash, revision, status) under it, so the chain cannot fork: when
 * another writer moved the head first, it writes nothing and answers false (the caller then takes
 * the lock in a transaction and reads what changed). The rows travel as two JSON parameters.
 */
export async function writeAuditedRatingsAtHead(
  db: Db, expected: EvaluationHead, ratings: readonly RatingWrite[], audit: readonly NewAuditRow[], head: { readonly hash: string; readonly seq: number },
): Promise<boolean> {
  if (engineOf(db) !== 'postgres') throw new Error('writeAuditedRatingsAtHead: PostgreSQL only')
  const unique = lastPerKey(ratings)
  const auditRows = audit.map(auditRow)
  const ratingRows = unique.map((r) => ratingRow(expected.id, r, r, r.at))
  const from = (table: 'audit_log' | 'ratings', rows: readonly Record<string, unknown>[]) => {
    const columns = Object.keys(rows[0]!)
    return sql`(${sql.join(columns.map((c) => sql.id(c)))}) select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
      from head_lock cross join jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb) as r`
  }
  const result = await sql<{ id: number }>`
    with head_lock as materialized (
      select id from evaluations
      where id = ${expected.id} and audit_seq = ${expected.auditSeq} and audit_head is not distinct from ${expected.auditHead}
        and revision = ${expected.revision} and status = ${expected.status}
      for update
    ),
    audit_rows as (insert into audit_log ${from('audit_log', auditRows)}),
    rating_rows as (
      insert into ratings ${from('ratings', ratingRows)}
      on conflict (evaluation_id, member_id, candidate_id, criterion_id) do update set
        value = excluded.value, pass = excluded.pass, comment = excluded.comment, updated_at = excluded.updated_at, on_behalf = excluded.on_behalf
    )
    update evaluations set audit_head = ${head.hash}, audit_seq = ${head.seq}
    where id in (select id from head_lock)
    returning id`.execute(db)
  return result.rows.length === 1
}
