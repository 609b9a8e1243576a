// Results of an evaluation (§3, §9): scores, ranks, qualification, recommendation,
// disagreements, per-rater totals and sensitivity, from the evaluation file alone.
import type { EvaluationFile } from './evaluation-file.ts'
import type { Results } from './results.ts'
import { resultsOf, resultsState } from './results-state.ts'
import { buildModel, ownAssessment, sheetState } from './scoring-model.ts'

export interface ComputeOptions {
  /** Run the Monte Carlo sensitivity (default true); off for live progress during scoring. */
  readonly monteCarlo?: boolean
}

/**
 * Everything §3 computes. Candidates come out in the order listed; nothing depends on the order
 * of members or ratings (ratings are placed in a fixed grid, and sums over levels are exact).
 * The parts are those `results-state.ts` keeps for recomputing after a change.
 */
export function computeResults(file: EvaluationFile, opts: ComputeOptions = {}): Results {
  return resultsOf(resultsState(file), opts)
}

/** One score sheet (rater × candidate) as counts only: safe to show while scoring is blind. */
export interface SheetProgress {
  readonly member: string
  readonly candidate: string
  /** Criteria (scored and pass/fail) this rater has rated for this candidate. */
  readonly rated: number
  readonly total: number
  readonly abstained: boolean
  /** Every criterion rated, or abstaining (§3 completeness). */
  readonly complete: boolean
}

/** Progress of every sheet, raters in the order listed, then candidates in the order listed. */
export function progress(file: EvaluationFile): SheetProgress[] {
  const model = buildModel(file)
  const out: SheetProgress[] = []
  model.raterIds.forEach((member, r) => {
    model.candidateIds.forEach((candidate, p) => {
      out.push({ member, candidate, ...sheetState(model, r, p) })
    })
  })
  return out
}

/** A rater's own sheet: their total and ĐẠT/KHÔNG ĐẠT by the evaluation's thresholds. */
export interface SheetQualification {
  readonly total: number
  readonly qualified: boolean
  /** As in the results: pass/fail ids not passed, nodes under threshold, then "threshold". */
  readonly failed: readonly string[]
  readonly complete: boolean
}

/**
 * The qualification of one rater's own sheet for one candidate (unrated counts 0, an unjudged
 * pass/fail criterion fails). Null for an unknown rater or candidate, or when the rater abstains.
 */
export function raterQualification(file: EvaluationFile, member: string, candidate: string): SheetQualification | null {
  const model = buildModel(file)
  const r = model.raterIds.indexOf(member)
  const p = model.candidateIds.indexOf(candidate)
  if (r < 0 || p < 0 || model.abstains[r * model.candidateIds.length + p]) return null
  const a = ownAssessment(model, r, p)
  return { total: a.score, qualified: a.qualified, failed: a.failed, complete: sheetState(model, r, p).complete }
}
