// Invariants of §3 on random valid evaluation files.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPassFail } from '../../src/domain/criteria.ts'
import { parseEvaluationFile, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import type { Results } from '../../src/domain/results.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { globalWeights, localShares } from '../../src/domain/weights.ts'
import { evaluationFileArb, shuffled } from './arbitraries.ts'

const noMc = { monteCarlo: false } as const

describe('generated files', () => {
  it('are valid evaluation files', () => {
    fc.assert(fc.property(evaluationFileArb(), (file) => {
      const parsed = parseEvaluationFile(file, 'en')
      expect(parsed.ok ? [] : parsed.issues).toEqual([])
    }), { numRuns: 50 })
  })
})

describe('§3 invariants', () => {
  it('global weights sum to 1', () => {
    fc.assert(fc.property(evaluationFileArb(), (file) => {
      const sum = Object.values(globalWeights(file.criteria)).reduce((s, w) => s + w, 0)
      expect(sum).toBeCloseTo(1, 12)
    }))
  })

  it('subtotals and points sum to the total', () => {
    fc.assert(fc.property(evaluationFileArb(), (file) => {
      for (const c of computeResults(file, noMc).candidates) {
        expect(Object.values(c.groups).reduce((s, x) => s + x, 0)).toBeCloseTo(c.score, 9)
        expect(Object.values(c.points).reduce((s, x) => s + x, 0)).toBeCloseTo(c.score, 9)
        expect(c.score).toBeGreaterThanOrEqual(-1e-9)
        expect(c.score).toBeLessThanOrEqual(100 + 1e-9)
      }
    }))
  })

  it('permuting members, candidates and ratings changes nothing but order', () => {
    const arb = evaluationFileArb().chain((file) => fc.tuple(
      fc.constant(file), shuffled(file.members), shuffled(file.candidates), shuffled(file.ratings), shuffled(file.abstentions ?? []),
    ))
    fc.assert(fc.property(arb, ([file, members, candidates, ratings, abstentions]) => {
      const before = computeResults(file)
      const after = computeResults({ ...file, members, candidates, ratings, abstentions })
      expect(byId(after)).toEqual(byId(before))
      expect(after.recommended).toBe(before.recommended)
      expect([...after.tied].sort()).toEqual([...before.tied].sort())
      expect(after.candidates.map((c) => c.id)).toEqual(candidates.map((c) => c.id))
      expect(sortDisagreements(after)).toEqual(sortDisagreements(before))
      expect(after.sensitivity).toEqual(before.sensitivity)
    }), { numRuns: 60 })
  })

  it('scaling the weights of a sibling set changes nothing', () => {
    const arb = evaluationFileArb().chain((file) => fc.tuple(
      fc.constant(file),
      fc.integer({ min: 0, max: siblingSets(file).length - 1 }),
      fc.integer({ min: 2, max: 7 }),
    ))
    fc.assert(fc.property(arb, ([file, which, factor]) => {
      const scaled = structuredClone(file)
      for (const n of siblingSets(scaled)[which]!) if (n.weight !== undefined) n.weight *= factor
      const a = computeResults(file)
      const b = computeResults(scaled)
      // w·k / (Σw)·k is the same correctly rounded quotient as w / Σw for these small integers.
      expect(b).toEqual(a)
    }), { numRuns: 60 })
  })
})

describe('sensitivity agrees with recomputation', () => {
  it('a flip really changes the recommendation, and no smaller change does', () => {
    fc.assert(fc.property(evaluationFileArb({ minCandidates: 2 }), (file) => {
      const today = computeResults(file, noMc)
      const shares = localShares(file.criteria)
      const outcome = (r: Results) => `${r.recommended}|${r.tied.join(',')}`
      const now = outcome(today)
      for (const [id, sens] of Object.entries(today.sensitivity.groups)) {
        const s = shares.get(id)!
        const at = (pp: number) => outcome(computeResults(perturb(file, id, s, pp / 100), noMc))
        if (s === 1) {
          // All the weight in one group: (1 − s − d)/(1 − s) is undefined, there is nothing to trade.
          expect(sens).toEqual({ flipAt: null, down: null, up: null })
          continue
        }
        const lo = Math.max(-50, -100 * s)
        const hi = Math.min(50, 100 * (1 - s))
        if (sens.flipAt === null) {
          for (const pp of [lo, lo / 2, hi / 2, hi]) expect(at(pp), `${id} at ${pp} pp`).toBe(now)
          continue
        }
        const f = sens.flipAt
        expect(f === sens.down || f === sens.up).toBe(true)
        const sign = f === sens.down ? -1 : 1
        const beyond = f + sign * 1e-4
        const differs = at(f) !== now || (sign * beyond <= sign * (sign > 0 ? hi : lo) && at(beyond) !== now)
        expect(differs, `${id}: flipAt ${f}`).toBe(true)
        for (const k of [0.25, 0.5, 0.9, 0.999]) {
          expect(at(k * f), `${id} at ${k} × ${f}`).toBe(now)
          if (-k * f >= lo && -k * f <= hi) expect(at(-k * f), `${id} at ${-k} × ${f}`).toBe(now)
        }
      }
    }), { numRuns: 150 })
  })
})

/** The file with top group `id` at share s + d and the other top-level weights scaled by (1 − s − d)/(1 − s). */
function perturb(file: EvaluationFile, id: string, s: number, d: number): EvaluationFile {
  const shares = localShares(file.criteria)
  return {
    ...file,
    criteria: file.criteria.map((n) => {
      if (isPassFail(n)) return n
      const share = shares.get(n.id)!
      return { ...n, weight: n.id === id ? s + d : (share * (1 - s - d)) / (1 - s) }
    }),
  }
}

function siblingSets(file: EvaluationFile) {
  const sets: EvaluationFile['criteria'][] = [file.criteria]
  const visit = (nodes: EvaluationFile['criteria']) => {
    for (const n of nodes) if (n.children) {
      sets.push(n.children)
      visit(n.children)
    }
  }
  visit(file.criteria)
  return sets
}

const byId = (r: Results) => Object.fromEntries(r.candidates.map((c) => [c.id, c]))
const sortDisagreements = (r: Results) =>
  [...r.disagreements].sort((a, b) => (a.candidate + a.criterion < b.candidate + b.criterion ? -1 : 1))
