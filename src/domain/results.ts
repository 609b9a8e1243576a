// The results (§9) of an evaluation, numbers in full precision. Computed by `computeResults`
// in scoring.ts; rendered by pages, workbook and report; printed by `cli compute`.
import type { PriceResults } from './price.ts'

export interface CandidateResult {
  readonly id: string
  /** S(p) = 100 × Σ W(c) × R(p,c), in points of 100. */
  readonly score: number
  /** 1 + the number of candidates scoring more than this one by over 1e-9. */
  readonly rank: number
  readonly qualified: boolean
  /** False while some sheet of this candidate is incomplete (§3 completeness). */
  readonly complete: boolean
  /** Top-level subtotals in points; they sum to `score`. A top-level leaf is its own group. */
  readonly groups: Readonly<Record<string, number>>
  /** Each scored criterion's points, 100 × W(c) × R(p,c). */
  readonly points: Readonly<Record<string, number>>
  /** Pass/fail criterion ids failed, ids of nodes under their threshold, "threshold" for the total. */
  readonly failed: readonly string[]
  /** Each rater's own total for this candidate (§3 per-rater totals); abstainers absent. */
  readonly raters: Readonly<Record<string, number>>
}

export interface Disagreement {
  readonly candidate: string
  readonly criterion: string
  /** max − min of raw ratings; for a pass/fail criterion with mixed judgments, 1. */
  readonly spread: number
}

/** §11: a committee consensus that replaced the aggregate of one candidate × criterion. */
export type ConsensusResult = {
  readonly candidate: string
  readonly criterion: string
  readonly reason: string
} & (
  /** `replaced`: the aggregate it replaced, in scale units; null when nobody had rated. */
  | { readonly value: number; readonly replaced: number | null }
  /** `replaced`: the raters' majority verdict it replaced. */
  | { readonly pass: boolean; readonly replaced: boolean }
)

export interface GroupSensitivity {
  /** The signed change (pp) of smallest magnitude that changes the recommendation; null = stable. */
  readonly flipAt: number | null
  /** Nearest flip downwards (negative pp), null when none within the search range. */
  readonly down: number | null
  /** Nearest flip upwards (positive pp), null when none within the search range. */
  readonly up: number | null
}

export interface MonteCarloResult {
  readonly draws: number
  readonly seed: number
  /** Share of draws in which each candidate is recommended (every candidate listed, 0 included). */
  readonly wins: Readonly<Record<string, number>>
  /** Share of draws with a tie for the best rank among qualified candidates. */
  readonly tied: number
  /** Share of draws with no qualified candidate. */
  readonly none: number
}

export interface Results {
  /** Global weights of scored criteria (sum to 1). */
  readonly weights: Readonly<Record<string, number>>
  /** In the order the evaluation lists its candidates. */
  readonly candidates: readonly CandidateResult[]
  readonly recommended: string | null
  readonly tied: readonly string[]
  readonly disagreements: readonly Disagreement[]
  /** §11: every consensus, candidates as listed, criteria in tree order. */
  readonly consensus: readonly ConsensusResult[]
  readonly sensitivity: {
    readonly groups: Readonly<Record<string, GroupSensitivity>>
    /** Absent when computed without Monte Carlo (e.g. live progress during scoring). */
    readonly monteCarlo?: MonteCarloResult
  }
  /** §12: present once the price envelope is open; `recommended`/`tied` above are then the method's. */
  readonly price?: Omit<PriceResults, 'recommended' | 'tied'>
}
