// Failed sign-ins are limited per account and per address (§7): after `max` failures within
// the window, further attempts are refused with 429 until it passes. Only failures count: a
// successful sign-in consumes nothing. Shared by the API and the sign-in page, so alternating
// between them gains nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { HttpProblem } from '../http-problem.ts'

export const LOGIN_WINDOW_MS = 15 * 60 * 1000

export interface LoginLimiter {
  /** Throws 429 when the address or the account has used up its failures. */
  check(req: FastifyRequest): Promise<void>
  /** Records one failure for both the address and the account. */
  fail(req: FastifyRequest): Promise<void>
}

type Limit = ReturnType<FastifyInstance['createRateLimit']>

export function createLoginLimiter(app: FastifyInstance, max: number): LoginLimiter {
  const byAddress: Limit = app.createRateLimit({ max, timeWindow: LOGIN_WINDOW_MS, keyGenerator: (req) => `ip:${req.ip}` })
  const byAccount: Limit = app.createRateLimit({
    max,
    timeWindow: LOGIN_WINDOW_MS,
    keyGenerator: (req) => `user:${String((req.body as { username?: unknown } | undefined)?.username ?? '').normalize('NFC').toLowerCase()}`,
  })
  const blocked = async (limit: Limit, req: FastifyRequest) => {
    const s = await limit(req, { increment: false })
    return !s.isAllowed && s.remaining === 0 ? s.ttl : 0
  }
  return {
    async check(req) {
      const ttl = Math.max(await blocked(byAddress, req), await blocked(byAccount, req))
      if (ttl > 0) {
        throw new HttpProblem(429, 'too_many_requests', 'errors.tooManyAttempts', { minutes: Math.max(1, Math.ceil(ttl / 60000)) })
      }
    },
    async fail(req) {
      await byAddress(req)
      await byAccount(req)
    },
  }
}
