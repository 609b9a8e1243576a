// Results (§3) kept as their parts — each candidate × criterion cell, each candidate's
// assessment, each score sheet's own total, the Monte Carlo weight draws — so that after a few
// ratings changed only what depends on them is computed again before the parts are put together
// (§10 "first view after a change"). `computeResults` is `resultsOf(resultsState(file))`: one
// path, so results updated this way are the very numbers a computation from scratch gives.
import { aggregateRatings, normalizeRating, passesMajority } from './aggregate.ts'
import { settingsOf, type EvaluationFile, type MonteCarloSettings, type PriceEntry } from './evaluation-file.ts'
import { keepDraws, monteCarlo, type KeptDraws } from './monte-carlo.ts'
import { priceResults } from './price.ts'
import { outcomeOf, ranksOf } from './recommendation.ts'
import type { CandidateResult, ConsensusResult, Disagreement, Results } from './results.ts'
import { assess, buildModel, ownAssessment, sheetState, type Assessment, type ScoringModel } from './scoring-model.ts'
import { weightSensitivity, type TopLevelScores } from './sensitivity.ts'
import type { Spread } from './spreads.ts'

/** Aggregating on {0, 1} leaves raw levels in scale units. */
const UNIT_SCALE = { min: 0, max: 1 } as const

/** Monte Carlo draws (weights and scores) kept up to this many numbers (16 MB); beyond, each run draws anew. */
const MAX_KEPT_DRAW_NUMBERS = 1 << 21

/** One cell's rating as it is now: a level or a pass/fail judgment; neither when it has none. */
export interface RatingChange {
  readonly member: string
  readonly candidate: string
  readonly criterion: string
  readonly value?: number
  readonly pass?: boolean
}

/** Per candidate × leaf, at [p × L + c]. */
interface Cells {
  /** R(p,c) normalized, consensus applied; NaN for pass/fail and unrated. */
  readonly rating: Float64Array
  /** Pass/fail verdict, consensus applied. */
  readonly verdict: Uint8Array
  /** Raters who rated the cell. */
  readonly rated: Int32Array
  /** max − min of the raters' raw levels (pass 1 / fail 0); NaN when unrated. */
  readonly range: Float64Array
  /** The disagreement's spread when flagged, else NaN. */
  readonly flagged: Float64Array
  /** §11 the consensus and what it replaced, where there is one. */
  readonly consensus: readonly (ConsensusResult | undefined)[]
}

export interface ResultsState {
  readonly model: ScoringModel
  readonly cells: Cells
  /** Per candidate. */
  readonly assessments: readonly Assessment[]
  /** Per sheet at [r × P + p]: the rater's own total (NaN when abstaining), and complete. */
  readonly sheetTotal: Float64Array
  readonly sheetComplete: Uint8Array
  readonly monteCarlo: MonteCarloSettings
  /** §12 once the price envelope is open. */
  readonly price: { readonly method: 'lowest-price' | 'combined'; readonly K: number | null; readonly prices: readonly PriceEntry[] } | undefined
  readonly index: { readonly rater: ReadonlyMap<string, number>; readonly candidate: ReadonlyMap<string, number>; readonly leaf: ReadonlyMap<string, number> }
  /** The Monte Carlo draws, made on first use and shared by every state derived from this one. */
  readonly draws: { value?: KeptDraws }
}

/** Every part, from the file. */
export function resultsState(file: EvaluationFile): ResultsState {
  const model = buildModel(file)
  const P = model.candidateIds.length
  const R = model.raterIds.length
  const L = model.leafIds.length
  const cells = emptyCells(P * L)
  const scratch = new Float64Array(R)
  for (let p = 0; p < P; p++) for (let c = 0; c < L; c++) computeCell(model, cells, p, c, scratch)
  const assessments = Array.from({ length: P }, (_, p) => candidateAssessment(model, cells, p))
  const sheetTotal = new Float64Array(R * P)
  const sheetComplete = new Uint8Array(R * P)
  for (let r = 0; r < R; r++) for (let p = 0; p < P; p++) computeSheet(model, sheetTotal, sheetComplete, r, p)
  const method = file.evaluation.method ?? 'technical'
  return {
    model, cells, assessments, sheetTotal, sheetComplete,
    monteCarlo: settingsOf(file).monteCarlo,
    price: method === 'technical' || file.prices === undefined ? undefined : { method, K: file.evaluation.K ?? null, prices: file.prices },
    index: {
      rater: new Map(model.raterIds.map((id, i) => [id, i])),
      candidate: new Map(model.candidateIds.map((id, i) => [id, i])),
      leaf: new Map(model.leafIds.map((id, i) => [id, i])),
    },
    draws: {},
  }
}

/**
 * The state after the given cells changed (the rest of the evaluation as it was): a new state,
 * this one left as it is. Only the changed cells, their candidates and their sheets are computed
 * again. A rating the file would not hold (unknown ids, a non-rater, an abstainer) is ignored,
 * as `buildModel` ignores it.
 */
export function withRatings(state: ResultsState, changes: readonly RatingChange[]): ResultsState {
  const { model, index } = state
  const P = model.candidateIds.length
  const L = model.leafIds.length
  const levels = model.levels.slice()
  const cellsDirty = new Set<number>()
  const sheetsDirty = new Set<number>()
  for (const ch of changes) {
    const r = index.rater.get(ch.member)
    const p = index.candidate.get(ch.candidate)
    const c = index.leaf.get(ch.criterion)
    if (r === undefined || p === undefined || c === undefined || model.abstains[r * P + p]) continue
    const v = model.scored[c] ? ch.value : ch.pass === undefined ? undefined : ch.pass ? 1 : 0
    levels[(r * P + p) * L + c] = v ?? Number.NaN
    cellsDirty.add(p * L + c)
    sheetsDirty.add(r * P + p)
  }
  if (cellsDirty.size === 0) return state
  const next: ScoringModel = { ...model, levels }
  const cells: Cells = {
    rating: state.cells.rating.slice(),
    verdict: state.cells.verdict.slice(),
    rated: state.cells.rated.slice(),
    range: state.cells.range.slice(),
    flagged: state.cells.flagged.slice(),
    consensus: state.cells.consensus.slice(),
  }
  const candidates = new Set<number>()
  const scratch = new Float64Array(model.raterIds.length)
  for (const i of cellsDirty) {
    const p = Math.floor(i / L)
    computeCell(next, cells, p, i - p * L, scratch)
    candidates.add(p)
  }
  const assessments = state.assessments.slice()
  for (const p of candidates) assessments[p] = candidateAssessment(next, cells, p)
  const sheetTotal = state.sheetTotal.slice()
  const sheetComplete = state.sheetComplete.slice()
  for (const i of sheetsDirty) computeSheet(next, sheetTotal, sheetComplete, Math.floor(i / P), i % P)
  return { ...state, model: next, cells, assessments, sheetTotal, sheetComplete }
}

/** Everything §3 computes, from the parts. Candidates come out in the order listed. */
export function resultsOf(state: ResultsState, opts: { readonly monteCarlo?: boolean } = {}): Results {
  const { model, cells, assessments } = state
  const { candidateIds, raterIds, leafIds, tops } = model
  const P = candidateIds.length
  const R = raterIds.length
  const L = leafIds.length
  const G = tops.length

  const weights: Record<string, number> = {}
  for (let c = 0; c < L; c++) if (model.scored[c]) weights[leafIds[c] as string] = model.weight[c] as number

  const disagreements: Disagreement[] = []
  const consensus: ConsensusResult[] = []
  for (let i = 0; i < P * L; i++) {
    const spread = cells.flagged[i] as number
    if (!Number.isNaN(spread)) disagreements.push({ candidate: candidateIds[Math.floor(i / L)] as string, criterion: leafIds[i % L] as string, spread })
    const agreed = cells.consensus[i]
    if (agreed) consensus.push(agreed)
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
    // Each rater's own total; abstainers left out.
    const raters: Record<string, number> = {}
    let complete = true
    for (let r = 0; r < R; r++) {
      if (!model.abstains[r * P + p]) raters[raterIds[r] as string] = state.sheetTotal[r * P + p] as number
      if (!state.sheetComplete[r * P + p]) complete = false
    }
    return {
      id: candidateIds[p] as string,
      score: a.score,
      rank: ranks[p] as number,
      qualified: a.qualified,
      complete,
      groups,
      points,
      failed: a.failed,
      raters,
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
    : { groups: weightSensitivity(topLevel), monteCarlo: monteCarlo(topLevel, state.monteCarlo, drawsOf(state, topLevel.shares, P)) }

  const technical: Results = {
    weights,
    candidates,
    recommended: outcome.winner >= 0 ? (candidateIds[outcome.winner] as string) : null,
    tied: outcome.tied.map((p) => candidateIds[p] as string),
    disagreements,
    consensus,
    sensitivity,
  }
  // §12: once the price envelope is open, the top-level recommendation becomes the method's; the
  // technical ranks stay in `candidates`.
  if (!state.price) return technical
  const { recommended, tied, ...price } = priceResults(state.price.method, state.price.K, technical.candidates, state.price.prices)
  return { ...technical, recommended, tied, price }
}

/** The spread of every candidate × criterion (the heat map), as `spreads(file)` gives it. */
export function spreadsOf(state: ResultsState): Spread[] {
  const { candidateIds, leafIds } = state.model
  const L = leafIds.length
  const out: Spread[] = []
  for (let i = 0; i < candidateIds.length * L; i++) {
    const rated = state.cells.rated[i] as number
    out.push({ candidate: candidateIds[Math.floor(i / L)] as string, criterion: leafIds[i % L] as string, rated, spread: rated === 0 ? null : state.cells.range[i] as number })
  }
  return out
}

function drawsOf(state: ResultsState, shares: ArrayLike<number>, P: number): KeptDraws | undefined {
  if (state.monteCarlo.draws * (shares.length + P) > MAX_KEPT_DRAW_NUMBERS) return undefined
  state.draws.value ??= keepDraws(shares, state.monteCarlo)
  return state.draws.value
}

function emptyCells(n: number): Cells {
  return {
    rating: new Float64Array(n),
    verdict: new Uint8Array(n),
    rated: new Int32Array(n),
    range: new Float64Array(n),
    flagged: new Float64Array(n),
    consensus: new Array<ConsensusResult | undefined>(n).fill(undefined),
  }
}

/** One candidate × criterion from the raters' levels (writes its slot of `cells`; `levels`: room for R). */
function computeCell(model: ScoringModel, cells: Cells, p: number, c: number, levels: Float64Array): void {
  const P = model.candidateIds.length
  const R = model.raterIds.length
  const L = model.leafIds.length
  const i = p * L + c
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
  cells.rated[i] = n
  cells.range[i] = n === 0 ? Number.NaN : hi - lo
  cells.flagged[i] = Number.NaN
  const consensus = cells.consensus as (ConsensusResult | undefined)[]
  consensus[i] = undefined
  // §11: a consensus replaces the aggregate (disagreements still come from the raters' own).
  const agreed = model.consensus[i] as number
  const candidate = model.candidateIds[p] as string
  const criterion = model.leafIds[c] as string
  const reason = model.consensusReason.get(i) as string
  if (model.scored[c]) {
    cells.rating[i] = aggregateRatings(levels.subarray(0, n), model.scale, model.aggregation)
    cells.verdict[i] = 0
    if (n >= 2 && hi - lo >= model.disagreementSpread) cells.flagged[i] = hi - lo
    if (!Number.isNaN(agreed)) {
      // The replaced aggregate in scale units: the same rule on the raw levels (exact sums).
      const replaced = aggregateRatings(levels.subarray(0, n), UNIT_SCALE, model.aggregation)
      consensus[i] = { candidate, criterion, value: agreed, replaced: Number.isNaN(replaced) ? null : replaced, reason }
      cells.rating[i] = normalizeRating(agreed, model.scale)
    }
  } else {
    cells.rating[i] = Number.NaN
    let passCount = 0
    for (let k = 0; k < n; k++) passCount += levels[k] as number
    cells.verdict[i] = passesMajority(passCount, n) ? 1 : 0
    if (passCount > 0 && passCount < n) cells.flagged[i] = 1
    if (!Number.isNaN(agreed)) {
      consensus[i] = { candidate, criterion, pass: agreed === 1, replaced: cells.verdict[i] === 1, reason }
      cells.verdict[i] = agreed
    }
  }
}

function candidateAssessment(model: ScoringModel, cells: Cells, p: number): Assessment {
  const L = model.leafIds.length
  const at = p * L
  return assess(model, cells.rating.subarray(at, at + L), (c) => cells.verdict[at + c] === 1)
}

function computeSheet(model: ScoringModel, total: Float64Array, complete: Uint8Array, r: number, p: number): void {
  const i = r * model.candidateIds.length + p
  total[i] = model.abstains[i] ? Number.NaN : ownAssessment(model, r, p).score
  complete[i] = sheetState(model, r, p).complete ? 1 : 0
}
