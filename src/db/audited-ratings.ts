// The write of a group-commit batch of rating saves (§10, §15): the ratings, their audit entries
// and the evaluation's new audit head. On PostgreSQL that is ONE statement — the two inserts as
// data-modifying CTEs of the head's update, the rows as two JSON parameters — because there
// every statement is a network round trip taken while the evaluation's head row is locked, and
// other saves (on this server and on the others) wait for it. SQLite, in process, runs the
// three statements as they are. Larger writes (a whole sheet, an import) also take the three.
//
// Two guards let a caller write what it has not read in this transaction, on PostgreSQL:
// - `head`: write only if the evaluation's head is still this one (chain position and hash,
//   revision, status) — checked under the row's lock (`SELECT … FOR UPDATE`), so the statement
//   can run on its own, outside a transaction (writeAuditedRatingsAtHead);
// - `cells`: write only if these ratings still hold these values (what the entries record as
//   `before`), so a batch in a transaction needs not read ratings it already knows.
// A guard that fails writes nothing and the write answers false.
import { sql, type RawBuilder } from 'kysely'
import type { Db } from './database.ts'
import type { EvaluationHead } from './records.ts'
import { engineOf } from './engine.ts'
import { auditRow, insertAuditEntries, type NewAuditRow } from './audit-repository.ts'
import { setAuditHead } from './evaluation-repository.ts'
import { findRatings, lastPerKey, ratingKeyOf, ratingRow, upsertRatings, type RatingKey, type RatingValue } from './rating-repository.ts'

export type RatingWrite = RatingKey & RatingValue & { readonly at: string }

/** A rating as the caller believes it is now: its value, or `undefined` for "not rated". */
export type ExpectedCell = RatingKey & { readonly now: Omit<RatingValue, 'onBehalf'> | undefined }

/** Rows per table up to which PostgreSQL gets one statement (JSON parameters: no parameter limit, but a bounded statement). */
const ONE_STATEMENT_ROWS = 200

type NewHead = { readonly hash: string; readonly seq: number }

/**
 * Inside the caller's transaction, which holds the evaluation's head lock. With `cells`, writes
 * only if they still hold (true), else nothing (false).
 */
export async function writeAuditedRatings(
  trx: Db, evaluationId: number, ratings: readonly RatingWrite[], audit: readonly NewAuditRow[], head: NewHead, cells?: readonly ExpectedCell[],
): Promise<boolean> {
  const unique = lastPerKey(ratings)
  if (engineOf(trx) === 'postgres' && unique.length > 0 && audit.length > 0 && unique.length <= ONE_STATEMENT_ROWS && audit.length <= ONE_STATEMENT_ROWS) {
    return pgWrite(trx, evaluationId, { cells }, unique, audit, head)
  }
  if (cells && cells.length > 0) {
    const found = new Map((await findRatings(trx, evaluationId, cells)).map((r) => [ratingKeyOf(r), r]))
    const holds = cells.every((c) => {
      const r = found.get(ratingKeyOf(c))
      return r === undefined ? c.now === undefined : c.now !== undefined && r.value === c.now.value && r.pass === c.now.pass && r.comment === c.now.comment
    })
    if (!holds) return false
  }
  await insertAuditEntries(trx, audit)
  await upsertRatings(trx, evaluationId, unique)
  await setAuditHead(trx, evaluationId, head.hash, head.seq)
  return true
}

/**
 * PostgreSQL only (§15): the batch's write as ONE statement outside any transaction — its own
 * transaction, one round trip, one commit — done only if the evaluation's head is still
 * `expected` (see the guards above): when another writer moved the head first, it writes nothing
 * and answers false (the caller then takes the lock in a transaction).
 */
export async function writeAuditedRatingsAtHead(
  db: Db, expected: EvaluationHead, ratings: readonly RatingWrite[], audit: readonly NewAuditRow[], head: NewHead,
): Promise<boolean> {
  if (engineOf(db) !== 'postgres') throw new Error('writeAuditedRatingsAtHead: PostgreSQL only')
  return pgWrite(db, expected.id, { head: expected }, lastPerKey(ratings), audit, head)
}

/** Rows as a set to select from: `jsonb_populate_recordset` over the table's own row type. */
function rowsOf(table: 'audit_log' | 'ratings', rows: readonly Record<string, unknown>[]): { columns: RawBuilder<unknown>; values: RawBuilder<unknown> } {
  const names = Object.keys(rows[0]!)
  return {
    columns: sql.join(names.map((c) => sql.id(c))),
    values: sql`select ${sql.join(names.map((c) => sql.ref(`r.${c}`)))}
      from go cross join jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb) as r`,
  }
}

async function pgWrite(
  db: Db, evaluationId: number, guard: { head?: EvaluationHead; cells?: readonly ExpectedCell[] },
  ratings: readonly RatingWrite[], audit: readonly NewAuditRow[], head: NewHead,
): Promise<boolean> {
  const h = guard.head
  const headHolds = h
    ? sql`and audit_seq = ${h.auditSeq} and audit_head is not distinct from ${h.auditHead} and revision = ${h.revision} and status = ${h.status}`
    : sql``
  const cells = guard.cells ?? []
  const expected = cells.map((c) => ({
    member_id: c.memberId, candidate_id: c.candidateId, criterion_id: c.criterion, found: c.now !== undefined,
    value: c.now?.value ?? null, pass: c.now?.pass == null ? null : c.now.pass ? 1 : 0, comment: c.now?.comment ?? null,
  }))
  // A cell differs: rated when believed unrated or the reverse, or another value, judgment or comment.
  const cellsHold = cells.length === 0 ? sql`` : sql`where not exists (
      select 1 from jsonb_to_recordset(${JSON.stringify(expected)}::jsonb)
        as e(member_id integer, candidate_id integer, criterion_id text, found boolean, value integer, pass integer, comment text)
      left join ratings r on r.evaluation_id = ${evaluationId} and r.member_id = e.member_id and r.candidate_id = e.candidate_id and r.criterion_id = e.criterion_id
      where (r.id is not null) <> e.found or r.value is distinct from e.value or r.pass is distinct from e.pass or r.comment is distinct from e.comment)`
  const a = rowsOf('audit_log', audit.map(auditRow))
  const r = rowsOf('ratings', ratings.map((x) => ratingRow(evaluationId, x, x, x.at)))
  const result = await sql<{ id: number }>`
    with head_lock as materialized (select id from evaluations where id = ${evaluationId} ${headHolds} for update),
    go as materialized (select id from head_lock ${cellsHold}),
    audit_rows as (insert into audit_log (${a.columns}) ${a.values}),
    rating_rows as (
      insert into ratings (${r.columns}) ${r.values}
      on conflict (evaluation_id, member_id, candidate_id, criterion_id) do update set
        value = excluded.value, pass = excluded.pass, comment = excluded.comment, updated_at = excluded.updated_at, on_behalf = excluded.on_behalf
    )
    update evaluations set audit_head = ${head.hash}, audit_seq = ${head.seq}
    where id in (select id from go)
    returning id`.execute(db)
  return result.rows.length === 1
}
