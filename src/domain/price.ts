// The price envelope (§12): evaluated prices, lowest-price and combined (technical + price)
// rankings, and the interval of K over which the combined recommendation holds. Pure.
//
// Money is VND in integers. Sums are taken in BigInt so no amount drifts, then must stay within
// JavaScript's safe integers (the inputs are bounded far below that: see PRICE_MAX).
import { EPSILON } from './tolerance.ts'

export const PRICE_METHODS = ['technical', 'lowest-price', 'combined'] as const
export type PriceMethod = (typeof PRICE_METHODS)[number]

/** The largest price or adjustment accepted, in VND (10¹⁵: a million billion đồng). */
export const PRICE_MAX = 1e15
/** Equal evaluated prices: within half a đồng (integers, so equal). */
const PRICE_TIE = 0.5

export interface PriceAdjustment {
  readonly label: string
  /** VND, an integer; negative for a deduction. */
  readonly amount: number
}

export interface PriceProposal {
  readonly candidate: string
  /** VND, an integer ≥ 1. */
  readonly price: number
  readonly adjustments?: readonly PriceAdjustment[]
}

/** What the price stage needs of the technical result: each candidate's S(p) and whether it qualified. */
export interface TechnicalStanding {
  readonly id: string
  readonly score: number
  readonly qualified: boolean
}

export interface PriceCandidateResult {
  readonly id: string
  /** Only technically qualified candidates have their price opened; the others never are. */
  readonly opened: boolean
  readonly price: number | null
  /** E(p) = price + Σ adjustments. */
  readonly evaluated: number | null
  /** combined: P(p) = 100 · Emin / E(p); otherwise null. */
  readonly priceScore: number | null
  /** combined: C(p) = (K · T(p) + G · P(p)) / 100; otherwise null. */
  readonly combined: number | null
  /** Among opened candidates with a price; null for the others. */
  readonly rank: number | null
}

/** An interval of K; a null end means the recommendation holds all the way to 0 (or 100). */
export interface KRange {
  readonly from: number | null
  readonly to: number | null
}

export interface PriceResults {
  readonly method: Exclude<PriceMethod, 'technical'>
  readonly K: number | null
  readonly G: number | null
  readonly Emin: number | null
  readonly candidates: readonly PriceCandidateResult[]
  /** combined only; null for lowest-price. */
  readonly kRange: KRange | null
  /** False while a technically qualified candidate has no price yet. */
  readonly complete: boolean
  readonly recommended: string | null
  readonly tied: readonly string[]
}

/**
 * E(p) = price + Σ amount, exact. Returns null when the sum leaves the safe-integer range (the
 * inputs' bounds make that impossible for any file that passed validation).
 */
export function evaluatedPrice(price: number, adjustments: readonly PriceAdjustment[] = []): number | null {
  let sum = BigInt(price)
  for (const a of adjustments) sum += BigInt(a.amount)
  const n = Number(sum)
  return Number.isSafeInteger(n) ? n : null
}

/** Is K a valid technical weight: 0 < K < 100, finite. */
export const isValidK = (k: number): boolean => Number.isFinite(k) && k > 0 && k < 100

interface Line {
  readonly index: number
  /** C at K = 0 (pure price score). */
  readonly at0: number
  /** dC/dK. */
  readonly slope: number
}

const valueAt = (l: Line, k: number) => l.at0 + k * l.slope

/** Best rank among the lines at K (1e-9 rule); the tied set or the winner, as indices. */
function outcomeAt(lines: readonly Line[], k: number): readonly number[] {
  const values = lines.map((l) => valueAt(l, k))
  const best = Math.max(...values)
  return lines.filter((_, i) => (values[i] as number) >= best - EPSILON).map((l) => l.index)
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => b[i] === x)

/**
 * The interval of K in (0, 100) around `k0` over which the recommendation (a winner, or the same
 * tie) stays what it is at `k0`, from the exact crossing points of the lines C(p)(K). A change
 * that happens exactly at a crossing is a limit of the interval; when the recommendation at `k0`
 * holds only there (a tie at a crossing), `from` = `to` = `k0`.
 */
export function kRangeOf(lines: readonly Line[], k0: number): KRange {
  if (lines.length < 2) return { from: null, to: null }
  const cuts = new Set<number>()
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!
      const b = lines[j]!
      const ds = a.slope - b.slope
      if (ds === 0) continue
      const k = (b.at0 - a.at0) / ds
      if (k > 0 && k < 100) cuts.add(k)
    }
  }
  const points = [...cuts].sort((x, y) => x - y)
  // Pieces in order: (0, p1), p1, (p1, p2), …, pn, (pn, 100); each piece has one outcome.
  type Piece = { lo: number; hi: number; outcome: readonly number[] }
  const pieces: Piece[] = []
  let left = 0
  for (const p of points) {
    pieces.push({ lo: left, hi: p, outcome: outcomeAt(lines, (left + p) / 2) })
    pieces.push({ lo: p, hi: p, outcome: outcomeAt(lines, p) })
    left = p
  }
  pieces.push({ lo: left, hi: 100, outcome: outcomeAt(lines, (left + 100) / 2) })

  let at = pieces.findIndex((pc) => (pc.lo === pc.hi ? pc.lo === k0 : k0 > pc.lo && k0 < pc.hi))
  if (at < 0) at = pieces.findIndex((pc) => k0 >= pc.lo && k0 <= pc.hi)
  const target = outcomeAt(lines, k0)
  // A tie within the 1e-9 tolerance beside a crossing holds only there.
  if (!sameSet(pieces[at]!.outcome, target)) return { from: k0, to: k0 }
  let first = at
  let last = at
  while (first > 0 && sameSet(pieces[first - 1]!.outcome, target)) first--
  while (last < pieces.length - 1 && sameSet(pieces[last + 1]!.outcome, target)) last++
  const lo = pieces[first]!.lo
  const hi = pieces[last]!.hi
  return { from: lo <= 0 ? null : lo, to: hi >= 100 ? null : hi }
}

function ranksBy(values: readonly number[], better: (q: number, p: number) => boolean): number[] {
  return values.map((p) => 1 + values.filter((q) => better(q, p)).length)
}

/**
 * The price stage's results. `technical` lists every candidate (in the evaluation's order) with
 * its S(p) and qualification; `proposals` the recorded prices (those of candidates that did not
 * qualify are ignored: they are never opened). `k` is the technical weight for `combined`.
 */
export function priceResults(
  method: Exclude<PriceMethod, 'technical'>,
  k: number | null,
  technical: readonly TechnicalStanding[],
  proposals: readonly PriceProposal[],
): PriceResults {
  if (method === 'combined' && (k === null || !isValidK(k))) throw new RangeError(`K must be in (0, 100): ${String(k)}`)
  const byCandidate = new Map(proposals.map((p) => [p.candidate, p]))
  const opened = technical.filter((t) => t.qualified)
  const priced = opened.flatMap((t) => {
    const p = byCandidate.get(t.id)
    const e = p ? evaluatedPrice(p.price, p.adjustments) : null
    return p && e !== null ? [{ t, price: p.price, e }] : []
  })
  const complete = priced.length === opened.length
  const Emin = priced.length > 0 ? Math.min(...priced.map((x) => x.e)) : null
  const K = method === 'combined' ? k : null
  const G = K === null ? null : 100 - K

  const scores = priced.map((x) => (K === null || G === null || Emin === null
    ? { priceScore: null, combined: null }
    : (() => {
        const priceScore = (100 * Emin) / x.e
        return { priceScore, combined: (K * x.t.score + G * priceScore) / 100 }
      })()))
  const ranks = method === 'lowest-price'
    ? ranksBy(priced.map((x) => x.e), (q, p) => q < p - PRICE_TIE)
    : ranksBy(scores.map((s) => s.combined as number), (q, p) => q > p + EPSILON)

  const rankOf = new Map(priced.map((x, i) => [x.t.id, i]))
  const candidates: PriceCandidateResult[] = technical.map((t) => {
    const i = rankOf.get(t.id)
    if (i === undefined) {
      const p = t.qualified ? byCandidate.get(t.id) : undefined
      return { id: t.id, opened: t.qualified, price: p?.price ?? null, evaluated: null, priceScore: null, combined: null, rank: null }
    }
    const x = priced[i]!
    return { id: t.id, opened: true, price: x.price, evaluated: x.e, ...scores[i]!, rank: ranks[i]! }
  })

  let recommended: string | null = null
  let tied: string[] = []
  if (complete && priced.length > 0) {
    const top = priced.filter((_, i) => ranks[i] === 1).map((x) => x.t.id)
    if (top.length === 1) recommended = top[0]!
    else tied = top
  }

  let kRange: KRange | null = null
  if (method === 'combined' && K !== null && Emin !== null && complete) {
    const lines = priced.map((x, i): Line => {
      const p = scores[i]!.priceScore as number
      return { index: i, at0: p, slope: (x.t.score - p) / 100 }
    })
    kRange = kRangeOf(lines, K)
  }
  return { method, K, G, Emin, candidates, kRange, complete, recommended, tied }
}
