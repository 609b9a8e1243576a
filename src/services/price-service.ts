// §12 the price envelope: the secretary records each candidate's price proposal, sealed until
// the evaluation enters `price`; then only the technically qualified candidates' prices open.
//
// Decisions where §12 is silent (also in src/services/README.md):
// - Prices may be recorded from draft through `price` (a bid arrives before the technical
//   evaluation; a late entry or a correction in `price` needs a reason), never once finalized.
// - Sealed means sealed for everyone, the secretary who typed it included: until `price`, a
//   listing says only which candidates have a price recorded.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { listPrices as listPriceRows, upsertPrice } from '../db/price-repository.ts'
import type { PriceRecord } from '../db/records.ts'
import { evaluatedPrice, PRICE_MAX, type PriceMethod } from '../domain/price.ts'
import { computeResults } from '../domain/scoring.ts'
import type { Status } from '../domain/evaluation-file.ts'
import type { Actor } from './actor.ts'
import { AppError, validationError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import { candidateByCode, loadState } from './evaluation-state.ts'
import { langOf } from './actor.ts'
import { parseInput } from './parse-input.ts'
import { PRICE_OPEN } from './price-file.ts'
import { serviceMessage } from './messages.ts'

const Vnd = z.number().int().min(-PRICE_MAX).max(PRICE_MAX)

export const PriceInput = z.object({
  price: z.number().int().min(1).max(PRICE_MAX),
  adjustments: z.array(z.object({
    label: z.string().trim().min(1).max(300),
    amount: Vnd,
  }).strict()).max(50).optional(),
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type PriceInput = z.infer<typeof PriceInput>

const RECORDABLE: readonly Status[] = ['draft', 'scoring', 'review', 'price']

export interface PriceView {
  readonly candidate: string
  /** A price proposal has been recorded (always shown: it says nothing of the amount). */
  readonly recorded: boolean
  /** The amounts are shown: the envelope is open and this candidate qualified technically. */
  readonly opened: boolean
  readonly price?: number
  readonly adjustments?: { label: string; amount: number }[]
  readonly evaluated?: number
}

export interface PricesView {
  readonly method: PriceMethod
  readonly K: number | null
  readonly sealed: boolean
  readonly prices: PriceView[]
}

/** Records (or corrects) a candidate's price proposal: the secretary, sealed until `price`. */
export async function setPrice(db: Db, actor: Actor, id: number, candidate: string, input: PriceInput): Promise<{ evaluated: number | null }> {
  const v = parseInput(PriceInput, input, actor)
  const lang = langOf(actor)
  const evaluated = evaluatedPrice(v.price, v.adjustments ?? [])
  if (evaluated === null || evaluated < 1) {
    throw validationError([{ path: 'adjustments', message: serviceMessage(lang, 'evaluatedPriceTooLow', { value: evaluated ?? 'NaN' }) }])
  }
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['secretary'])
    requireStatus(access, RECORDABLE)
    const s = await loadState(trx, id)
    if (s.evaluation.method === 'technical') throw new AppError('conflict', 'noPriceEnvelope')
    const reason = v.reason === '' ? undefined : v.reason
    if (access.head.status === 'price' && !reason) throw validationError([{ path: 'reason', message: serviceMessage(lang, 'reasonRequired') }])
    const c = candidateByCode(s, candidate)
    // Once opened, a price is only for a technically qualified candidate: the others are never opened.
    if (access.head.status === 'price' && !qualifiedCandidates(computeResults(await buildEvaluationFile(trx, id), { monteCarlo: false })).has(c.code)) {
      throw new AppError('conflict', 'priceNotQualified', { candidate: c.name })
    }
    const before = (await listPriceRows(trx, id)).find((p) => p.candidateId === c.id)
    const record: PriceRecord = { candidateId: c.id, price: v.price, adjustments: v.adjustments ?? [] }
    const at = now()
    await upsertPrice(trx, id, record, at)
    await appendAudit(trx, actor, access.head, {
      action: 'price.set',
      entity: `price:${c.code}`,
      before: before ? { candidate: c.code, price: before.price, adjustments: before.adjustments } : null,
      after: { candidate: c.code, price: record.price, adjustments: record.adjustments },
      reason,
    }, at)
    return { evaluated }
  })
}

/**
 * The price envelope as the committee may see it: while sealed, which candidates have a price
 * recorded; from `price` on, the amounts of the technically qualified candidates only.
 */
export async function listPrices(db: Db, actor: Actor, id: number): Promise<PricesView> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'], { admin: true })
  const s = await loadState(db, id)
  const rows = await listPriceRows(db, id)
  const byId = new Map(rows.map((r) => [r.candidateId, r]))
  const sealed = !PRICE_OPEN.includes(access.head.status)
  const qualified = sealed ? new Set<string>() : qualifiedCandidates(computeResults(await buildEvaluationFile(db, id), { monteCarlo: false }))
  const prices = s.candidates.map((c): PriceView => {
    const row = byId.get(c.id)
    const opened = !sealed && qualified.has(c.code)
    if (!row || !opened) return { candidate: c.code, recorded: row !== undefined, opened }
    return {
      candidate: c.code, recorded: true, opened,
      price: row.price, adjustments: row.adjustments.map((a) => ({ label: a.label, amount: a.amount })), evaluated: evaluatedPrice(row.price, row.adjustments) ?? undefined,
    }
  })
  return { method: s.evaluation.method, K: s.evaluation.priceK, sealed, prices }
}

const qualifiedCandidates = (r: ReturnType<typeof computeResults>): Set<string> =>
  new Set(r.candidates.filter((c) => c.qualified).map((c) => c.id))
