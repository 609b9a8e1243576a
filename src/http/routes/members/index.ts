// Members (draft; chair, secretary): POST /api/v1/evaluations/:id/members, DELETE
// …/members/:code; the setup page's forms.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Role } from '../../../domain/evaluation-file.ts'
import { NewMemberInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { parseForm } from '../form.ts'

const tags = ['members']
const MemberParams = EvaluationParams.extend({ code: z.string().min(1).max(64) })
const MemberForm = z.object({
  username: z.string().trim().min(1).max(64),
  role: Role,
  _csrf: z.string().optional(),
})

export const membersApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/members', {
    schema: { tags, summary: 'Add a committee member with a role (draft)', params: EvaluationParams, body: NewMemberInput, response: { 201: Created, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.addMember(app.db, requireActor(req), req.params.id, req.body)))

  app.delete('/evaluations/:id/members/:code', {
    schema: { tags, summary: 'Remove a member (draft; never the chair)', params: MemberParams, response: { 204: z.null(), ...errors(401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.removeMember(app.db, requireActor(req), req.params.id, req.params.code)
    return reply.status(204).send(null)
  })
}

export const membersPages: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/members', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const form = parseForm(MemberForm, req)
    await app.services.addMember(app.db, requireActor(req), req.params.id, { username: form.username, role: form.role })
    return reply.redirect(`/evaluations/${req.params.id}#members`, 303)
  })

  app.post('/evaluations/:id/members/:code/delete', { preHandler: app.csrfProtection, schema: { params: MemberParams } }, async (req, reply) => {
    await app.services.removeMember(app.db, requireActor(req), req.params.id, req.params.code)
    return reply.redirect(`/evaluations/${req.params.id}#members`, 303)
  })
}
