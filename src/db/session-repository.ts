// Server-side sessions (§7) for @fastify/session: the web layer wraps this in its store so a
// restart keeps people signed in and signing out really ends the session.
import { coalesced } from './coalesce.ts'
import type { Db } from './database.ts'

export interface SessionRepository {
  get(sid: string): Promise<unknown | undefined>
  set(sid: string, data: unknown, expiresAt: Date): Promise<void>
  destroy(sid: string): Promise<void>
  touch(sid: string, expiresAt: Date): Promise<void>
  /** Deletes expired sessions; returns how many. */
  prune(now?: Date): Promise<number>
}

/** Several sessions in one query (the live ones, by sid): what `sessionRepository` coalesces. */
export async function getSessions(db: Db, sids: readonly string[], now = new Date()): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('sessions').select(['sid', 'data']).where('sid', 'in', sids).where('expires_at', '>', now.toISOString()).execute()
  return new Map(rows.map((r) => [r.sid, JSON.parse(r.data) as unknown]))
}

/** The user a session belongs to (`userId`, set at sign-in), or null. */
function userIdOf(data: unknown): number | null {
  const id = (data as { userId?: unknown } | null | undefined)?.userId
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null
}

export async function setSession(db: Db, sid: string, data: unknown, expiresAt: Date): Promise<void> {
  const values = { sid, data: JSON.stringify(data), expires_at: expiresAt.toISOString(), user_id: userIdOf(data) }
  await db.insertInto('sessions').values(values)
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: values.data, expires_at: values.expires_at, user_id: values.user_id }))
    .execute()
}

/** Ends every session of a user but `keep` (the one asking, when they changed their own password). */
export async function destroyUserSessions(db: Db, userId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (keep !== undefined) q = q.where('sid', '!=', keep)
  const r = await q.executeTakeFirst()
  return Number(r.numDeletedRows)
}

export async function destroySession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute()
}

export async function touchSession(db: Db, sid: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt.toISOString() }).where('sid', '=', sid).execute()
}

export async function pruneSessions(db: Db, now = new Date()): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst()
  return Number(r.numDeletedRows)
}

export function sessionRepository(db: Db): SessionRepository {
  // Every request reads its session: the reads of requests arriving together share one query.
  const get = coalesced((sids: readonly string[]) => getSessions(db, sids))
  return {
    get,
    set: (sid, data, expiresAt) => setSession(db, sid, data, expiresAt),
    destroy: (sid) => destroySession(db, sid),
    touch: (sid, expiresAt) => touchSession(db, sid, expiresAt),
    prune: (now) => pruneSessions(db, now),
  }
}
