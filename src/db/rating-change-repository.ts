// What changed in an evaluation since a point of its audit chain, for the results the services
// keep in memory (results-cache.ts): the entries after that point (the current rows of the
// rating cells they name are `findRatings`).
import type { Db } from './database.ts'

/** An audit entry reduced to what says which cells changed. */
export interface ChangeEntry {
  readonly seq: number
  readonly action: string
  readonly after: unknown
}

/** The evaluation's audit entries after `seq`, in order, at most `limit` of them. */
export async function listChangesAfter(db: Db, evaluationId: number, seq: number, limit: number): Promise<ChangeEntry[]> {
  const rows = await db.selectFrom('audit_log').select(['seq', 'action', 'after'])
    .where('evaluation_id', '=', evaluationId).where('seq', '>', seq)
    .orderBy('seq').limit(limit).execute()
  return rows.map((r) => ({ seq: r.seq, action: r.action, after: r.after === null ? null : (JSON.parse(r.after) as unknown) }))
}
