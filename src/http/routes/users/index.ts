// Accounts: POST/GET /api/v1/users (admin), POST /api/v1/users/:username/password (admin, or
// self with the current password; the user's other sessions end); the admin page /admin/users
// with its two forms.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NewUserInput } from '../../../services/index.ts'
import { noticeLocation, noticeOf } from '../../notice.ts'
import { requireActor, requireAdmin } from '../../plugins/auth.ts'
import { Created, errors } from '../common-schemas.ts'
import { fieldProblem, formFailed, parseForm, type FormSpec, type FormState } from '../form.ts'
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

const NEW_USER: FormSpec = {
  id: 'new-user',
  labels: { username: 'users.username', displayName: 'users.displayName', password: 'users.password' },
  keyFields: { usernameTaken: 'username' },
  formats: { username: 'forms.usernameFormat' },
}
const resetSpec = (username: string): FormSpec => ({
  id: `reset-${username}`,
  labels: { password: 'users.newPassword', currentPassword: 'users.currentPassword' },
  keyFields: { currentPasswordWrong: 'currentPassword', passwordTooShort: 'password' },
})
const OWN: FormSpec = {
  id: 'own',
  labels: { currentPassword: 'users.currentPassword', password: 'users.newPassword', confirm: 'account.confirmPassword' },
  keyFields: { currentPasswordWrong: 'currentPassword', passwordTooShort: 'password' },
}

/** The own-password form: the new password typed twice, and the current one (§7). */
const OwnPasswordForm = z.object({
  currentPassword: z.string().min(1).max(200),
  password: z.string().min(8).max(200),
  confirm: z.string().max(200),
  _csrf: z.string().optional(),
})

export const usersPages: FastifyPluginAsyncZod = async (app) => {
  const renderAdmin = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const actor = requireAdmin(req)
    const users = await app.services.listUsers(app.db, actor)
    // Their own row asks for the current password too (§7).
    return reply.page('admin/users', req.t('users.title'), {
      users: users.map((u) => ({ ...view(u), self: u.username === actor.username, formId: `reset-${u.username}` })),
      notice: form ? undefined : noticeOf(req),
      form,
    })
  }

  app.get('/admin/users', async (req, reply) => renderAdmin(req, reply))

  app.post('/admin/users', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = requireAdmin(req)
    let username: string
    try {
      const { _csrf, admin, ...form } = parseForm(NewUserForm, req)
      username = form.username
      await app.services.createUser(app.db, actor, { ...form, admin: admin === 'on' })
    } catch (err) {
      return formFailed(err, req, reply, NEW_USER, (form) => renderAdmin(req, reply, form))
    }
    return reply.redirect(noticeLocation('/admin/users', 'userCreated', { username }), 303)
  })

  app.post('/admin/users/:username/password', { preHandler: app.csrfProtection, schema: { params: UsernameParams } }, async (req, reply) => {
    const actor = requireAdmin(req)
    try {
      const form = parseForm(PasswordForm, req)
      await app.services.resetPassword(app.db, actor, req.params.username, form.password, {
        currentPassword: form.currentPassword, keepSession: req.session.sessionId,
      })
    } catch (err) {
      return formFailed(err, req, reply, resetSpec(req.params.username), (form) => renderAdmin(req, reply, form))
    }
    return reply.redirect(noticeLocation('/admin/users', 'passwordReset', { username: req.params.username }), 303)
  })

  // Everyone's own password (§7: the current one is needed; the service ends the other sessions).
  const renderOwn = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    requireActor(req)
    return reply.page('account', req.t('account.title'), { notice: form ? undefined : noticeOf(req), form })
  }

  app.get('/account', async (req, reply) => renderOwn(req, reply))

  app.post('/account/password', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = requireActor(req)
    try {
      const form = parseForm(OwnPasswordForm, req)
      if (form.confirm !== form.password) throw fieldProblem('confirm', 'forms.passwordsDiffer')
      await app.services.resetPassword(app.db, actor, actor.username, form.password, {
        currentPassword: form.currentPassword, keepSession: req.session.sessionId,
      })
    } catch (err) {
      return formFailed(err, req, reply, OWN, (form) => renderOwn(req, reply, form))
    }
    return reply.redirect(noticeLocation('/account', 'passwordChanged', {}), 303)
  })
}
