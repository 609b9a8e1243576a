// Sign-in and sign-out: POST /api/v1/auth/login|logout, GET /api/v1/auth/me; the pages
// GET/POST /login and POST /logout.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor, signOut } from '../../plugins/auth.ts'
import { errors } from '../common-schemas.ts'
import type { LoginLimiter } from '../login-limiter.ts'
import { attemptLogin, safeNext, userView } from './login.ts'
import { LoginBody, LoginForm, UserResponse } from './schemas.ts'

const tags = ['auth']

export const authApi: FastifyPluginAsyncZod<{ limiter: LoginLimiter }> = async (app, { limiter }) => {
  app.post('/auth/login', {
    schema: { tags, summary: 'Sign in; sets the session cookie', body: LoginBody, response: { 200: UserResponse, ...errors(400, 401, 415, 429) } },
  }, async (req) => {
    const user = await attemptLogin(app, limiter, req, req.body.username, req.body.password)
    return { user: userView(user) }
  })

  app.post('/auth/logout', {
    schema: { tags, summary: 'Sign out; deletes the session server-side', response: { 204: z.null(), ...errors(415) } },
  }, async (req, reply) => {
    await signOut(req)
    return reply.status(204).send(null)
  })

  app.get('/auth/me', {
    schema: { tags, summary: 'The signed-in user', response: { 200: UserResponse, ...errors(401) } },
  }, async (req) => {
    requireActor(req)
    return { user: userView(req.user!) }
  })
}

export const authPages: FastifyPluginAsyncZod<{ limiter: LoginLimiter }> = async (app, { limiter }) => {
  app.get('/login', async (req, reply) => {
    const next = typeof (req.query as { next?: unknown }).next === 'string' ? (req.query as { next: string }).next : undefined
    if (req.user) return reply.redirect(safeNext(next), 303)
    return reply.page('login', req.t('login.title'), { next })
  })

  app.post('/login', { preHandler: app.csrfProtection }, async (req, reply) => {
    const form = LoginForm.safeParse(req.body)
    const next = form.success ? form.data.next : undefined
    if (!form.success) {
      reply.status(400)
      return reply.page('login', req.t('login.title'), { next, failed: req.t('login.failed') })
    }
    try {
      await attemptLogin(app, limiter, req, form.data.username, form.data.password)
    } catch (err) {
      const status = (err as { status?: number }).status
      if (status === 401 || status === 429) {
        reply.status(status)
        const message = status === 429 ? req.t('errors.tooManyAttempts', (err as { params?: Record<string, number> }).params) : req.t('login.failed')
        return reply.page('login', req.t('login.title'), { next, failed: message, username: form.data.username })
      }
      throw err
    }
    return reply.redirect(safeNext(next), 303)
  })

  app.post('/logout', { preHandler: app.csrfProtection }, async (req, reply) => {
    await signOut(req)
    return reply.redirect('/login', 303)
  })
}
