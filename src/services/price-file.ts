// §12 in the §9 file: the opened prices join the file only once the envelope is open (`price`,
// `finalized`), and only those of technically qualified candidates — the others are never
// opened, so no export, report or hash ever carries them.
import type { PriceRecord } from '../db/records.ts'
import { canonicalEvaluation } from '../domain/canonical.ts'
import type { EvaluationFile, Status } from '../domain/evaluation-file.ts'
import { computeResults } from '../domain/scoring.ts'
import type { EvaluationState } from './evaluation-state.ts'

/** The states in which the price envelope is open (amounts shown, §12). */
export const PRICE_OPEN: readonly Status[] = ['price', 'finalized']

export function withOpenedPrices(file: EvaluationFile, s: EvaluationState, prices: readonly PriceRecord[]): EvaluationFile {
  const method = s.evaluation.method
  if (method === 'technical') return file
  const header = { ...file.evaluation, method, ...(method === 'combined' && s.evaluation.priceK !== null ? { K: s.evaluation.priceK } : {}) }
  const withMethod: EvaluationFile = { ...file, evaluation: header }
  if (!PRICE_OPEN.includes(s.evaluation.status)) return withMethod
  const qualified = new Set(computeResults(withMethod, { monteCarlo: false }).candidates.filter((c) => c.qualified).map((c) => c.id))
  const code = new Map(s.candidates.map((c) => [c.id, c.code]))
  const opened = prices.flatMap((p) => {
    const candidate = code.get(p.candidateId)
    if (candidate === undefined || !qualified.has(candidate)) return []
    return [{ candidate, price: p.price, ...(p.adjustments.length ? { adjustments: p.adjustments.map((a) => ({ label: a.label, amount: a.amount })) } : {}) }]
  })
  return canonicalEvaluation({ ...withMethod, prices: opened })
}
