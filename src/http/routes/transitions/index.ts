// Moving an evaluation on (§2; chair only): POST /api/v1/evaluations/:id/transitions and the
// setup page's buttons (POST /evaluations/:id/transitions). Illegal moves → 409.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Status } from '../../../domain/evaluation-file.ts'
import { signingIdentity } from '../../../signing/signing-identity.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { namesOf, renderSetup } from '../evaluations/setup-page.ts'
import { blankToUndefined, formFailed, parseForm } from '../form.ts'

const TransitionBody = z.object({ to: Status, reason: z.string().trim().min(1).max(5000).optional() }).strict()
const TransitionForm = z.object({
  to: Status,
  reason: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
  _csrf: z.string().optional(),
})

export const transitionsApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/transitions', {
    schema: {
      tags: ['transitions'],
      summary: 'draft → scoring → review → finalized; finalized → review (reopen, with a reason). Chair only',
      params: EvaluationParams,
      body: TransitionBody,
      response: { 200: z.object({ status: Status }), ...errors(400, 401, 403, 404, 409, 415) },
    },
  }, async (req) => {
    // Finalizing writes the archived reports inside the service, or does not happen (§2).
    return app.services.transition(app.db, requireActor(req), req.params.id, req.body, { reportsDir: app.config.reportsDir, signing: signingIdentity(app.config), catalogs: app.catalogs })
  })
}

export const transitionsPages: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/transitions', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    let status: Status
    try {
      const f = parseForm(TransitionForm, req)
      ;({ status } = await app.services.transition(app.db, actor, req.params.id, { to: f.to, ...(f.reason ? { reason: f.reason } : {}) }, { reportsDir: app.config.reportsDir, signing: signingIdentity(app.config), catalogs: app.catalogs }))
    } catch (err) {
      // Refused (conditions not met, no reason): the setup page again, the reasons in its status card.
      const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, { id: 'transition', labels: { reason: 'confirm.reason' } }, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
    }
    const next = status === 'review' || status === 'finalized' ? 'results' : ''
    return reply.redirect(`/evaluations/${req.params.id}${next ? `/${next}` : '?done=moved'}`, 303)
  })
}
