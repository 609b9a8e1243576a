// The application's secrets (one row of `app_secrets`): today the key that signs session cookies.
// In the database, not in DATA_DIR, so every app server on one database signs with the same key
// (§15, issue #14). Never exported, shown or audited; only the server reads it, at start.
import type { Db } from './database.ts'

export interface StoredSessionKey {
  readonly key: string
  /** True when this call stored `candidate`; false when a key was there already (made earlier, or by another server at the same moment). */
  readonly created: boolean
}

/**
 * The session key, stored first if there is none: `candidate` is inserted unless the row exists
 * (ON CONFLICT DO NOTHING, one statement on both engines), then the row is read. Two servers
 * starting at once both insert; the primary key lets exactly one through, and both read its key.
 */
export async function sessionKeyOrCreate(db: Db, candidate: string, now: string): Promise<StoredSessionKey> {
  const inserted = await db.insertInto('app_secrets')
    .values({ id: 1, session_key: candidate, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst()
  const row = await db.selectFrom('app_secrets').select('session_key').where('id', '=', 1).executeTakeFirstOrThrow()
  return { key: row.session_key, created: Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 }
}
