// POST/GET /api/v1/evaluations, GET/PATCH /api/v1/evaluations/:id.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { CreateEvaluationInput, EvaluationSummaryList, UpdateEvaluationInput } from './schemas.ts'

const tags = ['evaluations']
const Details = z.any().describe('EvaluationDetails: settings, scale, criteria, report, candidates, members, myRole')

export const evaluationsApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations', {
    schema: { tags, summary: 'Create an evaluation from a catalog (admin)', body: CreateEvaluationInput, response: { 201: Created, ...errors(400, 401, 403, 404, 415) } },
  }, async (req, reply) => {
    const created = await app.services.createEvaluation(app.db, requireActor(req), app.catalogs, req.body)
    return reply.status(201).send(created)
  })

  app.get('/evaluations', {
    schema: { tags, summary: 'The evaluations the user takes part in (all for an admin)', response: { 200: EvaluationSummaryList, ...errors(401) } },
  }, async (req) => app.services.listEvaluations(app.db, requireActor(req)))

  app.get('/evaluations/:id', {
    schema: { tags, summary: 'Details, status, criteria tree, candidates, members (committee)', params: EvaluationParams, response: { 200: Details, ...errors(401, 403, 404) } },
  }, async (req) => app.services.getEvaluation(app.db, requireActor(req), req.params.id))

  app.patch('/evaluations/:id', {
    schema: {
      tags,
      summary: 'Details, thresholds, aggregation, report block (chair, secretary; draft). report.conclusion, report.proposal (a candidate id or "none"), report.deviation: chair, in review (§2)',
      params: EvaluationParams,
      body: UpdateEvaluationInput,
      response: { 200: Details, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (req) => {
    const actor = requireActor(req)
    await app.services.updateEvaluation(app.db, actor, req.params.id, req.body)
    return app.services.getEvaluation(app.db, actor, req.params.id)
  })
}
