// Ranks and the recommendation (§3), on plain arrays so sensitivity and Monte Carlo reuse them.
import { EPSILON } from './scoring-model.ts'

/** rank = 1 + the number of candidates scoring more by over 1e-9 (equal scores share: 1, 1, 3). */
export function ranksOf(scores: ArrayLike<number>): Int32Array {
  const n = scores.length
  const ranks = new Int32Array(n)
  for (let p = 0; p < n; p++) {
    let above = 0
    const s = (scores[p] as number) + EPSILON
    for (let q = 0; q < n; q++) if ((scores[q] as number) > s) above++
    ranks[p] = 1 + above
  }
  return ranks
}

/**
 * The recommendation as candidate indices: `winner` is the best-ranked qualified candidate, or
 * -1 when none qualifies or when two or more qualified ones share the best rank (`tied`, in
 * candidate order). None qualified: winner -1 and tied empty.
 */
export interface Outcome {
  readonly winner: number
  readonly tied: readonly number[]
}

export function outcomeOf(scores: ArrayLike<number>, qualified: ArrayLike<boolean>): Outcome {
  const ranks = ranksOf(scores)
  let best = Number.POSITIVE_INFINITY
  for (let p = 0; p < ranks.length; p++) if (qualified[p] && (ranks[p] as number) < best) best = ranks[p] as number
  const top: number[] = []
  for (let p = 0; p < ranks.length; p++) if (qualified[p] && ranks[p] === best) top.push(p)
  if (top.length === 1) return { winner: top[0] as number, tied: [] }
  return { winner: -1, tied: top }
}

/** Same recommendation: same winner, or the same tie, or none in both. A tie differs from a winner. */
export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.winner === b.winner && a.tied.length === b.tied.length && a.tied.every((p, i) => b.tied[i] === p)
}
