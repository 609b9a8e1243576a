import { describe, expect, it } from 'vitest'
import { PRNG_NAME } from '../../src/domain/monte-carlo.ts'
import { seededRandom, sfc32 } from '../../src/domain/prng.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { evaluation, leaf, sheet } from './fixtures.ts'

// A: X 80, Y 20; B: X 20, Y 60; C: X 83, Y 13 (0..100, one rater). Shares .5 / .5.
// A wins while X stays within 40..70 % (see sensitivity.test.ts), B below, C above.
const file = (monteCarlo?: { draws: number; concentration: number; seed: number }) => evaluation({
  criteria: [leaf('X', 50), leaf('Y', 50)],
  candidates: ['A', 'B', 'C'],
  members: ['m1'],
  scale: { min: 0, max: 100 },
  evaluation: monteCarlo ? { monteCarlo } : {},
  ratings: [
    ...sheet('A', ['m1'], { X: [80], Y: [20] }),
    ...sheet('B', ['m1'], { X: [20], Y: [60] }),
    ...sheet('C', ['m1'], { X: [83], Y: [13] }),
  ],
})

describe('Monte Carlo (§3 b)', () => {
  it('is reproducible from its seed, echoes draws and seed, and lists every candidate', () => {
    const one = computeResults(file({ draws: 2000, concentration: 100, seed: 7 })).sensitivity.monteCarlo!
    const two = computeResults(file({ draws: 2000, concentration: 100, seed: 7 })).sensitivity.monteCarlo!
    expect(two).toEqual(one)
    expect(one.draws).toBe(2000)
    expect(one.seed).toBe(7)
    expect(Object.keys(one.wins)).toEqual(['A', 'B', 'C'])
    const other = computeResults(file({ draws: 2000, concentration: 100, seed: 8 })).sensitivity.monteCarlo!
    expect(other.wins).not.toEqual(one.wins)
  })

  it('shares of draws sum to 1 with tied and none, and follow the flip points', () => {
    const mc = computeResults(file()).sensitivity.monteCarlo!
    expect(mc.draws).toBe(10_000)
    expect(mc.seed).toBe(2015)
    const total = Object.values(mc.wins).reduce((s, x) => s + x, 0) + mc.tied + mc.none
    expect(total).toBeCloseTo(1, 12)
    // With α = 100 × (.5, .5), X's share is Beta(50, 50): sd = √(.25 / 101) ≈ .05. A wins while it
    // stays in (.4, .7): P ≈ Φ(4) − Φ(−2) ≈ .977; B below .4: ≈ .023; C above .7: ≈ 0.
    expect(mc.wins.A).toBeGreaterThan(0.96)
    expect(mc.wins.A).toBeLessThan(0.99)
    expect(mc.wins.B).toBeGreaterThan(0.01)
    expect(mc.wins.B).toBeLessThan(0.04)
    expect(mc.wins.C).toBeLessThan(0.002)
    expect(mc.none).toBe(0)
  })

  it('keeps a group of share 0 at 0 in every draw', () => {
    // Z has weight 0; B would win with any weight on it, yet never does.
    const f = evaluation({
      criteria: [leaf('X', 1), leaf('Z', 0)],
      candidates: ['A', 'B'],
      members: ['m1'],
      ratings: [...sheet('A', ['m1'], { X: [4], Z: [0] }), ...sheet('B', ['m1'], { X: [4], Z: [4] })],
    })
    const r = computeResults({ ...f, criteria: [leaf('X', 1), leaf('Z', 0)] })
    // Today A = B = 100 → tied; in every draw Z stays 0 → always tied.
    expect(r.tied).toEqual(['A', 'B'])
    expect(r.sensitivity.monteCarlo).toMatchObject({ wins: { A: 0, B: 0 }, tied: 1, none: 0 })
  })

  it('applies the total threshold in every draw', () => {
    // Threshold 49: A's 20 + 60t ≥ 49 needs t ≥ .483 (about 37 % of draws fail it); B never reaches
    // 49 where A fails (60 − 40t ≥ 49 needs t ≤ .275) → those draws have nobody qualified.
    const f = file()
    const mc = computeResults({ ...f, evaluation: { ...f.evaluation, threshold: 49 } }).sensitivity.monteCarlo!
    expect(mc.none).toBeGreaterThan(0.25)
    expect(mc.none).toBeLessThan(0.5)
    expect(mc.wins.A! + mc.none).toBeCloseTo(1, 12)
  })

  it('names its generator', () => {
    expect(PRNG_NAME).toMatch(/sfc32/)
  })
})

describe('seeded variates', () => {
  it('sfc32 gives the same words for the same seed and others for another', () => {
    const a = sfc32(2015)
    const b = sfc32(2015)
    const c = sfc32(2016)
    const wa = Array.from({ length: 5 }, a)
    expect(Array.from({ length: 5 }, b)).toEqual(wa)
    expect(Array.from({ length: 5 }, c)).not.toEqual(wa)
    for (const w of wa) expect(Number.isInteger(w) && w >= 0 && w < 2 ** 32).toBe(true)
  })

  it('uniform, normal and gamma have the right moments (fixed seed, 4-sigma bounds)', () => {
    const rnd = seededRandom(42)
    const n = 20_000
    const mean = (f: () => number) => {
      let s = 0
      let s2 = 0
      for (let i = 0; i < n; i++) {
        const x = f()
        s += x
        s2 += x * x
      }
      return { m: s / n, v: s2 / n - (s / n) ** 2 }
    }
    const u = mean(rnd.uniform)
    expect(Math.abs(u.m - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n))
    const z = mean(rnd.normal)
    expect(Math.abs(z.m)).toBeLessThan(4 / Math.sqrt(n))
    expect(Math.abs(z.v - 1)).toBeLessThan(0.05)
    // Gamma(α, 1): mean α, variance α — for α ≥ 1 (Marsaglia–Tsang) and α < 1 (the boost)
    for (const alpha of [0.3, 1, 2.5, 50]) {
      const g = mean(() => rnd.gamma(alpha))
      expect(Math.abs(g.m - alpha)).toBeLessThan(4 * Math.sqrt(alpha / n))
      expect(Math.abs(g.v / alpha - 1)).toBeLessThan(0.1)
    }
  })
})
