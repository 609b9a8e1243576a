// Accounts: POST/GET /api/v1/users (admin), POST /api/v1/users/:username/password (admin, or
// self with the current password; the user's other sessions end); the admin page /admin/users
// with its two forms.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NewUserInput } from '../../../services/index.ts'
import { noticeLocation, noticeOf } from '../../notice.ts'
import { requireActor, requireAdmin } from '../../plugins/auth.ts'
import { Created, errors } from '../common-schemas.ts'
import { parseForm } from '../form.ts'
import { NewUserForm, PasswordBody, PasswordForm, UserList, UsernameParams } from './schemas.ts'

const tags = ['users']
const view = (u: { id: number; username: string; displayName: string; admin: boolean }) =>
  ({ id: u.id, username: u.username, displayName: u.displayName, admin: u.admin })

export const usersApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/users', {
    schema: { tags, summary: 'Create an account (admin)', body: NewUserInput, response: { 201: Created, ...errors(400, 401, 403, 409, 415) } },
  }, async (req, reply) => {
    const created = await app.services.createUser(app.db, requireActor(req), req.body)
    return reply.status(201).send(created)
  })

  app.get('/users', {
    schema: { tags, summary: 'Every account (admin)', response: { 200: UserList, ...errors(401, 403) } },
  }, async (req) => (await app.services.listUsers(app.db, requireActor(req))).map(view))

  app.post('/users/:username/password', {
    schema: { tags, summary: 'Set a new password (admin, or the user themself)', params: UsernameParams, body: PasswordBody, response: { 204: z.null(), ...errors(400, 401, 403, 404, 415) } },
  }, async (req, reply) => {
    await app.services.resetPassword(app.db, requireActor(req), req.params.username, req.body.password, {
      currentPassword: req.body.currentPassword, keepSession: req.session.sessionId,
    })
    return reply.status(204).send(null)
  })
}

export const usersPages: FastifyPluginAsyncZod = async (app) => {
  const render = async (req: Parameters<typeof requireAdmin>[0], notice?: string) => {
    const actor = requireAdmin(req)
    const users = await app.services.listUsers(app.db, actor)
    // Their own row asks for the current password too (§7).
    return { users: users.map((u) => ({ ...view(u), self: u.username === actor.username })), notice }
  }

  app.get('/admin/users', async (req, reply) => {
    return reply.page('admin/users', req.t('users.title'), await render(req, noticeOf(req)))
  })

  app.post('/admin/users', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = requireAdmin(req)
    const { _csrf, admin, ...form } = parseForm(NewUserForm, req)
    await app.services.createUser(app.db, actor, { ...form, admin: admin === 'on' })
    return reply.redirect(noticeLocation('/admin/users', 'userCreated', { username: form.username }), 303)
  })

  app.post('/admin/users/:username/password', { preHandler: app.csrfProtection, schema: { params: UsernameParams } }, async (req, reply) => {
    const actor = requireAdmin(req)
    const form = parseForm(PasswordForm, req)
    await app.services.resetPassword(app.db, actor, req.params.username, form.password, {
      currentPassword: form.currentPassword, keepSession: req.session.sessionId,
    })
    return reply.redirect(noticeLocation('/admin/users', 'passwordReset', { username: req.params.username }), 303)
  })
}
