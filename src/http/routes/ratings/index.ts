// Ratings (§2, §5). API: PUT /api/v1/evaluations/:id/ratings/:candidateId/:criterionId (a rater,
// own rating only; reason required in review), GET …/ratings (own only until review).
// Pages: the score sheet GET /evaluations/:id/sheet[?candidate=A] and its plain-form submit
// POST /evaluations/:id/sheet/:candidateId, which works without JavaScript.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isPassFail, leaves } from '../../../domain/criteria.ts'
import { SaveRatingInput, type SaveRatingsInput } from '../../../services/index.ts'
import { HttpProblem } from '../../http-problem.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { ownTotal, sheetSections } from './sheet-page.ts'

const tags = ['ratings']
const RatingParams = EvaluationParams.extend({ candidateId: z.string().min(1).max(64), criterionId: z.string().min(1).max(64) })
const SheetParams = EvaluationParams.extend({ candidateId: z.string().min(1).max(64) })
const RatingBody = SaveRatingInput.omit({ candidate: true, criterion: true })
const RatingOut = z.object({
  member: z.string(),
  candidate: z.string(),
  criterion: z.string(),
  value: z.number().optional(),
  pass: z.boolean().optional(),
  comment: z.string().optional(),
  updatedAt: z.string(),
})

export const ratingsApi: FastifyPluginAsyncZod = async (app) => {
  app.put('/evaluations/:id/ratings/:candidateId/:criterionId', {
    schema: {
      tags,
      summary: '{ value } or { pass }, comment?, reason? — the rater\'s own rating (scoring, review; reason required in review)',
      params: RatingParams,
      body: RatingBody,
      response: { 200: RatingOut, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (req) => app.services.saveRating(app.db, requireActor(req), req.params.id, {
    ...req.body, candidate: req.params.candidateId, criterion: req.params.criterionId,
  }))

  app.get('/evaluations/:id/ratings', {
    schema: { tags, summary: 'Ratings: own only until review, everyone\'s from review on (committee)', params: EvaluationParams, response: { 200: z.array(RatingOut), ...errors(401, 403, 404) } },
  }, async (req) => app.services.listRatings(app.db, requireActor(req), req.params.id))
}

const SheetQuery = z.object({ candidate: z.string().optional(), saved: z.coerce.number().int().optional() }).loose()

export const ratingsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/sheet', { schema: { params: EvaluationParams, querystring: SheetQuery } }, async (req, reply) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    const rater = ev.myRole === 'chair' || ev.myRole === 'member'
    const me = ev.members.find((m) => m.id === ev.myMember)
    const candidate = ev.candidates.find((c) => c.id === req.query.candidate) ?? ev.candidates[0]
    const base = { ev, nav: evaluationNav(ev, 'sheet'), rater }
    if (!rater || !me || !candidate) return reply.page('evaluations/sheet', req.t('sheet.title'), base)

    const all = ev.status === 'draft' ? [] : await app.services.listRatings(app.db, actor, ev.id)
    const mine = all.filter((r) => r.member === me.id && r.candidate === candidate.id)
    const byCriterion = new Map(mine.map((r) => [r.criterion, r]))
    const abstention = ev.abstentions.find((a) => a.member === me.id && a.candidate === candidate.id)
    const total = leaves(ev.criteria).length
    const own = abstention ? null : ownTotal(ev, me.id, candidate.id, mine)
    const writable = (ev.status === 'scoring' || ev.status === 'review') && me.declared && !abstention
    return reply.page('evaluations/sheet', `${req.t('sheet.title')} — ${candidate.name}`, {
      ...base,
      candidate,
      candidates: ev.candidates.map((c) => ({ ...c, current: c.id === candidate.id })),
      declared: me.declared,
      abstention,
      writable,
      review: ev.status === 'review',
      sections: sheetSections(ev, byCriterion),
      rated: mine.length,
      total,
      own,
      saved: req.query.saved,
      apiBase: `/api/v1/evaluations/${ev.id}/ratings/${encodeURIComponent(candidate.id)}/`,
      scaleMin: ev.scale.min,
      scaleMax: ev.scale.max,
    })
  })

  // Saves every rating on the sheet that differs from what is stored: the no-JavaScript path.
  app.post('/evaluations/:id/sheet/:candidateId', { preHandler: app.csrfProtection, schema: { params: SheetParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const { id, candidateId } = req.params
    const body = (req.body ?? {}) as Record<string, unknown>
    const ev = await app.services.getEvaluation(app.db, actor, id)
    const mine = ev.status === 'draft' ? [] : (await app.services.listRatings(app.db, actor, id))
      .filter((r) => r.member === ev.myMember && r.candidate === candidateId)
    const stored = new Map(mine.map((r) => [r.criterion, r]))
    const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : undefined
    const changed: SaveRatingsInput['ratings'] = []
    for (const node of leaves(ev.criteria)) {
      const raw = body[`v.${node.id}`]
      if (typeof raw !== 'string' || raw === '') continue
      const comment = typeof body[`c.${node.id}`] === 'string' ? (body[`c.${node.id}`] as string).trim() : ''
      const choice = isPassFail(node)
        ? raw === 'pass' ? { pass: true } : raw === 'fail' ? { pass: false } : null
        : /^-?\d+$/.test(raw) ? { value: Number(raw) } : null
      if (!choice) throw new HttpProblem(400, 'validation', 'errors.validation', {}, [{ path: `v.${node.id}`, message: raw }])
      const before = stored.get(node.id)
      const same = before !== undefined && before.value === (choice as { value?: number }).value && before.pass === (choice as { pass?: boolean }).pass
        && (before.comment ?? '') === comment
      if (!same) changed.push({ candidate: candidateId, criterion: node.id, ...choice, comment: comment === '' ? null : comment })
    }
    // The whole sheet in one transaction: all saved, or none (with the reason of the refusal).
    const { saved } = changed.length
      ? await app.services.saveRatings(app.db, actor, id, { ratings: changed, ...(reason ? { reason } : {}) })
      : { saved: 0 }
    return reply.redirect(`/evaluations/${id}/sheet?candidate=${encodeURIComponent(candidateId)}&saved=${saved}`, 303)
  })
}
