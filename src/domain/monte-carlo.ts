// Monte Carlo sensitivity (§3 b): how often each candidate would be recommended if the top-level
// weights were drawn around today's, from a Dirichlet distribution centred on them.
import type { MonteCarloSettings } from './evaluation-file.ts'
import type { MonteCarloResult } from './results.ts'
import { EPSILON } from './scoring-model.ts'
import { PRNG_NAME, seededRandom } from './prng.ts'
import type { TopLevelScores } from './sensitivity.ts'

export { PRNG_NAME }

/**
 * The `draws` weight vectors w ~ Dirichlet(α), α_g = concentration × s_g (groups of share 0 stay
 * 0), each from gamma variates normalized to sum 1, at [draw × G + g]. They depend on the shares
 * and the settings only, never on the scores.
 */
export function dirichletDraws(shares: ArrayLike<number>, settings: MonteCarloSettings): Float64Array {
  const G = shares.length
  const out = new Float64Array(settings.draws * G)
  const draw = weightSampler(shares, settings)
  for (let d = 0; d < settings.draws; d++) draw(out.subarray(d * G, d * G + G))
  return out
}

/**
 * Draws kept by a caller that runs Monte Carlo again after ratings changed (same shares, same
 * settings): the weights, and every candidate's score in every draw for the percentages they were
 * last computed from. A run recomputes only the scores of candidates whose percentages differ,
 * with the same arithmetic, so the result is the one a fresh run gives.
 */
export interface KeptDraws {
  readonly weights: Float64Array
  /** S_p of every draw at [draw × P + p], for `percent` (at [p × G + g]). */
  scores?: { readonly percent: Float64Array; readonly values: Float64Array }
}

export function keepDraws(shares: ArrayLike<number>, settings: MonteCarloSettings): KeptDraws {
  return { weights: dirichletDraws(shares, settings) }
}

/** Fills `w` with the next draw: one seeded stream per sampler, so draw d is the same everywhere. */
function weightSampler(shares: ArrayLike<number>, settings: MonteCarloSettings): (w: Float64Array) => void {
  const G = shares.length
  const alpha = Float64Array.from({ length: G }, (_, g) => settings.concentration * (shares[g] as number))
  const random = seededRandom(settings.seed)
  return (w) => {
    let sum = 0
    for (let g = 0; g < G; g++) {
      const x = (alpha[g] as number) > 0 ? random.gamma(alpha[g] as number) : 0
      w[g] = x
      sum += x
    }
    // All gammas can underflow to 0 only for absurdly small α; keep today's weights then.
    for (let g = 0; g < G; g++) w[g] = sum > 0 ? (w[g] as number) / sum : (shares[g] as number)
  }
}

/**
 * `draws` weight vectors from `dirichletDraws`. In every draw: S_p = Σ_g w_g × percent(p,g),
 * qualified = eligible and, when set, S_p ≥ threshold − 1e-9; then the recommendation rule.
 * Shares of draws are returned for every candidate, plus `tied` and `none`; they sum to 1.
 * `kept`: the draws kept from an earlier run with these shares and settings (else they are drawn
 * here, one at a time).
 */
export function monteCarlo(input: TopLevelScores, settings: MonteCarloSettings, kept?: KeptDraws): MonteCarloResult {
  const P = input.candidateIds.length
  const G = input.groupIds.length
  const tally = new Tally(input)
  if (kept) {
    const scores = scoresOfDraws(input, settings, kept)
    for (let draw = 0; draw < settings.draws; draw++) tally.add(scores, draw * P)
  } else {
    const next = weightSampler(input.shares, settings)
    const w = new Float64Array(G)
    const scores = new Float64Array(P)
    for (let draw = 0; draw < settings.draws; draw++) {
      next(w)
      for (let p = 0; p < P; p++) scores[p] = drawScore(w, 0, input.percent, p * G, G)
      tally.add(scores, 0)
    }
  }
  const { wins, tied, none } = tally

  const share = (n: number) => n / settings.draws
  const byCandidate: Record<string, number> = {}
  input.candidateIds.forEach((id, p) => {
    byCandidate[id] = share(wins[p] as number)
  })
  return { draws: settings.draws, seed: settings.seed, wins: byCandidate, tied: share(tied), none: share(none) }
}

/** Σ_g w_g × percent(p,g), in group order (the same sum for a kept and a fresh draw). */
function drawScore(w: Float64Array, wAt: number, percent: Float64Array, pAt: number, G: number): number {
  let s = 0
  for (let g = 0; g < G; g++) s += (w[wAt + g] as number) * (percent[pAt + g] as number)
  return s
}

/** The kept scores brought up to `input.percent`: only the candidates whose percentages changed. */
function scoresOfDraws(input: TopLevelScores, settings: MonteCarloSettings, kept: KeptDraws): Float64Array {
  const P = input.candidateIds.length
  const G = input.groupIds.length
  const D = settings.draws
  if (kept.weights.length !== D * G) throw new RangeError('kept draws do not match the settings')
  let scores = kept.scores
  const fresh = !scores || scores.values.length !== D * P || scores.percent.length !== P * G
  if (fresh) scores = { percent: input.percent.slice(), values: new Float64Array(D * P) }
  const { percent, values } = scores as NonNullable<KeptDraws['scores']>
  for (let p = 0; p < P; p++) {
    let same = !fresh
    for (let g = 0; same && g < G; g++) same = percent[p * G + g] === input.percent[p * G + g]
    if (same) continue
    for (let g = 0; g < G; g++) percent[p * G + g] = input.percent[p * G + g] as number
    for (let d = 0; d < D; d++) values[d * P + p] = drawScore(kept.weights, d * G, percent, p * G, G)
  }
  kept.scores = scores
  return values
}

/**
 * Counts each draw's recommendation by the rule of `outcomeOf` (the best rank among qualified
 * candidates, ranks as `ranksOf`) without ranking every candidate: a rank never improves as the
 * score falls, so the best rank is that of a highest-scoring qualified candidate m; another
 * qualified p can share it only when S_m ≤ S_p + 1e-9 (else S_m counts against p and not against
 * m), and only then is p's rank counted.
 */
class Tally {
  readonly wins: Float64Array
  tied = 0
  none = 0
  readonly #P: number
  readonly #eligible: Uint8Array
  readonly #threshold: number | undefined
  readonly #qualified: Uint8Array

  constructor(input: TopLevelScores) {
    this.#P = input.candidateIds.length
    this.wins = new Float64Array(this.#P)
    this.#eligible = Uint8Array.from(input.eligible, (e) => (e ? 1 : 0))
    this.#threshold = input.threshold === undefined ? undefined : input.threshold - EPSILON
    this.#qualified = new Uint8Array(this.#P)
  }

  /** The draw whose scores are s[at … at + P − 1]. */
  add(s: Float64Array, at: number): void {
    const P = this.#P
    const floor = this.#threshold
    const qualified = this.#qualified
    let m = -1
    let top = Number.NEGATIVE_INFINITY
    for (let p = 0; p < P; p++) {
      const score = s[at + p] as number
      const q = this.#eligible[p] === 1 && (floor === undefined || score >= floor)
      qualified[p] = q ? 1 : 0
      if (q && (m < 0 || score > top)) {
        m = p
        top = score
      }
    }
    if (m < 0) {
      this.none++
      return
    }
    const best = rankAt(s, at, P, top)
    for (let p = 0; p < P; p++) {
      if (p === m || !qualified[p]) continue
      const score = s[at + p] as number
      if (!(top > score + EPSILON) && rankAt(s, at, P, score) === best) {
        this.tied++
        return
      }
    }
    this.wins[m] = (this.wins[m] as number) + 1
  }
}

/** `ranksOf` for one score: 1 + the number of candidates scoring more by over 1e-9. */
function rankAt(s: Float64Array, at: number, P: number, score: number): number {
  const x = score + EPSILON
  let above = 0
  for (let q = 0; q < P; q++) if ((s[at + q] as number) > x) above++
  return 1 + above
}
