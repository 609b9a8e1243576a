// Failed sign-ins are limited per account and per address (§7): after `max` failures within
// the window, further attempts are refused with 429 until it passes. Only failures count: a
// successful sign-in gives its attempt back. The attempt is counted BEFORE the password is
// checked (a reservation), so many guesses sent at once cannot all reach the check: at most
// `max` are ever in flight or failed per key. The account key is the username as sign-in reads
// it (trimmed, NFC; lowercased too, so "Victim" and " victim" share victim's limit). The address
// is `req.ip`, which trusts X-Forwarded-For only for the configured proxy hops (app.ts).
// Shared by the API and the sign-in page, so alternating between them gains nothing.
//
// @fastify/rate-limit can count but cannot give a count back (a success must not count), so
// the counter is this small map; it lives in the process, like the library's default store.
import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../http-problem.ts'

export const LOGIN_WINDOW_MS = 15 * 60 * 1000
/** Keys kept at most; expired ones are dropped first (a flood of made-up usernames stays bounded). */
const MAX_KEYS = 100_000

export interface LoginAttempt {
  /** A success: the attempt does not count. */
  succeeded(): void
  /** A failure: the attempt stays counted. */
  failed(): void
}

export interface LoginLimiter {
  /** Counts one attempt for the address and the account, or throws 429 when either is used up. */
  begin(req: FastifyRequest, username: string): LoginAttempt
}

/** The account as sign-in finds it (users-service trims; the route normalizes to NFC). */
export function accountKey(username: string): string {
  return username.normalize('NFC').trim().toLowerCase()
}

interface Counter {
  /** Attempts that failed in the window. */
  failed: number
  /** Attempts counted but not yet settled (the password is being checked). */
  pending: number
  resetAt: number
}

/**
 * An address may have this many times the limit in flight: a committee behind one office address
 * signs in at once at the start of a meeting. Its failures still lock it at the limit.
 */
const ADDRESS_IN_FLIGHT = 10

export function createLoginLimiter(max: number, windowMs = LOGIN_WINDOW_MS, clock: () => number = Date.now): LoginLimiter {
  const counters = new Map<string, Counter>()
  const live = (key: string, now: number): Counter | undefined => {
    const c = counters.get(key)
    if (c && c.resetAt <= now) {
      counters.delete(key)
      return undefined
    }
    return c
  }
  const prune = (now: number) => {
    for (const [k, c] of counters) if (c.resetAt <= now) counters.delete(k)
    // Still full: the oldest windows go (Map keeps insertion order).
    for (const k of counters.keys()) {
      if (counters.size < MAX_KEYS) break
      counters.delete(k)
    }
  }
  return {
    begin(req, username) {
      const now = clock()
      const keys = [`ip:${req.ip}`, `user:${accountKey(username)}`]
      const inFlight = [max * ADDRESS_IN_FLIGHT, max]
      const current = keys.map((k) => live(k, now))
      const full = current.filter((c, i): c is Counter => c !== undefined && (c.failed >= max || c.failed + c.pending >= inFlight[i]!))
      if (full.length > 0) {
        const ttl = Math.max(...full.map((c) => c.resetAt - now))
        throw new HttpProblem(429, 'too_many_requests', 'errors.tooManyAttempts', { minutes: Math.max(1, Math.ceil(ttl / 60000)) })
      }
      if (counters.size >= MAX_KEYS) prune(now)
      const held = keys.map((k, i) => {
        const c = current[i] ?? { failed: 0, pending: 0, resetAt: now + windowMs }
        c.pending++
        counters.set(k, c)
        return c
      })
      let settled = false
      const settle = (failed: boolean) => {
        if (settled) return
        settled = true
        for (const c of held) {
          c.pending = Math.max(0, c.pending - 1)
          if (failed) c.failed++
        }
      }
      return {
        succeeded: () => settle(false),
        failed: () => settle(true),
      }
    },
  }
}
