import { describe, expect, it } from 'vitest'
import { ahp, checkAhpMatrix, RANDOM_INDEX } from '../../src/domain/ahp.ts'
import { ValidationError } from '../../src/domain/issues.ts'

// Saaty (2008), "Decision making with the analytic hierarchy process", drinks consumption in the
// US: Coffee, Wine, Tea, Beer, Soda, Milk, Water.
const drinks = [
  [1, 9, 5, 2, 1, 1, 1 / 2],
  [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
  [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [1, 9, 4, 2, 1, 2, 1 / 2],
  [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
  [2, 9, 9, 3, 2, 3, 1],
]

describe('AHP (§3)', () => {
  it('reproduces Saaty\'s drinks example', () => {
    const r = ahp(drinks)
    const published = [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327]
    r.weights.forEach((w, i) => {
      expect(Math.abs(w - published[i]!)).toBeLessThanOrEqual(0.001)
    })
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12)
    expect(r.lambdaMax).toBeCloseTo(7.177, 3)
    // CI = (7.1766 − 7) / 6 = .02944; CR = .02944 / RI(7) 1.32 = .0223
    expect(r.ci).toBeCloseTo(0.02944, 5)
    expect(r.cr).toBeCloseTo(0.022, 3)
    expect(r.consistent).toBe(true)
    expect(r.n).toBe(7)
    expect(r.riTable.name).toBe('Saaty 1980')
    expect(r.riTable.values[6]).toBe(1.32)
  })

  it('gives exact weights for a consistent matrix', () => {
    // Weights 4 : 2 : 1 → a_ij = w_i / w_j; λmax = n = 3, CI = CR = 0
    const r = ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    expect(r.weights.map((w) => w * 7)).toEqual([expect.closeTo(4, 10), expect.closeTo(2, 10), expect.closeTo(1, 10)])
    expect(r.lambdaMax).toBeCloseTo(3, 10)
    expect(r.cr).toBeCloseTo(0, 10)
  })

  it('flags an inconsistent matrix (CR > 0.10)', () => {
    // A ≻ B by 9, B ≻ C by 9, but C ≻ A by 9: circular
    const r = ahp([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    expect(r.cr).toBeGreaterThan(0.1)
    expect(r.consistent).toBe(false)
  })

  it('n ≤ 2 → CR 0', () => {
    expect(ahp([[1]])).toMatchObject({ weights: [1], cr: 0, ci: 0, consistent: true })
    const two = ahp([[1, 3], [1 / 3, 1]])
    expect(two.weights[0]).toBeCloseTo(0.75, 12)
    expect(two.cr).toBe(0)
  })

  it('uses Saaty\'s table up to 15', () => {
    expect(RANDOM_INDEX.values.slice(2, 10)).toEqual([0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49])
    const n15 = Array.from({ length: 15 }, () => Array.from({ length: 15 }, () => 1))
    expect(ahp(n15).cr).toBeCloseTo(0, 10)
  })

  it('refuses invalid matrices with localized messages naming the entry', () => {
    expect(checkAhpMatrix([], 'en')).toEqual([{ path: 'matrix', message: expect.stringContaining('at least 1') }])
    expect(checkAhpMatrix([[1, 2], [1 / 2]], 'en')).toEqual([{ path: 'matrix[1]', message: expect.stringContaining('2×2') }])
    expect(checkAhpMatrix([[1, -2], [1 / 2, 1]], 'vi')[0]).toEqual({ path: 'matrix[0][1]', message: expect.stringContaining('số dương') })
    expect(checkAhpMatrix([[1, 3], [3, 1]], 'en')).toEqual([{ path: 'matrix[1][0]', message: expect.stringContaining('not reciprocal') }])
    expect(checkAhpMatrix([[1, 3], [3, 1]], 'vi')[0]!.message).toContain('nghịch đảo')
    expect(checkAhpMatrix([[2, 1], [1, 1]], 'en')[0]!.path).toBe('matrix[0][0]')
    expect(checkAhpMatrix([[1, 12], [1 / 12, 1]], 'en')[0]!.message).toContain('1/9..9')
    const big = Array.from({ length: 16 }, () => Array.from({ length: 16 }, () => 1))
    expect(checkAhpMatrix(big, 'en')[0]!.message).toContain('16')
    expect(() => ahp([[1, 3], [3, 1]], 'en')).toThrow(ValidationError)
  })

  it('accepts reciprocals typed to 3 decimals', () => {
    expect(checkAhpMatrix([[1, 3, 9], [0.333, 1, 3], [0.111, 0.333, 1]])).toEqual([])
  })
})

describe('AHP input from JSON', () => {
  it('reports a malformed matrix instead of throwing a TypeError', () => {
    expect(checkAhpMatrix('3' as never, 'en')[0]!.path).toBe('matrix')
    expect(checkAhpMatrix([[1, 2], 'x'] as never, 'en')).toEqual([{ path: 'matrix[1]', message: expect.stringContaining('0 entries') }])
    expect(checkAhpMatrix([[1, '2'], [0.5, 1]] as never, 'en')[0]!.path).toBe('matrix[0][1]')
  })
})
