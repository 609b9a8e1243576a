// Signing in, shared by the API and the page: the attempt counted first (the failure limit),
// then the password check (constant time in the service), then a fresh session.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../../../db/records.ts'
import { signIn } from '../../plugins/auth.ts'
import type { LoginLimiter } from '../login-limiter.ts'

export async function attemptLogin(app: FastifyInstance, limiter: LoginLimiter, req: FastifyRequest, username: string, password: string): Promise<User> {
  // Counted before the password check (a burst of guesses cannot all reach it); given back on success.
  const attempt = limiter.begin(req, username)
  let user: User
  try {
    user = await app.services.verifyLogin(app.db, username.normalize('NFC'), password)
  } catch (err) {
    attempt.failed()
    throw err
  }
  attempt.succeeded()
  await signIn(req, user)
  return user
}

export const userView = (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, admin: u.admin })

export const HOME = '/evaluations'

/**
 * Where to go after sign-in: only a path of this site, ready for a Location header; anything
 * else → the home page. `next` arrives decoded (the query string parser did it): it must start
 * with a single "/", hold no backslash, no whitespace or control character (a tab or a newline
 * would be dropped by the browser, turning "/\t/evil" into "//evil"), no "//" anywhere, and be
 * writable as a URL (a lone surrogate is not). The result is percent-encoded, so a header never
 * carries a raw non-ASCII byte.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return HOME
  if (!next.startsWith('/') || next.includes('//') || next.includes('\\')) return HOME
  if (/[\s\p{C}\p{Z}]/u.test(next)) return HOME
  let encoded: string
  try {
    encoded = encodeURI(next)
  } catch {
    return HOME
  }
  try {
    const base = 'http://same-site.invalid'
    const u = new URL(encoded, base)
    if (u.origin !== base || !u.pathname.startsWith('/')) return HOME
  } catch {
    return HOME
  }
  return encoded
}
