// Results (§3, §9) for the committee from review on; during scoring for the chair and secretary
// only, as progress: marked incomplete, without anything that shows another rater's ratings.
import type { Db } from '../db/database.ts'
import type { Status } from '../domain/evaluation-file.ts'
import type { Results } from '../domain/results.ts'
import { computeResults } from '../domain/scoring.ts'
import { spreads as allSpreads, type Spread } from '../domain/spreads.ts'
import { isSystem, type Actor } from './actor.ts'
import { AppError } from './app-error.ts'
import { loadAccess, requireRole } from './access.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import type { EvaluationHead } from '../db/records.ts'

export interface ResultsView {
  readonly status: Status
  /** Every sheet complete. */
  readonly complete: boolean
  /** True while scoring: per-rater totals of others and disagreements are withheld. */
  readonly blind: boolean
  readonly results: Results
  /** The spread of every candidate × criterion (the heat map); empty while blind. */
  readonly spreads: readonly Spread[]
}

export async function getResults(db: Db, actor: Actor, id: number, opts: { monteCarlo?: boolean } = {}): Promise<ResultsView> {
  const access = await loadAccess(db, actor, id)
  const status = access.head.status
  if (status === 'draft') throw new AppError('wrong_state', 'resultsNotYet')
  const blind = status === 'scoring' && !isSystem(actor)
  if (status === 'scoring') requireRole(actor, access, ['chair', 'secretary'])
  else requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'])
  const monteCarlo = opts.monteCarlo ?? status !== 'scoring'
  const { results: full, spreads } = await cachedResults(db, id, access.head, monteCarlo)
  const complete = full.candidates.every((c) => c.complete)
  if (!blind) return { status, complete, blind, results: full, spreads }
  const own = access.member?.code
  const results: Results = {
    ...full,
    candidates: full.candidates.map((c) => ({
      ...c,
      raters: own !== undefined && own in c.raters ? { [own]: c.raters[own] as number } : {},
    })),
    disagreements: [],
  }
  return { status, complete, blind, results, spreads: [] }
}

/**
 * Results change only when the evaluation does, and every change appends to its audit log: the
 * last results are kept per evaluation, keyed by the audit head's seq and the revision, so the
 * results page of a large evaluation reads 60 000 ratings once, not on every view.
 */
interface Computed {
  readonly results: Results
  readonly spreads: readonly Spread[]
}

const cache = new WeakMap<object, Map<string, { key: string; computed: Computed }>>()

async function cachedResults(db: Db, id: number, head: EvaluationHead, monteCarlo: boolean): Promise<Computed> {
  let perDb = cache.get(db)
  if (!perDb) cache.set(db, (perDb = new Map()))
  const slot = `${id}:${monteCarlo}`
  const key = `${head.auditSeq}:${head.revision}`
  const hit = perDb.get(slot)
  // A copy, so a caller that sorts or edits what it got cannot change the kept results.
  if (hit && hit.key === key) return structuredClone(hit.computed)
  // The head was read before the ratings: the data is at least as new as the key it is kept under.
  const file = await buildEvaluationFile(db, id)
  const computed = { results: computeResults(file, { monteCarlo }), spreads: allSpreads(file) }
  perDb.set(slot, { key, computed: structuredClone(computed) })
  return computed
}
