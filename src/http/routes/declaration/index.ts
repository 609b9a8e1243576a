// The conflict-of-interest declaration (§2; a rater, in scoring, once, before rating):
// POST /api/v1/evaluations/:id/declaration and the page GET/POST /evaluations/:id/declaration.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DeclarationInput } from '../../../services/index.ts'
import { HttpProblem } from '../../http-problem.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'

export const declarationApi: FastifyPluginAsyncZod = async (app) => {
  app.post('/evaluations/:id/declaration', {
    schema: {
      tags: ['declaration'],
      summary: '{ noConflict: true } or { conflicts: [{ candidate, reason }] } (a rater, in scoring, before the first rating)',
      params: EvaluationParams,
      body: DeclarationInput,
      response: { 204: z.null(), ...errors(400, 401, 403, 404, 409, 415) },
    },
  }, async (req, reply) => {
    await app.services.declare(app.db, requireActor(req), req.params.id, req.body)
    return reply.status(204).send(null)
  })
}

/** The form: `noConflict=on`, or `conflict.<code>=on` with `reason.<code>` for each named candidate. */
export function declarationFromForm(body: Record<string, unknown>): z.infer<typeof DeclarationInput> {
  const conflicts = Object.keys(body)
    .filter((k) => k.startsWith('conflict.') && body[k] === 'on')
    .map((k) => {
      const candidate = k.slice('conflict.'.length)
      return { candidate, reason: String(body[`reason.${candidate}`] ?? '').trim() }
    })
  if (body.noConflict === 'on' && conflicts.length === 0) return { noConflict: true }
  if (conflicts.length === 0 || body.noConflict === 'on' || conflicts.some((c) => c.reason === '')) {
    throw new HttpProblem(400, 'validation', 'declaration.chooseOne')
  }
  return { conflicts }
}

export const declarationPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/declaration', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const ev = await app.services.getEvaluation(app.db, requireActor(req), req.params.id)
    const me = ev.members.find((m) => m.id === ev.myMember)
    const rater = ev.myRole === 'chair' || ev.myRole === 'member'
    const names = new Map(ev.candidates.map((c) => [c.id, c.name]))
    return reply.page('evaluations/declaration', req.t('declaration.title'), {
      ev,
      nav: evaluationNav(ev, 'declaration'),
      rater,
      declaredAt: me?.declared ? me.declaredAt : null,
      canDeclare: rater && ev.status === 'scoring' && !me?.declared,
      notScoring: ev.status !== 'scoring',
      abstentions: ev.abstentions.filter((a) => a.member === ev.myMember).map((a) => ({ ...a, name: names.get(a.candidate) ?? a.candidate })),
    })
  })

  app.post('/evaluations/:id/declaration', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const input = declarationFromForm((req.body ?? {}) as Record<string, unknown>)
    await app.services.declare(app.db, requireActor(req), req.params.id, input)
    return reply.redirect(`/evaluations/${req.params.id}/sheet`, 303)
  })
}
