// Results (§3, §9): GET /api/v1/evaluations/:id/results (committee from review; chair and
// secretary during scoring, as progress) and the page GET /evaluations/:id/results.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { resultDownloads, resultsModel } from './view-model.ts'

const ResultsOut = z.any().describe('{ status, complete, blind, results } — results as in DESIGN §9')

export const resultsApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/results', {
    schema: { tags: ['results'], summary: 'Results (§9): committee from review; chair and secretary during scoring', params: EvaluationParams, response: { 200: ResultsOut, ...errors(401, 403, 404, 409) } },
  }, async (req) => app.services.getResults(app.db, requireActor(req), req.params.id))
}

export const resultsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/results', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    const view = await app.services.getResults(app.db, actor, req.params.id)
    return reply.page('evaluations/results', req.t('results.title'), {
      ev,
      nav: evaluationNav(ev, 'results'),
      view,
      ...resultsModel(ev, view, req.lang),
      threshold: ev.threshold,
      downloads: resultDownloads(ev, req.lang),
    })
  })
}
