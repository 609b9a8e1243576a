// Who is asking: the session (server-side, in the database) names a user id; this plugin loads
// that user on every request as `req.user` and the services' `req.actor`. Routes that need a
// signed-in user call `requireActor(req)`; the error handler turns its 401 into a redirect to
// the sign-in page for pages and a JSON error for the API.
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { User } from '../../db/records.ts'
import type { SessionRepository } from '../../db/session-repository.ts'
import type { Actor } from '../../services/index.ts'
import { forbidden, unauthenticated } from '../http-problem.ts'

declare module 'fastify' {
  interface Session {
    userId?: number
    _csrf?: string
  }
  interface FastifyRequest {
    user: User | null
    actor: Actor | null
  }
}

export const authPlugin = fp<{ sessions: SessionRepository }>(
  async (app, opts) => {
    app.decorateRequest('user', null)
    app.decorateRequest('actor', null)
    const userOf = app.services.userLookup(app.db)
    app.addHook('onRequest', async (req) => {
      const id = req.session.userId
      if (typeof id !== 'number') return
      // Read with the session, in its query; otherwise (a session just created) on its own.
      const handed = opts.sessions.takeUser(req.session.sessionId)
      const user = handed?.id === id ? handed : await userOf(id)
      if (!user) return
      req.user = user
      req.actor = app.services.actorOf(user, req.lang)
    })
  },
  { name: 'auth', fastify: '5.x', dependencies: ['@fastify/session', 'services', 'i18n'] },
)

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated()
  return req.actor
}

export function requireAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req)
  if (!actor.admin) throw forbidden()
  return actor
}

/** A new session id at sign-in (no fixation), holding only the user's id. */
export async function signIn(req: FastifyRequest, user: User): Promise<void> {
  await req.session.regenerate()
  req.session.userId = user.id
  await req.session.save()
}

/** Deletes the session server-side: the old cookie is worth nothing afterwards. */
export async function signOut(req: FastifyRequest): Promise<void> {
  await req.session.destroy()
}
