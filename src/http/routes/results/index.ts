// Results (§3, §9): GET /api/v1/evaluations/:id/results (committee from review; chair and
// secretary during scoring, as progress only: counts of criteria rated) and the page
// GET /evaluations/:id/results.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Status } from '../../../domain/evaluation-file.ts'
import type { CandidateResult as DomainCandidate, Results as DomainResults } from '../../../domain/results.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { progressMatrix, ProgressCounts } from '../progress/index.ts'
import { resultDownloads, resultsModel } from './view-model.ts'

const Numbers = z.record(z.string(), z.number())

const CandidateResult = z.object({
  id: z.string(),
  score: z.number(),
  rank: z.number(),
  qualified: z.boolean(),
  complete: z.boolean(),
  groups: Numbers.describe('top-level subtotals in points'),
  points: Numbers.describe('each scored criterion\'s points'),
  failed: z.array(z.string()).readonly(),
  raters: Numbers.describe('each rater\'s own total'),
})

const Consensus = z.union([
  z.object({ candidate: z.string(), criterion: z.string(), reason: z.string(), value: z.number(), replaced: z.number().nullable() }),
  z.object({ candidate: z.string(), criterion: z.string(), reason: z.string(), pass: z.boolean(), replaced: z.boolean() }),
])

const Price = z.object({
  method: z.enum(['lowest-price', 'combined']),
  K: z.number().nullable(),
  G: z.number().nullable(),
  Emin: z.number().nullable(),
  candidates: z.array(z.object({
    id: z.string(),
    opened: z.boolean(),
    price: z.number().nullable(),
    evaluated: z.number().nullable(),
    priceScore: z.number().nullable(),
    combined: z.number().nullable(),
    rank: z.number().nullable(),
  })).readonly(),
  kRange: z.object({ from: z.number().nullable(), to: z.number().nullable() }).nullable(),
  complete: z.boolean(),
}).describe('§12: once the price envelope is open')

const Results = z.object({
  weights: Numbers,
  candidates: z.array(CandidateResult).readonly(),
  recommended: z.string().nullable(),
  tied: z.array(z.string()).readonly(),
  disagreements: z.array(z.object({ candidate: z.string(), criterion: z.string(), spread: z.number() })).readonly(),
  consensus: z.array(Consensus).readonly(),
  sensitivity: z.object({
    groups: z.record(z.string(), z.object({ flipAt: z.number().nullable(), down: z.number().nullable(), up: z.number().nullable() })),
    monteCarlo: z.object({
      draws: z.number(),
      seed: z.number(),
      wins: Numbers,
      tied: z.number(),
      none: z.number(),
    }).optional(),
  }),
  price: Price.optional(),
})

// The serializer drops what the schema does not name: a field added to the domain's results
// without its schema here fails the type check instead of silently vanishing from the API.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false
const resultsKeys: SameKeys<z.infer<typeof Results>, DomainResults> & SameKeys<z.infer<typeof CandidateResult>, DomainCandidate> = true
void resultsKeys

const ResultsOut = z.discriminatedUnion('blind', [
  z.object({
    status: Status,
    blind: z.literal(false),
    complete: z.boolean(),
    results: Results,
    spreads: z.array(z.object({ candidate: z.string(), criterion: z.string(), rated: z.number(), spread: z.number().nullable() })).readonly(),
  }).describe('From review on: the results of §9'),
  z.object({
    status: Status,
    blind: z.literal(true),
    complete: z.boolean(),
    progress: ProgressCounts,
  }).describe('During scoring (blind): counts of criteria rated per rater × candidate only'),
])

export const resultsApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/results', {
    schema: { tags: ['results'], summary: 'Results (§9): committee from review; during scoring, progress only (chair, secretary)', params: EvaluationParams, response: { 200: ResultsOut, ...errors(401, 403, 404, 409) } },
  }, async (req) => app.services.getResults(app.db, requireActor(req), req.params.id))
}

export const resultsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/results', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    const view = await app.services.getResults(app.db, actor, req.params.id)
    const base = { ev, nav: evaluationNav(ev, 'results'), view }
    if (view.blind) {
      return reply.page('evaluations/results', req.t('results.title'), {
        ...base,
        blind: { candidates: ev.candidates, matrix: progressMatrix({ status: view.status, ...view.progress }, ev.candidates), progress: `/evaluations/${ev.id}/progress` },
      })
    }
    return reply.page('evaluations/results', req.t('results.title'), {
      ...base,
      ...resultsModel(ev, view, req.lang),
      threshold: ev.threshold,
      downloads: resultDownloads(ev, req.lang),
    })
  })
}
