// Server-side sessions (§7) for @fastify/session: the web layer wraps this in its store so a
// restart keeps people signed in and signing out really ends the session.
import type { Selectable } from 'kysely'
import { coalesced } from './coalesce.ts'
import type { Db, UsersTable } from './database.ts'
import type { User } from './records.ts'
import { toUser } from './user-mapper.ts'

export interface SessionRepository {
  get(sid: string): Promise<unknown | undefined>
  /**
   * The user of the session `get` read last for `sid`, read by the same query (a request's
   * session and user in one round trip): undefined when there is none to take (then read the
   * user); taken once.
   */
  takeUser(sid: string): User | undefined
  set(sid: string, data: unknown, expiresAt: Date): Promise<void>
  destroy(sid: string): Promise<void>
  touch(sid: string, expiresAt: Date): Promise<void>
  /** Deletes expired sessions; returns how many. */
  prune(now?: Date): Promise<number>
}

/** Several sessions in one query (the live ones, by sid), each with its user: what `sessionRepository` coalesces. */
export async function getSessions(db: Db, sids: readonly string[], now = new Date()): Promise<Map<string, { data: unknown; user: User | undefined }>> {
  const rows = await db.selectFrom('sessions').leftJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.sid', 'sessions.data']).selectAll('users')
    .where('sessions.sid', 'in', sids).where('sessions.expires_at', '>', now.toISOString()).execute()
  return new Map(rows.map((r) => [r.sid, {
    data: JSON.parse(r.data) as unknown,
    user: r.id === null ? undefined : toUser(r as Selectable<UsersTable>),
  }]))
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

const MAX_HANDED = 10_000

export function sessionRepository(db: Db): SessionRepository {
  // Every request reads its session: the reads of requests arriving together share one query.
  const load = coalesced((sids: readonly string[]) => getSessions(db, sids))
  // Handed from the session's read to the same request's user lookup (auth.ts), by sid; a
  // request that ends between the two leaves its entry, so the map is emptied when it grows.
  const users = new Map<string, User>()
  return {
    async get(sid) {
      const session = await load(sid)
      if (!session) return undefined
      if (session.user) {
        if (users.size >= MAX_HANDED) users.clear()
        users.set(sid, session.user)
      }
      return session.data
    },
    takeUser(sid) {
      const user = users.get(sid)
      users.delete(sid)
      return user
    },
    set: (sid, data, expiresAt) => setSession(db, sid, data, expiresAt),
    destroy: (sid) => destroySession(db, sid),
    touch: (sid, expiresAt) => touchSession(db, sid, expiresAt),
    prune: (now) => pruneSessions(db, now),
  }
}
