// Members (draft; chair, secretary): POST /api/v1/evaluations/:id/members, DELETE
// …/members/:code; the setup page's forms.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Role } from '../../../domain/evaluation-file.ts'
import { MemberPatch, NewMemberInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { namesOf, renderSetup } from '../evaluations/setup-page.ts'
import { formFailed, parseForm } from '../form.ts'

const tags = ['members']
const MemberParams = EvaluationParams.extend({ code: z.string().min(1).max(64) })
/** The picker: one or several accounts (checkboxes `usernames`), one role for all of them. */
const MemberForm = z.object({
  usernames: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(64)).min(1).max(200)),
  role: Role,
  /** "Chấm trên giấy": the secretary may enter their sheets (§2). */
  paper: z.literal('on').optional(),
  _csrf: z.string().optional(),
})
const PaperForm = z.object({ paper: z.enum(['0', '1']), _csrf: z.string().optional() })

export const membersApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/members', {
    schema: { tags, summary: 'Add a committee member with a role (draft)', params: EvaluationParams, body: NewMemberInput, response: { 201: Created, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.addMember(app.db, requireActor(req), req.params.id, req.body)))

  app.patch('/evaluations/:id/members/:code', {
    schema: { tags, summary: 'Mark a rater as rating on paper, or not (draft): `{ "paper": true }`', params: MemberParams, body: MemberPatch, response: { 204: z.null(), ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.updateMember(app.db, requireActor(req), req.params.id, req.params.code, req.body)
    return reply.status(204).send(null)
  })

  app.delete('/evaluations/:id/members/:code', {
    schema: { tags, summary: 'Remove a member (draft; never the chair)', params: MemberParams, response: { 204: z.null(), ...errors(401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.removeMember(app.db, requireActor(req), req.params.id, req.params.code)
    return reply.status(204).send(null)
  })
}

export const membersPages: FastifyPluginAsyncZod = async (app) => {
  const spec = {
    id: 'member',
    labels: { usernames: 'setup.pickMembers', role: 'setup.memberRole' },
    keyFields: { userNotFound: 'usernames', alreadyMember: 'usernames', oneChair: 'role' } as const,
    fieldOf: (path: string) => (path.startsWith('usernames') || path === 'username' ? 'usernames' : path),
  }

  // Several at once, each its own audited addition; a refusal names the person and keeps the rest.
  app.post('/evaluations/:id/members', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    try {
      const form = parseForm(MemberForm, req)
      for (const username of form.usernames) {
        await app.services.addMember(app.db, actor, req.params.id, { username, role: form.role, ...(form.paper ? { paper: true } : {}) })
      }
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, spec, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=memberAdded#members`, 303)
  })

  app.post('/evaluations/:id/members/:code/paper', { preHandler: app.csrfProtection, schema: { params: MemberParams } }, async (req, reply) => {
    const actor = requireActor(req)
    try {
      const form = parseForm(PaperForm, req)
      await app.services.updateMember(app.db, actor, req.params.id, req.params.code, { paper: form.paper === '1' })
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, { id: 'member' }, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=memberAdded#members`, 303)
  })

  app.post('/evaluations/:id/members/:code/delete', { preHandler: app.csrfProtection, schema: { params: MemberParams } }, async (req, reply) => {
    const actor = requireActor(req)
    try {
      await app.services.removeMember(app.db, actor, req.params.id, req.params.code)
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, { id: 'member' }, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=deleted#members`, 303)
  })
}
