import { describe, expect, it } from 'vitest'
import { computeResults } from '../../src/domain/scoring.ts'
import { evaluation, group, leaf, sheet } from './fixtures.ts'

const noMc = { monteCarlo: false } as const

/** Two top-level criteria X and Y of weight 50 each, one rater on 0..100: r = v / 100. */
const twoGroups = (values: Record<string, [number, number]>, extra: { threshold?: number } = {}) => {
  const candidates = Object.keys(values)
  return evaluation({
    criteria: [leaf('X', 50), leaf('Y', 50)],
    candidates,
    members: ['m1'],
    scale: { min: 0, max: 100 },
    evaluation: extra,
    ratings: candidates.flatMap((id) => sheet(id, ['m1'], { X: [values[id]![0]], Y: [values[id]![1]] })),
  })
}

describe('weight sensitivity: flipAt, down, up (§3 a)', () => {
  // With t = X's share (today .5) and Y's 1 − t:
  //   S_A = 80t + 20(1 − t) = 20 + 60t   (50 today)
  //   S_B = 20t + 60(1 − t) = 60 − 40t   (40)
  //   S_C = 83t + 13(1 − t) = 13 + 70t   (48)
  // A is recommended. A = B at 20 + 60t = 60 − 40t → t = .4 (d = −10 pp);
  // A = C at 20 + 60t = 13 + 70t → t = .7 (d = +20 pp);
  // B = C at t = 47/110 ≈ .427, but A is above both there (45.6 vs 42.9): no flip.
  // For Y (u = 1 − t), the same points are u = .6 (d = +10 pp) and u = .3 (d = −20 pp).
  const file = twoGroups({ A: [80, 20], B: [20, 60], C: [83, 13] })
  const r = computeResults(file, noMc)

  it('finds the nearest flip on each side exactly', () => {
    expect(r.recommended).toBe('A')
    const x = r.sensitivity.groups.X!
    expect(x.down).toBeCloseTo(-10, 9)
    expect(x.up).toBeCloseTo(20, 9)
    expect(x.flipAt).toBeCloseTo(-10, 9)
    const y = r.sensitivity.groups.Y!
    expect(y.down).toBeCloseTo(-20, 9)
    expect(y.up).toBeCloseTo(10, 9)
    expect(y.flipAt).toBeCloseTo(10, 9)
  })

  it('agrees with recomputing at the perturbed weights: a tie at the flip, the same just inside it', () => {
    // X at 40 %: A = B = 44 → tied; at 40.1 %: A 44.06 > B 43.96 → A
    const at = (x: number) => computeResults({ ...file, criteria: [leaf('X', x), leaf('Y', 100 - x)] }, noMc)
    expect(at(40).tied).toEqual(['A', 'B'])
    expect(at(40.1).recommended).toBe('A')
    expect(at(39.9).recommended).toBe('B')
    expect(at(70).tied).toEqual(['A', 'C'])
    expect(at(69.9).recommended).toBe('A')
  })

  it('moves the total threshold with the weights', () => {
    // Threshold 45, A and B only. X: S_A = 20 + 60t ≥ 45 ⇔ t ≥ 5/12, and B never reaches 45 there
    // (60 − 40 × 5/12 = 43.3), so below t = 5/12 nobody qualifies: down = 5/12 − 1/2 = −1/12 → −8.33 pp.
    // Upwards A only grows: up null. For Y: S_A = 80 − 60u ≥ 45 ⇔ u ≤ 7/12 → up +8.33 pp; down null.
    const t = computeResults(twoGroups({ A: [80, 20], B: [20, 60] }, { threshold: 45 }), noMc)
    expect(t.recommended).toBe('A')
    expect(t.sensitivity.groups.X).toEqual({ flipAt: expect.closeTo(-25 / 3, 9), down: expect.closeTo(-25 / 3, 9), up: null })
    expect(t.sensitivity.groups.Y).toEqual({ flipAt: expect.closeTo(25 / 3, 9), down: null, up: expect.closeTo(25 / 3, 9) })
  })

  it('today tied → 0 for a group that separates the tied candidates, null for one that does not', () => {
    // A: X 80, Y 20; B: X 20, Y 80; Z: both 50. Shares 1/3 each → S_A = S_B = 50.
    // For X (t): S_A = 80t + (1 − t)(20 + 50)/2 = 35 + 45t, S_B = 20t + 65(1 − t) = 65 − 45t:
    // equal only at t = 1/3 (today), any change separates them → 0.
    // For Z (t): S_A = 50t + 50(1 − t) = 50 = S_B at every t → the tie never breaks → null.
    const tied = evaluation({
      criteria: [leaf('X', 1), leaf('Y', 1), leaf('Z', 1)],
      candidates: ['A', 'B'],
      members: ['m1'],
      scale: { min: 0, max: 100 },
      ratings: [...sheet('A', ['m1'], { X: [80], Y: [20], Z: [50] }), ...sheet('B', ['m1'], { X: [20], Y: [80], Z: [50] })],
    })
    const r2 = computeResults(tied, noMc)
    expect(r2.tied).toEqual(['A', 'B'])
    expect(r2.sensitivity.groups.X).toEqual({ flipAt: 0, down: 0, up: 0 })
    expect(r2.sensitivity.groups.Y).toEqual({ flipAt: 0, down: 0, up: 0 })
    expect(r2.sensitivity.groups.Z).toEqual({ flipAt: null, down: null, up: null })
  })

  it('stable: null when no change within ±50 pp flips it', () => {
    const r2 = computeResults(twoGroups({ A: [90, 90], B: [10, 10] }), noMc)
    expect(r2.sensitivity.groups).toEqual({
      X: { flipAt: null, down: null, up: null },
      Y: { flipAt: null, down: null, up: null },
    })
  })

  it('searches only ±50 pp and keeps the share within 0..100 %', () => {
    // Shares .9 / .1. A: X 100, Y 0 → S_A = 100t; B: X 0, Y 100 → S_B = 100 − 100t;
    // equal at t = .5: d = −40 pp, inside the range.
    // Shares .95 / .05. A: X 30, Y 100 → S_A = 100 − 70t; B: X 0, Y 100 → S_B = 100 − 100t;
    // S_A − S_B = 30t, zero only at t = 0: d = −95 pp, beyond −50 → null.
    const far = evaluation({
      criteria: [leaf('X', 90), leaf('Y', 10)],
      candidates: ['A', 'B'],
      members: ['m1'],
      scale: { min: 0, max: 100 },
      ratings: [...sheet('A', ['m1'], { X: [100], Y: [0] }), ...sheet('B', ['m1'], { X: [0], Y: [100] })],
    })
    expect(computeResults(far, noMc).sensitivity.groups.X).toEqual({ flipAt: expect.closeTo(-40, 9), down: expect.closeTo(-40, 9), up: null })
    const farther = evaluation({
      criteria: [leaf('X', 95), leaf('Y', 5)],
      candidates: ['A', 'B'],
      members: ['m1'],
      scale: { min: 0, max: 100 },
      ratings: [...sheet('A', ['m1'], { X: [30], Y: [100] }), ...sheet('B', ['m1'], { X: [0], Y: [100] })],
    })
    expect(computeResults(farther, noMc).sensitivity.groups.X).toEqual({ flipAt: null, down: null, up: null })
  })

  it('a single top-level group → null; nested groups are not perturbed', () => {
    const single = evaluation({
      criteria: [group('G', 1, [leaf('G.1', 1), leaf('G.2', 1)])],
      candidates: ['A', 'B'],
      members: ['m1'],
      ratings: [...sheet('A', ['m1'], { 'G.1': [4], 'G.2': [0] }), ...sheet('B', ['m1'], { 'G.1': [0], 'G.2': [3] })],
    })
    expect(computeResults(single, noMc).sensitivity.groups).toEqual({ G: { flipAt: null, down: null, up: null } })
  })

  it('a group threshold holds at any weight of the group, also at share 0', () => {
    // G (1, threshold 60 %) and H (1). A: G 50 %, H 100 % → fails G whatever its weight.
    // B: G 100 %, H 0 % → qualifies; A never becomes recommended, so the only question is B alone: stable.
    const f = evaluation({
      criteria: [group('G', 1, [leaf('G.1', 1)], { threshold: 60 }), leaf('H', 1)],
      candidates: ['A', 'B'],
      members: ['m1'],
      ratings: [...sheet('A', ['m1'], { 'G.1': [2], H: [4] }), ...sheet('B', ['m1'], { 'G.1': [4], H: [0] })],
    })
    const r2 = computeResults(f, { monteCarlo: true })
    expect(r2.recommended).toBe('B')
    expect(r2.sensitivity.groups.G).toEqual({ flipAt: null, down: null, up: null })
    expect(r2.sensitivity.monteCarlo!.wins).toEqual({ A: 0, B: 1 })
  })
})
