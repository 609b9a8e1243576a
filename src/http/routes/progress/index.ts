// Scoring progress (chair, secretary): GET /api/v1/evaluations/:id/progress (counts, never
// values) and the matrix page GET /evaluations/:id/progress, which a small script refreshes by
// polling the API (for the projector); without JavaScript a reload does the same.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Status } from '../../../domain/evaluation-file.ts'
import type { Progress } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'

/** Counts only (also the results' answer during scoring). */
export const ProgressCounts = z.object({
  criteria: z.number(),
  members: z.array(z.object({ id: z.string(), name: z.string(), declared: z.boolean() })),
  cells: z.array(z.object({
    member: z.string(),
    candidate: z.string(),
    rated: z.number(),
    total: z.number(),
    abstained: z.boolean(),
    complete: z.boolean(),
  })),
})

const ProgressOut = ProgressCounts.extend({ status: Status })

/** Members × candidates, each cell with its share complete. */
export function progressMatrix(p: Progress, candidates: readonly { id: string; name: string }[]) {
  const cell = new Map(p.cells.map((c) => [`${c.member}\u0000${c.candidate}`, c]))
  return p.members.map((m) => ({
    ...m,
    cells: candidates.map((c) => {
      const x = cell.get(`${m.id}\u0000${c.id}`)
      return {
        candidate: c.id,
        rated: x?.rated ?? 0,
        total: x?.total ?? p.criteria,
        abstained: x?.abstained ?? false,
        complete: x?.complete ?? false,
        share: x && x.total > 0 ? x.rated / x.total : 0,
      }
    }),
  }))
}

export const progressApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/progress', {
    schema: { tags: ['progress'], summary: 'Criteria rated per rater × candidate: counts, not values (chair, secretary)', params: EvaluationParams, response: { 200: ProgressOut, ...errors(401, 403, 404) } },
  }, async (req) => app.services.getProgress(app.db, requireActor(req), req.params.id))
}

export const progressPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/progress', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const p = await app.services.getProgress(app.db, actor, req.params.id)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    return reply.page('evaluations/progress', req.t('progress.title'), {
      ev,
      nav: evaluationNav(ev, 'progress'),
      candidates: ev.candidates,
      matrix: progressMatrix(p, ev.candidates),
      api: `/api/v1/evaluations/${ev.id}/progress`,
      live: p.status === 'scoring',
    })
  })
}
