// From the members' ratings of one (candidate, criterion) to one number (§3).
import type { Aggregation } from './evaluation-file.ts'

export interface ScaleRange {
  readonly min: number
  readonly max: number
}

/** r = (v − min) / (max − min): a rating as a share of the scale, 0..1. */
export function normalizeRating(value: number, scale: ScaleRange): number {
  return (value - scale.min) / (scale.max - scale.min)
}

/**
 * Aggregate rating R(p,c) from raw ratings (scale levels), as a share 0..1; NaN when empty.
 * - mean: of all ratings;
 * - median: the middle one, or the mean of the two middle ones for an even count;
 * - trimmed: drop exactly one highest and one lowest when there are ≥ 5 ratings, then the mean
 *   (fewer than 5: the plain mean).
 * Works on the raw levels and normalizes once at the end: levels are integers, so the sums are
 * exact and the result cannot depend on the order the ratings come in.
 */
export function aggregateRatings(levels: ArrayLike<number>, scale: ScaleRange, method: Aggregation): number {
  const n = levels.length
  if (n === 0) return Number.NaN
  const range = scale.max - scale.min
  if (method === 'mean') {
    let sum = 0
    for (let i = 0; i < n; i++) sum += levels[i] as number
    return (sum - n * scale.min) / (n * range)
  }
  const sorted = Float64Array.from(levels).sort()
  if (method === 'median') {
    const hi = sorted[n >> 1] as number
    if (n % 2 === 1) return (hi - scale.min) / range
    const lo = sorted[(n >> 1) - 1] as number
    return (lo + hi - 2 * scale.min) / (2 * range)
  }
  const from = n >= 5 ? 1 : 0
  const to = n >= 5 ? n - 1 : n
  let sum = 0
  for (let i = from; i < to; i++) sum += sorted[i] as number
  const k = to - from
  return (sum - k * scale.min) / (k * range)
}

/**
 * A pass/fail criterion is passed when more than half of the raters who judged it said pass:
 * a tie fails, and nobody judging fails.
 */
export function passesMajority(passCount: number, judgedCount: number): boolean {
  return judgedCount > 0 && 2 * passCount > judgedCount
}
