// Results of an evaluation (§3, §9): scores, ranks, qualification, recommendation,
// disagreements, per-rater totals and sensitivity, from the evaluation file alone.
import { aggregateRatings, normalizeRating, passesMajority } from './aggregate.ts'
import { settingsOf, type EvaluationFile } from './evaluation-file.ts'
import { monteCarlo } from './monte-carlo.ts'
import { priceResults } from './price.ts'
import { outcomeOf, ranksOf } from './recommendation.ts'
import type { CandidateResult, ConsensusResult, Disagreement, Results } from './results.ts'
import { assess, buildModel, type Assessment, type ScoringModel } from './scoring-model.ts'
import { weightSensitivity, type TopLevelScores } from './sensitivity.ts'

/** Aggregating on {0, 1} leaves raw levels in scale units. */
const UNIT_SCALE = { min: 0, max: 1 } as const

export interface ComputeOptions {
  /** Run the Monte Carlo sensitivity (default true); off for live progress during scoring. */
  readonly monteCarlo?: boolean
}

/**
 * Everything §3 computes. Candidates come out in the order listed; nothing depends on the order
 * of members or ratings (ratings are placed in a fixed grid, and sums over levels are exact).
 */
export function computeResults(file: EvaluationFile, opts: ComputeOptions = {}): Results {
  const model = buildModel(file)
  const { candidateIds, raterIds, leafIds, tops } = model
  const P = candidateIds.length
  const R = raterIds.length
  const L = leafIds.length
  const G = tops.length

  const weights: Record<string, number> = {}
  for (let c = 0; c < L; c++) if (model.scored[c]) weights[leafIds[c] as string] = model.weight[c] as number

  const assessments: Assessment[] = []
  const complete: boolean[] = []
  const disagreements: Disagreement[] = []
  const consensus: ConsensusResult[] = []
  const raters: Record<string, number>[] = []
  const levels = new Float64Array(R)
  const rating = new Float64Array(L)
  const verdict = new Uint8Array(L)

  for (let p = 0; p < P; p++) {
    const candidate = candidateIds[p] as string
    for (let c = 0; c < L; c++) {
      let n = 0
      let lo = Number.POSITIVE_INFINITY
      let hi = Number.NEGATIVE_INFINITY
      for (let r = 0; r < R; r++) {
        const v = model.levels[(r * P + p) * L + c] as number
        if (Number.isNaN(v)) continue
        levels[n++] = v
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
      // §11: a consensus replaces the aggregate (disagreements still come from the raters' own).
      const agreed = model.consensus[p * L + c] as number
      const criterion = leafIds[c] as string
      const reason = model.consensusReason.get(p * L + c) as string
      if (model.scored[c]) {
        rating[c] = aggregateRatings(levels.subarray(0, n), model.scale, model.aggregation)
        if (n >= 2 && hi - lo >= model.disagreementSpread) {
          disagreements.push({ candidate, criterion, spread: hi - lo })
        }
        if (!Number.isNaN(agreed)) {
          // The replaced aggregate in scale units: the same rule on the raw levels (exact sums).
          const replaced = aggregateRatings(levels.subarray(0, n), UNIT_SCALE, model.aggregation)
          consensus.push({ candidate, criterion, value: agreed, replaced: Number.isNaN(replaced) ? null : replaced, reason })
          rating[c] = normalizeRating(agreed, model.scale)
        }
      } else {
        rating[c] = Number.NaN
        let passCount = 0
        for (let i = 0; i < n; i++) passCount += levels[i] as number
        verdict[c] = passesMajority(passCount, n) ? 1 : 0
        if (passCount > 0 && passCount < n) disagreements.push({ candidate, criterion, spread: 1 })
        if (!Number.isNaN(agreed)) {
          consensus.push({ candidate, criterion, pass: agreed === 1, replaced: verdict[c] === 1, reason })
          verdict[c] = agreed
        }
      }
    }
    assessments.push(assess(model, rating, (c) => verdict[c] === 1))
    complete.push(raterIds.every((_, r) => sheetState(model, r, p).complete))
    raters.push(raterTotals(model, p))
  }

  const scores = assessments.map((a) => a.score)
  const ranks = ranksOf(scores)
  const outcome = outcomeOf(scores, assessments.map((a) => a.qualified))

  const candidates: CandidateResult[] = assessments.map((a, p) => {
    const groups: Record<string, number> = {}
    tops.forEach((g, i) => {
      groups[g.id] = a.subtotals[i] as number
    })
    const points: Record<string, number> = {}
    for (let c = 0; c < L; c++) if (model.scored[c]) points[leafIds[c] as string] = a.points[c] as number
    return {
      id: candidateIds[p] as string,
      score: a.score,
      rank: ranks[p] as number,
      qualified: a.qualified,
      complete: complete[p] as boolean,
      groups,
      points,
      failed: a.failed,
      raters: raters[p] as Record<string, number>,
    }
  })

  const topLevel: TopLevelScores = {
    candidateIds,
    groupIds: tops.map((g) => g.id),
    shares: Float64Array.from(tops, (g) => g.share),
    percent: Float64Array.from({ length: P * G }, (_, i) => assessments[Math.floor(i / G)]?.groupPercent[i % G] ?? 0),
    eligible: assessments.map((a) => a.eligible),
    threshold: model.threshold,
  }
  const sensitivity: Results['sensitivity'] = opts.monteCarlo === false
    ? { groups: weightSensitivity(topLevel) }
    : { groups: weightSensitivity(topLevel), monteCarlo: monteCarlo(topLevel, settingsOf(file).monteCarlo) }

  const technical = {
    weights,
    candidates,
    recommended: outcome.winner >= 0 ? (candidateIds[outcome.winner] as string) : null,
    tied: outcome.tied.map((p) => candidateIds[p] as string),
    disagreements,
    consensus,
    sensitivity,
  }
  return withPriceEnvelope(file, technical)
}

/**
 * §12: once the price envelope is open (the file carries `prices`, which it does only from the
 * `price` stage on), the top-level recommendation becomes the method's; the technical ranks stay
 * in `candidates`.
 */
function withPriceEnvelope(file: EvaluationFile, technical: Results): Results {
  const method = file.evaluation.method ?? 'technical'
  if (method === 'technical' || file.prices === undefined) return technical
  const { recommended, tied, ...price } = priceResults(method, file.evaluation.K ?? null, technical.candidates, file.prices)
  return { ...technical, recommended, tied, price }
}

/** Each rater's own total 100 × Σ W(c) × r(c) over their ratings; abstainers left out. */
function raterTotals(model: ScoringModel, p: number): Record<string, number> {
  const out: Record<string, number> = {}
  model.raterIds.forEach((id, r) => {
    if (!model.abstains[r * model.candidateIds.length + p]) out[id] = ownAssessment(model, r, p).score
  })
  return out
}

/** A rater's sheet for one candidate judged alone: their ratings, their pass/fail judgments. */
function ownAssessment(model: ScoringModel, r: number, p: number): Assessment {
  const L = model.leafIds.length
  const base = (r * model.candidateIds.length + p) * L
  const { min, max } = model.scale
  const rating = new Float64Array(L)
  for (let c = 0; c < L; c++) {
    const v = model.levels[base + c] as number
    rating[c] = model.scored[c] ? (v - min) / (max - min) : Number.NaN
  }
  // On one sheet the majority rule reduces to: passed when this rater said pass.
  return assess(model, rating, (c) => model.levels[base + c] === 1)
}

function sheetState(model: ScoringModel, r: number, p: number) {
  const L = model.leafIds.length
  const abstained = model.abstains[r * model.candidateIds.length + p] === 1
  const base = (r * model.candidateIds.length + p) * L
  let rated = 0
  for (let c = 0; c < L; c++) if (!Number.isNaN(model.levels[base + c] as number)) rated++
  return { rated, total: L, abstained, complete: abstained || rated === L }
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
