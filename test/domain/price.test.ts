// §12 the price envelope: hand-worked examples (arithmetic in the comments) and a property of kRange.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluatedPrice, isValidK, priceResults, type PriceProposal, type TechnicalStanding } from '../../src/domain/price.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { evaluation, leaf, passFail } from './fixtures.ts'

// A qualified with S 80, B qualified with S 70, C not qualified (S 90: it failed a pass/fail gate).
const technical: TechnicalStanding[] = [
  { id: 'A', score: 80, qualified: true },
  { id: 'B', score: 70, qualified: true },
  { id: 'C', score: 90, qualified: false },
]
// E(A) = 1 000 000 000 + 200 000 000 (five years of maintenance) = 1 200 000 000
// E(B) =   900 000 000 + 100 000 000                              = 1 000 000 000
const prices: PriceProposal[] = [
  { candidate: 'A', price: 1_000_000_000, adjustments: [{ label: 'Bảo trì 5 năm', amount: 200_000_000 }] },
  { candidate: 'B', price: 900_000_000, adjustments: [{ label: 'Đào tạo', amount: 100_000_000 }] },
  { candidate: 'C', price: 500_000_000 },
]

describe('evaluated price', () => {
  it('adds the adjustments exactly, deductions included', () => {
    expect(evaluatedPrice(1_000_000_000, [{ label: 'x', amount: 200_000_000 }, { label: 'y', amount: -50_000_000 }])).toBe(1_150_000_000)
    expect(evaluatedPrice(7)).toBe(7)
  })

  it('keeps big VND sums exact where floating-point addition drifts', () => {
    // 10¹⁵ + 9 × 10¹⁵ passes 2⁵³ ≈ 9.007 × 10¹⁵, where a float loses the +1; then 9 × −10¹⁵ back.
    const adjustments = [...Array(9).fill({ label: '+', amount: 1e15 }), { label: '1', amount: 1 }, ...Array(9).fill({ label: '−', amount: -1e15 })]
    const float = adjustments.reduce((s, a) => s + a.amount, 1e15)
    expect(float).not.toBe(1e15 + 1)
    expect(evaluatedPrice(1e15, adjustments)).toBe(1e15 + 1)
  })

  it('gives null when the sum leaves the safe integers', () => {
    expect(evaluatedPrice(Number.MAX_SAFE_INTEGER, [{ label: '+', amount: 2 }])).toBeNull()
  })
})

describe('lowest price', () => {
  it('ranks the technically qualified by E ascending, and never opens the others', () => {
    const r = priceResults('lowest-price', null, technical, prices)
    expect(r.Emin).toBe(1_000_000_000)
    expect(r.K).toBeNull()
    expect(r.kRange).toBeNull()
    expect(r.candidates).toEqual([
      { id: 'A', opened: true, price: 1_000_000_000, evaluated: 1_200_000_000, priceScore: null, combined: null, rank: 2 },
      { id: 'B', opened: true, price: 900_000_000, evaluated: 1_000_000_000, priceScore: null, combined: null, rank: 1 },
      // C's price was recorded but is never opened: not shown, not ranked.
      { id: 'C', opened: false, price: null, evaluated: null, priceScore: null, combined: null, rank: null },
    ])
    expect(r.recommended).toBe('B')
    expect(r.tied).toEqual([])
  })

  it('shares a rank on equal evaluated prices and reports the tie', () => {
    // E(A) = 800 000 000 + 200 000 000 = 1 000 000 000 = E(B)
    const r = priceResults('lowest-price', null, technical, [
      { candidate: 'A', price: 800_000_000, adjustments: [{ label: 'x', amount: 200_000_000 }] },
      { candidate: 'B', price: 1_000_000_000 },
    ])
    expect(r.candidates.map((c) => c.rank)).toEqual([1, 1, null])
    expect(r.recommended).toBeNull()
    expect(r.tied).toEqual(['A', 'B'])
  })

  it('recommends nobody while a qualified candidate has no price', () => {
    const r = priceResults('lowest-price', null, technical, [prices[0]!])
    expect(r.complete).toBe(false)
    expect(r.recommended).toBeNull()
    expect(r.candidates[1]).toMatchObject({ id: 'B', opened: true, price: null, rank: null })
  })
})

describe('combined', () => {
  it('computes P, C and the rank (K = 70)', () => {
    // Emin = 1 000 000 000; P(A) = 100 · 1.0 / 1.2 = 83.333…; P(B) = 100.
    // C(A) = (70 · 80 + 30 · 83.333…) / 100 = (5600 + 2500) / 100 = 81
    // C(B) = (70 · 70 + 30 · 100) / 100 = (4900 + 3000) / 100 = 79
    const r = priceResults('combined', 70, technical, prices)
    expect(r.G).toBe(30)
    const [a, b] = r.candidates
    expect(a!.priceScore).toBeCloseTo(83.333333333, 8)
    expect(a!.combined).toBeCloseTo(81, 10)
    expect(b!.priceScore).toBe(100)
    expect(b!.combined).toBeCloseTo(79, 10)
    expect([a!.rank, b!.rank]).toEqual([1, 2])
    expect(r.recommended).toBe('A')
  })

  it('gives the K range from the exact crossing of C(A) and C(B)', () => {
    // C(A)(K) = 83.333… + K (80 − 83.333…)/100;  C(B)(K) = 100 + K (70 − 100)/100
    // equal when 0.26666… K = 16.666…  →  K = 62.5 (both 81.25). A holds above 62.5, to 100.
    const r = priceResults('combined', 70, technical, prices)
    expect(r.kRange!.from).toBeCloseTo(62.5, 9)
    expect(r.kRange!.to).toBeNull()
    // At K = 62.5 itself they tie; just below B is recommended.
    expect(priceResults('combined', 62.5, technical, prices).tied).toEqual(['A', 'B'])
    expect(priceResults('combined', 62, technical, prices).recommended).toBe('B')
    const below = priceResults('combined', 40, technical, prices)
    expect(below.recommended).toBe('B')
    expect(below.kRange!.from).toBeNull()
    expect(below.kRange!.to).toBeCloseTo(62.5, 9)
  })

  it('refuses K outside (0, 100)', () => {
    for (const k of [0, 100, -1, 101, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isValidK(k)).toBe(false)
      expect(() => priceResults('combined', k, technical, prices)).toThrow(RangeError)
    }
    expect(isValidK(0.5)).toBe(true)
  })

  it('opens nothing and recommends nobody when no candidate qualified', () => {
    const none = technical.map((t) => ({ ...t, qualified: false }))
    const r = priceResults('combined', 70, none, prices)
    expect(r.candidates.every((c) => !c.opened && c.price === null)).toBe(true)
    expect(r.recommended).toBeNull()
    expect(r.tied).toEqual([])
    expect(r.Emin).toBeNull()
  })
})

describe('kRange (property)', () => {
  const outcome = (k: number, t: TechnicalStanding[], p: PriceProposal[]) => {
    const r = priceResults('combined', k, t, p)
    return JSON.stringify([r.recommended, r.tied])
  }
  const world = fc.record({
    scores: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 5 }),
    prices: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 5, maxLength: 5 }),
    k: fc.integer({ min: 1, max: 99 }),
  })

  it('inside the range the recommendation holds; just outside it changes', () => {
    fc.assert(fc.property(world, ({ scores, prices: amounts, k }) => {
      const t = scores.map((s, i) => ({ id: String.fromCharCode(65 + i), score: s, qualified: true }))
      const p = t.map((c, i) => ({ candidate: c.id, price: amounts[i]! * 1_000_000 }))
      const r = priceResults('combined', k, t, p)
      const here = outcome(k, t, p)
      const from = r.kRange!.from ?? 0
      const to = r.kRange!.to ?? 100
      expect(from).toBeLessThanOrEqual(k)
      expect(to).toBeGreaterThanOrEqual(k)
      // Inside: a few points strictly between the ends hold the same recommendation.
      for (const f of [0.25, 0.5, 0.75]) {
        const inside = from + f * (to - from)
        if (to - from > 1e-6) expect(outcome(inside, t, p)).toBe(here)
      }
      // Just outside each finite end it differs.
      if (r.kRange!.from !== null && from - 1e-7 > 0) expect(outcome(from - 1e-7, t, p)).not.toBe(here)
      if (r.kRange!.to !== null && to + 1e-7 < 100) expect(outcome(to + 1e-7, t, p)).not.toBe(here)
    }), { numRuns: 300, seed: 12 })
  })
})

describe('computeResults with the price envelope (§12)', () => {
  // Scale 0..4, one rater, criteria X (weight 1) and gate G (pass/fail).
  // A: X 4 → S 100, passes G; B: X 2 → S 50, passes; C: X 4 → S 100 but fails G (not qualified).
  const base = evaluation({
    criteria: [leaf('X', 1), passFail('G')],
    candidates: ['A', 'B', 'C'],
    members: ['m1'],
    ratings: [['m1', 'A', 'X', 4], ['m1', 'A', 'G', true], ['m1', 'B', 'X', 2], ['m1', 'B', 'G', true], ['m1', 'C', 'X', 4], ['m1', 'C', 'G', false]],
  })
  const prices = [{ candidate: 'A', price: 2_000_000 }, { candidate: 'B', price: 1_000_000 }]

  it('keeps the technical recommendation while the envelope is sealed (no prices in the file)', () => {
    const r = computeResults({ ...base, evaluation: { ...base.evaluation, method: 'combined', K: 50 } }, { monteCarlo: false })
    expect(r.recommended).toBe('A')
    expect(r.price).toBeUndefined()
  })

  it('makes the method\'s recommendation the top-level one once prices are in', () => {
    // combined, K = 50: Emin = 1 000 000; P(A) = 50, P(B) = 100.
    // C(A) = (50·100 + 50·50)/100 = 75; C(B) = (50·50 + 50·100)/100 = 75 → tied.
    // K = 60: C(A) = (60·100 + 40·50)/100 = 80; C(B) = (60·50 + 40·100)/100 = 70 → A.
    const file = (K: number) => ({ ...base, evaluation: { ...base.evaluation, method: 'combined' as const, K }, prices })
    const tie = computeResults(file(50), { monteCarlo: false })
    expect(tie.recommended).toBeNull()
    expect(tie.tied).toEqual(['A', 'B'])
    const a = computeResults(file(60), { monteCarlo: false })
    expect(a.recommended).toBe('A')
    expect(a.price!.candidates.map((c) => [c.id, c.opened, c.combined])).toEqual([['A', true, 80], ['B', true, 70], ['C', false, null]])
    expect(a.price!.kRange).toEqual({ from: 50, to: null })
    // lowest price: B (1 000 000) is recommended although A scored more; C is never opened.
    const low = computeResults({ ...base, evaluation: { ...base.evaluation, method: 'lowest-price' }, prices }, { monteCarlo: false })
    expect(low.recommended).toBe('B')
    expect(low.candidates.find((c) => c.id === 'A')!.rank).toBe(1)
  })
})
