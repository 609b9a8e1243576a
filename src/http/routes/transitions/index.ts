// Moving an evaluation on (§2; chair only): POST /api/v1/evaluations/:id/transitions and the
// setup page's buttons (POST /evaluations/:id/transitions). Illegal moves → 409.
import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Status } from '../../../domain/evaluation-file.ts'
import { writeFinalReports } from '../../../report/final-reports.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { blankToUndefined, parseForm } from '../form.ts'

const TransitionBody = z.object({ to: Status, reason: z.string().trim().min(1).max(5000).optional() }).strict()
const TransitionForm = z.object({
  to: Status,
  reason: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
  _csrf: z.string().optional(),
})

/**
 * Finalizing writes the vi and en reports to REPORTS_DIR (§2; an existing file of the same name
 * is kept). The move itself is already committed: a failure here is logged, and the report can
 * still be downloaded; it does not undo the move.
 */
async function afterMove(app: FastifyInstance, id: number, status: Status): Promise<void> {
  if (status !== 'finalized') return
  try {
    const file = await app.services.exportEvaluationFile(app.db, id)
    const written = await writeFinalReports(file, app.config.reportsDir)
    app.log.info({ evaluation: id, written }, 'final reports written')
  } catch (err) {
    app.log.error({ err, evaluation: id }, 'writing the final reports failed')
  }
}

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
    const moved = await app.services.transition(app.db, requireActor(req), req.params.id, req.body)
    await afterMove(app, req.params.id, moved.status)
    return moved
  })
}

export const transitionsPages: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/transitions', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const f = parseForm(TransitionForm, req)
    const { status } = await app.services.transition(app.db, requireActor(req), req.params.id, { to: f.to, ...(f.reason ? { reason: f.reason } : {}) })
    await afterMove(app, req.params.id, status)
    const next = status === 'review' || status === 'finalized' ? 'results' : ''
    return reply.redirect(`/evaluations/${req.params.id}${next ? `/${next}` : ''}`, 303)
  })
}
