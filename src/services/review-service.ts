// §2 review: what the review workspace and the minutes read. Everyone's ratings and comments
// side by side, with the results (consensus included) — for the committee, from review on.
import type { Db } from '../db/database.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { isFromReview } from '../domain/evaluation-file.ts'
import type { Results } from '../domain/results.ts'
import { isSystem, type Actor } from './actor.ts'
import { loadAccess, requireRole } from './access.ts'
import { AppError } from './app-error.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import { getEvaluation, type EvaluationDetails } from './evaluations-service.ts'
import { listRatings, type RatingView } from './ratings-service.ts'
import { getResults } from './results-service.ts'

const COMMITTEE = ['chair', 'secretary', 'member', 'observer'] as const

export interface ReviewWorkspace {
  readonly evaluation: EvaluationDetails
  /** Everyone's ratings with their comments. */
  readonly ratings: readonly RatingView[]
  /** The results, each consensus with the aggregate it replaced (`results.consensus`). */
  readonly results: Results
}

async function requireOpen(db: Db, actor: Actor, id: number): Promise<void> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, COMMITTEE)
  const status = access.head.status
  if (!isSystem(actor) && !isFromReview(status)) throw new AppError('wrong_state', 'reviewNotYet')
}

/** The committee (observers read-only), from review on. */
export async function getReviewWorkspace(db: Db, actor: Actor, id: number): Promise<ReviewWorkspace> {
  await requireOpen(db, actor, id)
  const evaluation = await getEvaluation(db, actor, id)
  const ratings = await listRatings(db, actor, id)
  const view = await getResults(db, actor, id, { monteCarlo: false })
  if (!('results' in view) || !view.results) throw new AppError('wrong_state', 'reviewNotYet')
  return { evaluation, ratings, results: view.results }
}

/** The §9 file the minutes (§13) are printed from: the committee, from review on. */
export async function minutesFile(db: Db, actor: Actor, id: number): Promise<EvaluationFile> {
  await requireOpen(db, actor, id)
  return buildEvaluationFile(db, id)
}
