// §12 the price envelope: PUT /api/v1/evaluations/:id/prices/:candidateId (the secretary records
// a sealed price proposal), GET …/prices (what may be seen of it), and the page
// GET/POST /evaluations/:id/prices.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { NodeId } from '../../../domain/criteria.ts'
import { PRICE_METHODS } from '../../../domain/price.ts'
import { PriceInput } from '../../../services/index.ts'
import { noticeLocation } from '../../notice.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'

const PriceParams = EvaluationParams.extend({ candidateId: NodeId.describe('candidate id (code)') })

const Adjustment = z.object({ label: z.string(), amount: z.number() })

export const PricesOut = z.object({
  method: z.enum(PRICE_METHODS),
  K: z.number().nullable(),
  sealed: z.boolean().describe('true until the evaluation enters `price`: no amount is shown to anyone'),
  prices: z.array(z.object({
    candidate: z.string(),
    recorded: z.boolean(),
    opened: z.boolean().describe('the envelope is open and the candidate qualified technically'),
    price: z.number().optional(),
    adjustments: z.array(Adjustment).optional(),
    evaluated: z.number().optional(),
  })),
})

export const pricesApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/prices', {
    schema: {
      tags: ['prices'],
      summary: 'The price envelope: sealed (which candidates have a price) until `price`, then the technically qualified candidates\' prices (§12)',
      params: EvaluationParams,
      response: { 200: PricesOut, ...errors(401, 403, 404) },
    },
  }, async (req) => app.services.listPrices(app.db, requireActor(req), req.params.id))

  app.put('/evaluations/:id/prices/:candidateId', {
    schema: {
      tags: ['prices'],
      summary: '{ price, adjustments?: [{ label, amount }], reason? } — VND integers; the secretary; sealed until `price` (§12)',
      params: PriceParams,
      body: PriceInput,
      response: { 200: z.object({ evaluated: z.number().nullable() }), ...errors(400, 401, 403, 404, 409, 415) },
    },
  }, async (req) => app.services.setPrice(app.db, requireActor(req), req.params.id, req.params.candidateId, req.body))
}

/** The page's form: `price`, then up to five adjustment rows `label.N` / `amount.N`, and `reason`. */
const PriceForm = z.object({
  price: z.string(),
  reason: z.string().optional(),
  _csrf: z.string().optional(),
}).catchall(z.string())

const toInteger = (s: string): number => {
  const digits = s.replace(/[\s.,_]/g, '')
  return /^-?\d+$/.test(digits) ? Number(digits) : Number.NaN
}

export function priceFromForm(body: z.infer<typeof PriceForm>): PriceInput {
  const adjustments: { label: string; amount: number }[] = []
  for (let i = 0; i < 5; i++) {
    const label = (body[`label.${i}`] ?? '').trim()
    const amount = (body[`amount.${i}`] ?? '').trim()
    if (label === '' && amount === '') continue
    adjustments.push({ label, amount: toInteger(amount) })
  }
  const reason = body.reason?.trim()
  return { price: toInteger(body.price), ...(adjustments.length ? { adjustments } : {}), ...(reason ? { reason } : {}) }
}

export const pricesPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/prices', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    const view = await app.services.listPrices(app.db, actor, req.params.id)
    const names = new Map(ev.candidates.map((c) => [c.id, c.name]))
    const canRecord = ev.myRole === 'secretary' && ev.method !== 'technical' && ['draft', 'scoring', 'review', 'price'].includes(ev.status)
    return reply.page('evaluations/prices', req.t('prices.title'), {
      ev,
      nav: evaluationNav(ev, 'prices'),
      view,
      technical: ev.method === 'technical',
      combined: ev.method === 'combined',
      rows: view.prices.map((p) => ({ ...p, name: names.get(p.candidate) ?? p.candidate })),
      canRecord,
      needsReason: ev.status === 'price',
      slots: [0, 1, 2, 3, 4],
    })
  })

  app.post('/evaluations/:id/prices/:candidateId', { preHandler: app.csrfProtection, schema: { params: PriceParams, body: PriceForm } }, async (req, reply) => {
    await app.services.setPrice(app.db, requireActor(req), req.params.id, req.params.candidateId, priceFromForm(req.body))
    return reply.redirect(noticeLocation(`/evaluations/${req.params.id}/prices`, 'priceSaved', {}), 303)
  })
}
