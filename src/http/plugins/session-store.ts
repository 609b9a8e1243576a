// @fastify/session's store (callback style) over the data layer's sessions table, so a restart
// keeps people signed in and sign-out deletes the session row for good.
import type { SessionStore } from '@fastify/session'
import type { SessionRepository } from '../../db/session-repository.ts'

/** When a session has no expiry of its own (no maxAge), it still leaves the table after this. */
const FALLBACK_TTL_MS = 12 * 3600 * 1000

interface StoredSession {
  cookie?: { expires?: Date | string | null; originalMaxAge?: number | null }
}

export function expiresAtOf(session: StoredSession, now = Date.now()): Date {
  const e = session.cookie?.expires
  if (e) {
    const d = new Date(e)
    if (!Number.isNaN(d.getTime())) return d
  }
  return new Date(now + FALLBACK_TTL_MS)
}

export function dbSessionStore(repo: SessionRepository): SessionStore {
  return {
    set(sid, session, callback) {
      repo.set(sid, session, expiresAtOf(session as StoredSession)).then(() => callback(), (err: unknown) => callback(err))
    },
    get(sid, callback) {
      repo.get(sid).then(
        (data) => callback(null, (data ?? null) as never),
        (err: unknown) => callback(err, null as never),
      )
    },
    destroy(sid, callback) {
      repo.destroy(sid).then(() => callback(), (err: unknown) => callback(err))
    },
  }
}
