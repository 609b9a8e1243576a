// Weight sensitivity (§3 a): how far one top-level group's weight may move before the
// recommendation changes. Scores are linear in the change, so the flips are found exactly, at
// the points where two candidates' scores meet or a score meets the total threshold.
import type { GroupSensitivity } from './results.ts'
import { EPSILON } from './scoring-model.ts'
import { outcomeOf, sameOutcome, type Outcome } from './recommendation.ts'

/** What sensitivity needs, per candidate and top group; built once by `computeResults`. */
export interface TopLevelScores {
  readonly candidateIds: readonly string[]
  readonly groupIds: readonly string[]
  /** Normalized top-level weights s_g (sum 1). */
  readonly shares: ArrayLike<number>
  /** % of the group's own max points reached by candidate p, at [p × G + g]. */
  readonly percent: Float64Array
  /** Passes every pass/fail criterion and node threshold (these do not move with weights). */
  readonly eligible: readonly boolean[]
  /** Minimum total score, when set (it does move with weights). */
  readonly threshold: number | undefined
}

/** Largest change searched, as a share (±50 percentage points). */
export const MAX_CHANGE = 0.5
/** Events this close to an end of the search range or to 0 are taken to be on it. */
const SNAP = 1e-12

const NONE: GroupSensitivity = { flipAt: null, down: null, up: null }

/**
 * For each top group: `flipAt`, the signed change in percentage points of smallest magnitude that
 * changes the recommendation (on equal magnitudes, the decrease), with `down` and `up` the nearest
 * flips on each side. Null where none exists within ±50 pp (with the share kept within 0..100 %),
 * for every group when there is a single top group, and for a group holding all the weight (no
 * other weight to scale against it).
 *
 * Node thresholds are judged in % of the node's own max points, which its weight does not change,
 * so they hold or fail the same at any weight — also at a share of 0. The total threshold moves.
 */
export function weightSensitivity(input: TopLevelScores): Record<string, GroupSensitivity> {
  const out: Record<string, GroupSensitivity> = {}
  input.groupIds.forEach((id, k) => {
    out[id] = input.groupIds.length < 2 ? NONE : groupSensitivity(input, k)
  })
  return out
}

function groupSensitivity(input: TopLevelScores, k: number): GroupSensitivity {
  const G = input.groupIds.length
  const P = input.candidateIds.length
  const s = input.shares[k] as number
  let others = 0
  for (let j = 0; j < G; j++) if (j !== k) others += input.shares[j] as number
  if (!(others > 0)) return NONE

  // With the group's share s + d and the others scaled by (1 − s − d)/(1 − s):
  //   S_p(d) = (s + d)·a_p + (1 − s − d)·b_p = S_p(0) + d·m_p,  m_p = a_p − b_p,
  // where a_p is the group's % and b_p the others' weighted % (their proportions kept).
  const base = new Float64Array(P)
  const slope = new Float64Array(P)
  for (let p = 0; p < P; p++) {
    const a = input.percent[p * G + k] as number
    let sum = 0
    for (let j = 0; j < G; j++) if (j !== k) sum += (input.shares[j] as number) * (input.percent[p * G + j] as number)
    const b = sum / others
    base[p] = s * a + (1 - s) * b
    slope[p] = a - b
  }
  const lo = Math.max(-MAX_CHANGE, -s)
  const hi = Math.min(MAX_CHANGE, 1 - s)

  const scores = new Float64Array(P)
  const qualified: boolean[] = new Array(P)
  const outcomeAt = (d: number): Outcome => {
    for (let p = 0; p < P; p++) {
      scores[p] = (base[p] as number) + d * (slope[p] as number)
      qualified[p] = (input.eligible[p] ?? false) && (input.threshold === undefined || (scores[p] as number) >= input.threshold - EPSILON)
    }
    return outcomeOf(scores, qualified)
  }

  // The only places the outcome can change: two scores meet, or a score meets the threshold.
  const events = [0]
  const addEvent = (d: number) => {
    if (!Number.isFinite(d)) return
    if (Math.abs(d) < SNAP) d = 0
    if (d < lo - SNAP || d > hi + SNAP) return
    events.push(Math.min(hi, Math.max(lo, d)))
  }
  for (let p = 0; p < P; p++) {
    const mp = slope[p] as number
    for (let q = p + 1; q < P; q++) {
      const mq = slope[q] as number
      if (mp !== mq) addEvent(((base[q] as number) - (base[p] as number)) / (mp - mq))
    }
    if (input.threshold !== undefined && mp !== 0) addEvent((input.threshold - (base[p] as number)) / mp)
  }

  const today = outcomeAt(0)
  /** The first event, walking from 0 towards `end`, at or beyond which the outcome differs. */
  const firstFlip = (sorted: number[], end: number): number | null => {
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i] as number
      if (e !== 0 && !sameOutcome(outcomeAt(e), today)) return e
      // Between two events no line crosses another or the threshold: one point tells the interval.
      const next = sorted[i + 1] ?? end
      if (next !== e && !sameOutcome(outcomeAt((e + next) / 2), today)) return e
    }
    return null
  }
  const upward = events.filter((e) => e >= 0).sort((x, y) => x - y)
  const downward = events.filter((e) => e <= 0).sort((x, y) => y - x)
  const up = firstFlip(upward, hi)
  const down = firstFlip(downward, lo)
  const pp = (d: number | null) => (d === null ? null : d === 0 ? 0 : 100 * d)
  const flip = down === null ? up : up === null ? down : Math.abs(up) < Math.abs(down) ? up : down
  return { flipAt: pp(flip), down: pp(down), up: pp(up) }
}
