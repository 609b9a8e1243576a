// The write of a group-commit batch of rating saves (§10, §15): the ratings, their audit entries
// and the evaluation's new audit head, inside the batch's transaction. On PostgreSQL that is ONE
// statement — the two inserts as data-modifying CTEs of the head's update — because there every
// statement is a network round trip taken while the evaluation's head row is locked, and other
// saves (on this server and on the others) wait for it. SQLite, in process, runs the three
// statements as they are. Larger writes (a whole sheet, an import) also take the three.
import type { Db } from './database.ts'
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
