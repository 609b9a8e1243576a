// Candidates (draft; chair, secretary): POST /api/v1/evaluations/:id/candidates, PATCH and
// DELETE …/candidates/:code; the setup page's forms POST /evaluations/:id/candidates (add),
// …/candidates/:code (edit) and …/candidates/:code/delete.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CandidatePatch, NewCandidateInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { namesOf, renderSetup } from '../evaluations/setup-page.ts'
import { blankToUndefined, formFailed, parseForm, type FormSpec } from '../form.ts'

const tags = ['candidates']
const CandidateParams = EvaluationParams.extend({ code: z.string().min(1).max(64) })
const CandidateForm = z.object({
  name: z.string().trim().min(1).max(300),
  vendor: z.preprocess(blankToUndefined, z.string().trim().max(300).optional()),
  version: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  _csrf: z.string().optional(),
})

/** The edit form sends every field: a blank vendor or version clears it (null), as in the PATCH. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v)
const CandidateEditForm = z.object({
  name: z.string().trim().min(1).max(300),
  vendor: z.preprocess(blankToNull, z.string().trim().max(300).nullable().optional()),
  version: z.preprocess(blankToNull, z.string().trim().max(100).nullable().optional()),
  _csrf: z.string().optional(),
})

export const candidatesApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/candidates', {
    schema: { tags, summary: 'Add a candidate (draft)', params: EvaluationParams, body: NewCandidateInput, response: { 201: Created, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.addCandidate(app.db, requireActor(req), req.params.id, req.body)))

  app.patch('/evaluations/:id/candidates/:code', {
    schema: { tags, summary: 'Rename a candidate (draft)', params: CandidateParams, body: CandidatePatch, response: { 204: z.null(), ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.updateCandidate(app.db, requireActor(req), req.params.id, req.params.code, req.body)
    return reply.status(204).send(null)
  })

  app.delete('/evaluations/:id/candidates/:code', {
    schema: { tags, summary: 'Remove a candidate (draft)', params: CandidateParams, response: { 204: z.null(), ...errors(401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.removeCandidate(app.db, requireActor(req), req.params.id, req.params.code)
    return reply.status(204).send(null)
  })
}

const labels = { name: 'setup.candidateName', vendor: 'setup.candidateVendor', version: 'setup.candidateVersion' }

export const candidatesPages: FastifyPluginAsyncZod = async (app) => {
  const failed = async (err: unknown, req: FastifyRequest<{ Params: { id: number } }>, reply: FastifyReply, spec: FormSpec) => {
    const ev = await app.services.getEvaluation(app.db, requireActor(req), req.params.id)
    return formFailed(err, req, reply, spec, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
  }

  app.post('/evaluations/:id/candidates', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    try {
      const { _csrf, ...input } = parseForm(CandidateForm, req)
      await app.services.addCandidate(app.db, requireActor(req), req.params.id, input)
    } catch (err) {
      return failed(err, req, reply, { id: 'candidate', labels })
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=candidateAdded#candidates`, 303)
  })

  app.post('/evaluations/:id/candidates/:code', { preHandler: app.csrfProtection, schema: { params: CandidateParams } }, async (req, reply) => {
    try {
      const { _csrf, ...patch } = parseForm(CandidateEditForm, req)
      await app.services.updateCandidate(app.db, requireActor(req), req.params.id, req.params.code, patch)
    } catch (err) {
      return failed(err, req, reply, { id: `candidate-${req.params.code}`, labels })
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=candidateSaved#candidates`, 303)
  })

  app.post('/evaluations/:id/candidates/:code/delete', { preHandler: app.csrfProtection, schema: { params: CandidateParams } }, async (req, reply) => {
    try {
      await app.services.removeCandidate(app.db, requireActor(req), req.params.id, req.params.code)
    } catch (err) {
      return failed(err, req, reply, { id: 'candidate' })
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=deleted#candidates`, 303)
  })
}
