// Ratings (§2, §5). API: PUT /api/v1/evaluations/:id/ratings/:candidateId/:criterionId (a rater,
// own rating only; reason required in review), GET …/ratings (own only until review).
// Pages: the score sheet GET /evaluations/:id/sheet[?candidate=A] and its plain-form submit
// POST /evaluations/:id/sheet/:candidateId, which works without JavaScript.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isPassFail, leaves } from '../../../domain/criteria.ts'
import { SaveRatingInput, type SaveRatingsInput } from '../../../services/index.ts'
import { HttpProblem } from '../../http-problem.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { failedReasons, ownTotal, sheetSections } from './sheet-page.ts'
import { namesOf } from '../evaluations/setup-page.ts'
import { formFailed, type FormState } from '../form.ts'

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
  /** Entered by the secretary from the rater's paper sheet (§2). */
  onBehalf: z.literal(true).optional(),
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
  const renderSheet = async (req: FastifyRequest, reply: FastifyReply, id: number, candidateId: string | undefined, saved?: number, form?: FormState) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, id)
    const rater = ev.myRole === 'chair' || ev.myRole === 'member'
    const me = ev.members.find((m) => m.id === ev.myMember)
    const candidate = ev.candidates.find((c) => c.id === candidateId) ?? ev.candidates[0]
    const base = { ev, nav: evaluationNav(ev, 'sheet'), rater }
    if (!rater || !me || !candidate) return reply.page('evaluations/sheet', req.t('sheet.title'), base)

    const all = ev.status === 'draft' ? [] : await app.services.listRatings(app.db, actor, ev.id)
    const mine = all.filter((r) => r.member === me.id && r.candidate === candidate.id)
    const byCriterion = new Map(mine.map((r) => [r.criterion, r]))
    const abstention = ev.abstentions.find((a) => a.member === me.id && a.candidate === candidate.id)
    const total = leaves(ev.criteria).length
    const own = abstention ? null : ownTotal(ev, me.id, candidate.id, mine)
    // Until the sheet is complete there is no verdict to give (§3: unrated counts 0).
    const verdict = own ? { complete: own.complete, total: own.total, qualified: own.qualified, reasons: own.complete && !own.qualified ? failedReasons(ev, own.failed, req.lang) : [] } : null
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
      own: verdict,
      saved: form ? undefined : saved,
      form,
      apiBase: `/api/v1/evaluations/${ev.id}/ratings/${encodeURIComponent(candidate.id)}/`,
      levels: [...ev.scale.levels].sort((a, b) => a.value - b.value),
      scaleMin: ev.scale.min,
      scaleMax: ev.scale.max,
    })
  }

  app.get('/evaluations/:id/sheet', { schema: { params: EvaluationParams, querystring: SheetQuery } }, async (req, reply) =>
    renderSheet(req, reply, req.params.id, req.query.candidate, req.query.saved))

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
    const refused: { path: string; key: string }[] = []
    for (const node of leaves(ev.criteria)) {
      const raw = body[`v.${node.id}`]
      const comment = typeof body[`c.${node.id}`] === 'string' ? (body[`c.${node.id}`] as string).trim() : ''
      if (typeof raw !== 'string' || raw === '') {
        // A comment with no level is not dropped in silence: the rater is asked for the level.
        if (comment !== '' && !stored.has(node.id)) refused.push({ path: `c.${node.id}`, key: 'sheet.commentNeedsScore' })
        continue
      }
      const choice = isPassFail(node)
        ? raw === 'pass' ? { pass: true } : raw === 'fail' ? { pass: false } : null
        : /^-?\d+$/.test(raw) ? { value: Number(raw) } : null
      if (!choice) { refused.push({ path: `c.${node.id}`, key: 'forms.ratingChoice' }); continue }
      const before = stored.get(node.id)
      const same = before !== undefined && before.value === (choice as { value?: number }).value && before.pass === (choice as { pass?: boolean }).pass
        && (before.comment ?? '') === comment
      if (!same) changed.push({ candidate: candidateId, criterion: node.id, ...choice, comment: comment === '' ? null : comment })
    }
    // The whole sheet in one transaction: all saved, or none (with the reason of the refusal).
    let saved = 0
    const spec = {
      id: 'sheet',
      labels: { reason: 'sheet.reviewReason' },
      keyFields: { reviewReasonRequired: 'reason' } as const,
      fieldOf: (path: string) => (/^ratings\[\d+\]/.test(path) ? undefined : path),
    }
    try {
      if (refused.length) throw new HttpProblem(400, 'validation', 'errors.validation', {}, refused)
      if (changed.length) ({ saved } = await app.services.saveRatings(app.db, actor, id, { ratings: changed, ...(reason ? { reason } : {}) }))
    } catch (err) {
      return formFailed(err, req, reply, spec, (form) => renderSheet(req, reply, id, candidateId, undefined, form), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${id}/sheet?candidate=${encodeURIComponent(candidateId)}&saved=${saved}`, 303)
  })
}
