// Signing in, shared by the API and the page: the failure limit first, then the password check
// (constant time in the service), then a fresh session.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { User } from '../../../db/records.ts'
import { signIn } from '../../plugins/auth.ts'
import type { LoginLimiter } from '../login-limiter.ts'

export async function attemptLogin(app: FastifyInstance, limiter: LoginLimiter, req: FastifyRequest, username: string, password: string): Promise<User> {
  await limiter.check(req)
  let user: User
  try {
    user = await app.services.verifyLogin(app.db, username.normalize('NFC'), password)
  } catch (err) {
    await limiter.fail(req)
    throw err
  }
  await signIn(req, user)
  return user
}

export const userView = (u: User) => ({ id: u.id, username: u.username, displayName: u.displayName, admin: u.admin })

/** Only a local path may follow sign-in: never another site (open redirect). */
export function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/evaluations'
}
