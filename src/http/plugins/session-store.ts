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

type Callback = (err?: unknown, value?: never) => void

/**
 * Calls the session plugin back, never letting a throw escape: the callback runs the rest of the
 * request (hooks, handler, reply) synchronously, and a throw out of a promise's `then` would be
 * an unhandled rejection that ends the process. A throw is handed back as the error instead.
 */
function answer(callback: Callback, err: unknown, value?: unknown): void {
  try {
    callback(err ?? undefined, value as never)
  } catch (thrown) {
    if (err) return // already the error path: nothing more to tell
    try {
      callback(thrown)
    } catch {
      // The plugin could not take the error either; the request ends with fastify's own timeout.
    }
  }
}

export function dbSessionStore(repo: Pick<SessionRepository, 'get' | 'set' | 'destroy'>): SessionStore {
  const run = (work: () => Promise<unknown>, callback: Callback, withValue: boolean) => {
    let pending: Promise<unknown>
    try {
      pending = work()
    } catch (err) {
      answer(callback, err)
      return
    }
    pending.then(
      (value) => answer(callback, null, withValue ? (value ?? null) : undefined),
      (err: unknown) => answer(callback, err ?? new Error('session store failed'), withValue ? null : undefined),
    )
  }
  return {
    set(sid, session, callback) {
      run(() => repo.set(sid, session, expiresAtOf(session as StoredSession)), callback as Callback, false)
    },
    get(sid, callback) {
      run(() => repo.get(sid), callback as Callback, true)
    },
    destroy(sid, callback) {
      run(() => repo.destroy(sid), callback as Callback, false)
    },
  }
}
