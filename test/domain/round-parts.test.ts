import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundHalfAwayFromZero, roundParts } from '../../src/domain/round.ts'

const units = (xs: number[], d = 2) => xs.reduce((a, x) => a + Math.round(x * 10 ** d), 0)

describe('roundParts (§6: printed parts add up to the printed whole, largest remainder)', () => {
  it('gives the unit the whole lacks to the largest remainder', () => {
    // 11.645 + 8.925 + 57.45 = 78.02. One by one they print 11.65 + 8.93 + 57.45 = 78.03 (the
    // report's old 78,03 against 78,02). Cut: 11.64 + 8.92 + 57.45 = 78.01, one unit missing;
    // remainders .5, .5, 0 → the first gets it.
    expect(roundParts([11.645, 8.925, 57.45])).toEqual([11.65, 8.92, 57.45])
    expect(roundHalfAwayFromZero(11.645) + roundHalfAwayFromZero(8.925) + 57.45).toBeCloseTo(78.03, 9)
    // 33.335 × 3 = 100.005 → 100.01; each alone 33.34 (sum 100.02). Cut 33.33 × 3 = 99.99,
    // two units missing: equal remainders, so the first two parts get them.
    expect(roundParts([33.335, 33.335, 33.335])).toEqual([33.34, 33.34, 33.33])
    expect(roundHalfAwayFromZero(33.335) * 3).not.toBeCloseTo(100.01, 6)
  })

  it('meets a given whole (the rounded total the report prints)', () => {
    // Thirds of 100: 33.333… each, cut 33.33 × 3 = 99.99, one unit to the first.
    expect(roundParts([100 / 3, 100 / 3, 100 / 3], 2, 100)).toEqual([33.34, 33.33, 33.33])
    expect(roundParts([1 / 3, 2 / 3], 0, 1)).toEqual([0, 1])
    expect(roundParts([], 2)).toEqual([])
  })

  it('keeps binary noise out of the cut', () => {
    // 0.285 × 100 = 28.499999999999996 must count as 28.5 units.
    // 0.285 + 0.715 = 1: cut 28 + 71 units, remainders .5 and .5, the missing unit to the first.
    expect(roundParts([0.285, 0.715], 2)).toEqual([0.29, 0.71])
    expect(roundParts([0.285], 2)).toEqual([0.29])
  })

  it('property: parts sum to the rounded whole, each within one unit of its value', () => {
    fc.assert(fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 4 }), (xs, d) => {
      const out = roundParts(xs, d)
      const sum = xs.reduce((a, b) => a + b, 0)
      expect(units(out, d)).toBe(Math.round(roundHalfAwayFromZero(sum, d) * 10 ** d))
      out.forEach((r, i) => {
        expect(Math.abs(r - (xs[i] as number))).toBeLessThan(10 ** -d + 1e-9)
      })
    }))
  })
})

describe('roundTree (every printed group adds up to its printed parts)', () => {
  it('rounds the whole first, then each sibling set to its rounded parent', async () => {
    const { roundTree } = await import('../../src/domain/round-tree.ts')
    const t = (id: string) => ({ vi: id })
    const tree = [
      { id: 'A', title: t('A'), weight: 1, children: [{ id: 'A.1', title: t('a1'), weight: 1 }, { id: 'A.2', title: t('a2'), weight: 1 }, { id: 'A.3', title: t('g'), type: 'pass_fail' as const }] },
      { id: 'B', title: t('B'), weight: 1, children: [{ id: 'B.1', title: t('b1'), weight: 1 }] },
    ]
    // A.1 5.645, A.2 5.645 → A 11.29; B 66.735; total 78.025 → 78.03. Top: 11.29 + 66.73 = 78.02,
    // one unit missing, remainders 0 and .5 → B gets it: 66.74. Inside A: 5.64 + 5.64, one unit
    // missing (11.29), equal remainders → the first: 5.65 + 5.64.
    const leaf: Record<string, number> = { 'A.1': 5.645, 'A.2': 5.645, 'B.1': 66.735 }
    const r = roundTree(tree, (id) => leaf[id] ?? 0, 2, 78.025)
    expect(Object.fromEntries(r)).toEqual({ A: 11.29, 'A.1': 5.65, 'A.2': 5.64, B: 66.74, 'B.1': 66.74 })
    expect(r.has('A.3')).toBe(false)
  })
})
