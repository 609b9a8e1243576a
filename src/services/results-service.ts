// Results (§3, §9) for the committee from review on. During scoring (blind, §2, §7) the chair and
// the secretary get progress only — counts of criteria rated per rater × candidate — because
// every score, subtotal, point, rank, verdict or total depends on hidden ratings.
import type { Db } from '../db/database.ts'
import type { Status } from '../domain/evaluation-file.ts'
import type { Results } from '../domain/results.ts'
import type { Spread } from '../domain/spreads.ts'
import { isSystem, type Actor } from './actor.ts'
import { AppError } from './app-error.ts'
import { loadAccess, requireRole } from './access.ts'
import { getProgress, type Progress } from './progress-service.ts'
import { keptResults } from './results-cache.ts'

/** From review on (or for the machine itself): the results. */
export interface OpenResultsView {
  readonly status: Status
  readonly blind: false
  /** Every sheet complete. */
  readonly complete: boolean
  readonly results: Results
  /** The spread of every candidate × criterion (the heat map). */
  readonly spreads: readonly Spread[]
}

/**
 * During scoring: progress only. Everything here is a function of the counts of criteria rated
 * (and of declarations and abstentions, which are not hidden), never of a rating's content.
 */
export interface BlindResultsView {
  readonly status: Status
  readonly blind: true
  /** Every sheet complete (from the counts and abstentions). */
  readonly complete: boolean
  readonly progress: Omit<Progress, 'status'>
}

export type ResultsView = OpenResultsView | BlindResultsView

export async function getResults(db: Db, actor: Actor, id: number, opts: { monteCarlo?: boolean } = {}): Promise<ResultsView> {
  const access = await loadAccess(db, actor, id)
  const status = access.head.status
  if (status === 'draft') throw new AppError('wrong_state', 'resultsNotYet')
  if (status === 'scoring' && !isSystem(actor)) {
    requireRole(actor, access, ['chair', 'secretary'])
    const p = await getProgress(db, actor, id)
    const progress = { criteria: p.criteria, members: p.members, cells: p.cells }
    return { status, blind: true, complete: progress.cells.every((c) => c.complete), progress }
  }
  requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'])
  const monteCarlo = opts.monteCarlo ?? status !== 'scoring'
  const { results, spreads } = await keptResults(db, id, access.head, monteCarlo)
  return { status, blind: false, complete: results.candidates.every((c) => c.complete), results, spreads }
}

/** The results of a view, or `wrong_state` while they are blind (for callers that need numbers). */
export function openResults(view: ResultsView): OpenResultsView {
  if (view.blind) throw new AppError('wrong_state', 'resultsNotYet')
  return view
}
