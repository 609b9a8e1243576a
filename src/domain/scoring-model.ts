// The evaluation file turned into flat arrays, once, so that scoring, per-rater sheets,
// sensitivity and Monte Carlo all read the same precomputed numbers (internal to the domain).
import { isGroup, isPassFail, walk, type CriterionNode } from './criteria.ts'
import { RATER_ROLES, settingsOf, type EvaluationFile } from './evaluation-file.ts'
import { relativeWeights, nodeWeights } from './weights.ts'
import type { Aggregation } from './evaluation-file.ts'
import { EPSILON } from './tolerance.ts'

/** Scores closer than this are equal (ranks, thresholds): absorbs floating-point noise only. */
export { EPSILON }

/** A scored top-level node: a group, or a top-level criterion standing as its own group. */
export interface TopGroup {
  readonly id: string
  /** Normalized top-level weight s_g. */
  readonly share: number
  /** Leaf indices of the scored criteria under it, with weights relative to it (sum 1). */
  readonly leaves: Int32Array
  readonly relative: Float64Array
}

/** One check of qualification, in tree order: a pass/fail criterion or a node's threshold. */
export type Check =
  | { readonly kind: 'passFail'; readonly id: string; readonly leaf: number }
  | { readonly kind: 'threshold'; readonly id: string; readonly threshold: number; readonly leaves: Int32Array; readonly relative: Float64Array }

export interface ScoringModel {
  readonly scale: { readonly min: number; readonly max: number }
  readonly aggregation: Aggregation
  /** Minimum total score, when set. */
  readonly threshold: number | undefined
  readonly disagreementSpread: number
  /** Every criterion (leaf) in tree order; `scored[i]` false for pass/fail. */
  readonly leafIds: readonly string[]
  readonly scored: Uint8Array
  /** Global weight W(c) per leaf (0 for pass/fail). */
  readonly weight: Float64Array
  readonly tops: readonly TopGroup[]
  readonly checks: readonly Check[]
  /** Raters (chair and members) in the order listed; candidates as listed. */
  readonly raterIds: readonly string[]
  readonly candidateIds: readonly string[]
  /** Raw level (or 1 pass / 0 fail) at [(rater × P + candidate) × L + leaf]; NaN = not rated. */
  readonly levels: Float64Array
  /** 1 at [rater × P + candidate] when the rater abstains for the candidate. */
  readonly abstains: Uint8Array
  /** §11 consensus at [candidate × L + leaf]: raw level (or 1 pass / 0 fail); NaN = none. */
  readonly consensus: Float64Array
  /** The consensus' reason at the same index (only where `consensus` is set). */
  readonly consensusReason: ReadonlyMap<number, string>
}

export function buildModel(file: EvaluationFile): ScoringModel {
  const settings = settingsOf(file)
  const weights = nodeWeights(file.criteria)
  const leafNodes: CriterionNode[] = []
  for (const { node } of walk(file.criteria)) if (!isGroup(node)) leafNodes.push(node)
  const leafIds = leafNodes.map((n) => n.id)
  const leafIndex = new Map(leafIds.map((id, i) => [id, i]))
  const L = leafIds.length
  const scored = Uint8Array.from(leafNodes, (n) => (isPassFail(n) ? 0 : 1))
  const weight = Float64Array.from(leafNodes, (n) => (isPassFail(n) ? 0 : weights.get(n.id)?.global ?? 0))

  const indexed = (node: CriterionNode) => {
    const rel = relativeWeights(node)
    return {
      leaves: Int32Array.from([...rel.keys()], (id) => leafIndex.get(id) as number),
      relative: Float64Array.from(rel.values()),
    }
  }
  const tops: TopGroup[] = file.criteria
    .filter((n) => !isPassFail(n))
    .map((n) => ({ id: n.id, share: weights.get(n.id)?.local ?? 0, ...indexed(n) }))

  const checks: Check[] = []
  for (const { node } of walk(file.criteria)) {
    if (isPassFail(node)) checks.push({ kind: 'passFail', id: node.id, leaf: leafIndex.get(node.id) as number })
    else if (node.threshold !== undefined) checks.push({ kind: 'threshold', id: node.id, threshold: node.threshold, ...indexed(node) })
  }

  const raterIds = file.members.filter((m) => RATER_ROLES.includes(m.role)).map((m) => m.id)
  const raterIndex = new Map(raterIds.map((id, i) => [id, i]))
  const candidateIds = file.candidates.map((c) => c.id)
  const candidateIndex = new Map(candidateIds.map((id, i) => [id, i]))
  const P = candidateIds.length

  const abstains = new Uint8Array(raterIds.length * P)
  for (const a of file.abstentions ?? []) {
    const r = raterIndex.get(a.member)
    const p = candidateIndex.get(a.candidate)
    if (r !== undefined && p !== undefined) abstains[r * P + p] = 1
  }

  // Ratings the validator would refuse (unknown ids, non-raters, abstainers) are ignored here.
  const levels = new Float64Array(raterIds.length * P * L).fill(Number.NaN)
  // Ratings usually come grouped by member and candidate (the canonical order): reusing the last
  // lookup saves two of the three map lookups per rating on large files.
  let lastMember = ''
  let lastCandidate = ''
  let r: number | undefined
  let p: number | undefined
  for (const rating of file.ratings) {
    if (rating.member !== lastMember) {
      lastMember = rating.member
      r = raterIndex.get(lastMember)
    }
    if (rating.candidate !== lastCandidate) {
      lastCandidate = rating.candidate
      p = candidateIndex.get(lastCandidate)
    }
    const c = leafIndex.get(rating.criterion)
    if (r === undefined || p === undefined || c === undefined || abstains[r * P + p]) continue
    const v = scored[c] ? rating.value : rating.pass === undefined ? undefined : rating.pass ? 1 : 0
    if (v !== undefined) levels[(r * P + p) * L + c] = v
  }

  const consensus = new Float64Array(P * L).fill(Number.NaN)
  const consensusReason = new Map<number, string>()
  for (const k of file.consensus ?? []) {
    const cp = candidateIndex.get(k.candidate)
    const c = leafIndex.get(k.criterion)
    if (cp === undefined || c === undefined) continue
    const v = scored[c] ? k.value : k.pass === undefined ? undefined : k.pass ? 1 : 0
    if (v === undefined) continue
    consensus[cp * L + c] = v
    consensusReason.set(cp * L + c, k.reason)
  }

  return {
    scale: { min: file.scale.min, max: file.scale.max },
    aggregation: settings.aggregation,
    threshold: settings.threshold,
    disagreementSpread: settings.disagreementSpread,
    leafIds, scored, weight, tops, checks, raterIds, candidateIds, levels, abstains, consensus, consensusReason,
  }
}

/** What a vector of ratings (one per leaf) earns: the same rules for a candidate and a sheet. */
export interface Assessment {
  /** 100 × W(c) × R(c) per leaf (0 for pass/fail and unrated). */
  readonly points: Float64Array
  /** Subtotal per top group, in points; they sum to `score`. */
  readonly subtotals: Float64Array
  /** % of its own max points reached per top group: 100 × Σ relative(c) × R(c). */
  readonly groupPercent: Float64Array
  readonly score: number
  /** Pass/fail criteria and node thresholds all met (independent of top-level weights). */
  readonly eligible: boolean
  readonly qualified: boolean
  /** Tree order, then "threshold" for the total. */
  readonly failed: readonly string[]
}

/**
 * @param rating normalized rating per leaf (NaN = unrated, counts 0)
 * @param passes verdict per pass/fail leaf
 */
export function assess(model: ScoringModel, rating: Float64Array, passes: (leaf: number) => boolean): Assessment {
  const L = model.leafIds.length
  const points = new Float64Array(L)
  for (let c = 0; c < L; c++) {
    const r = rating[c] as number
    if (model.scored[c] && !Number.isNaN(r)) points[c] = 100 * (model.weight[c] as number) * r
  }
  const subtotals = new Float64Array(model.tops.length)
  const groupPercent = new Float64Array(model.tops.length)
  let score = 0
  model.tops.forEach((g, i) => {
    let sub = 0
    for (const c of g.leaves) sub += points[c] as number
    subtotals[i] = sub
    groupPercent[i] = percentOf(rating, g.leaves, g.relative)
    score += sub
  })
  const failed: string[] = []
  for (const check of model.checks) {
    const met = check.kind === 'passFail'
      ? passes(check.leaf)
      : percentOf(rating, check.leaves, check.relative) >= check.threshold - EPSILON
    if (!met) failed.push(check.id)
  }
  const eligible = failed.length === 0
  if (model.threshold !== undefined && score < model.threshold - EPSILON) failed.push('threshold')
  return { points, subtotals, groupPercent, score, eligible, qualified: failed.length === 0, failed }
}

/** A rater's sheet for one candidate judged alone: their ratings, their pass/fail judgments. */
export function ownAssessment(model: ScoringModel, r: number, p: number): Assessment {
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

/** One score sheet (rater × candidate) as counts: complete when every leaf is rated, or abstaining. */
export function sheetState(model: ScoringModel, r: number, p: number) {
  const L = model.leafIds.length
  const abstained = model.abstains[r * model.candidateIds.length + p] === 1
  const base = (r * model.candidateIds.length + p) * L
  let rated = 0
  for (let c = 0; c < L; c++) if (!Number.isNaN(model.levels[base + c] as number)) rated++
  return { rated, total: L, abstained, complete: abstained || rated === L }
}

/** 100 × Σ relative(c) × R(c): a node's points in % of its own max points. */
function percentOf(rating: Float64Array, leaves: Int32Array, relative: Float64Array): number {
  let sum = 0
  for (let i = 0; i < leaves.length; i++) {
    const r = rating[leaves[i] as number] as number
    if (!Number.isNaN(r)) sum += (relative[i] as number) * r
  }
  return 100 * sum
}
