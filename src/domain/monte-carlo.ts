// Monte Carlo sensitivity (§3 b): how often each candidate would be recommended if the top-level
// weights were drawn around today's, from a Dirichlet distribution centred on them.
import type { MonteCarloSettings } from './evaluation-file.ts'
import type { MonteCarloResult } from './results.ts'
import { EPSILON } from './scoring-model.ts'
import { ranksOf } from './recommendation.ts'
import { PRNG_NAME, seededRandom } from './prng.ts'
import type { TopLevelScores } from './sensitivity.ts'

export { PRNG_NAME }

/**
 * `draws` weight vectors w ~ Dirichlet(α), α_g = concentration × s_g (groups of share 0 stay 0),
 * each from gamma variates normalized to sum 1. In every draw: S_p = Σ_g w_g × percent(p,g),
 * qualified = eligible and, when set, S_p ≥ threshold − 1e-9; then the recommendation rule.
 * Shares of draws are returned for every candidate, plus `tied` and `none`; they sum to 1.
 */
export function monteCarlo(input: TopLevelScores, settings: MonteCarloSettings): MonteCarloResult {
  const P = input.candidateIds.length
  const G = input.groupIds.length
  const alpha = Float64Array.from({ length: G }, (_, g) => settings.concentration * (input.shares[g] as number))
  const random = seededRandom(settings.seed)
  const w = new Float64Array(G)
  const scores = new Float64Array(P)
  const qualified = new Uint8Array(P)
  const wins = new Float64Array(P)
  let tied = 0
  let none = 0

  for (let draw = 0; draw < settings.draws; draw++) {
    let sum = 0
    for (let g = 0; g < G; g++) {
      const x = (alpha[g] as number) > 0 ? random.gamma(alpha[g] as number) : 0
      w[g] = x
      sum += x
    }
    // All gammas can underflow to 0 only for absurdly small α; keep today's weights then.
    for (let g = 0; g < G; g++) w[g] = sum > 0 ? (w[g] as number) / sum : (input.shares[g] as number)

    for (let p = 0; p < P; p++) {
      let s = 0
      for (let g = 0; g < G; g++) s += (w[g] as number) * (input.percent[p * G + g] as number)
      scores[p] = s
      qualified[p] = input.eligible[p] && (input.threshold === undefined || s >= input.threshold - EPSILON) ? 1 : 0
    }
    const ranks = ranksOf(scores)
    let best = Number.POSITIVE_INFINITY
    let winner = -1
    let count = 0
    for (let p = 0; p < P; p++) {
      if (!qualified[p]) continue
      const r = ranks[p] as number
      if (r < best) {
        best = r
        winner = p
        count = 1
      } else if (r === best) count++
    }
    if (count === 0) none++
    else if (count > 1) tied++
    else wins[winner] = (wins[winner] as number) + 1
  }

  const share = (n: number) => n / settings.draws
  const byCandidate: Record<string, number> = {}
  input.candidateIds.forEach((id, p) => {
    byCandidate[id] = share(wins[p] as number)
  })
  return { draws: settings.draws, seed: settings.seed, wins: byCandidate, tied: share(tied), none: share(none) }
}
