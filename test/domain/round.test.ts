import { describe, expect, it } from 'vitest'
import { roundHalfAwayFromZero } from '../../src/domain/round.ts'

describe('roundHalfAwayFromZero (§3 display rounding)', () => {
  it('rounds halves away from zero even when the binary value is just below the half', () => {
    // 1.005 is stored as 1.00499999999999989…; rounded to 9 decimals it is 1.005000000 → 1.01.
    expect(roundHalfAwayFromZero(1.005)).toBe(1.01)
    expect(roundHalfAwayFromZero(-1.005)).toBe(-1.01)
    expect(roundHalfAwayFromZero(2.675)).toBe(2.68) // 2.67499999999999982236431605997495353221893310546875
    expect(roundHalfAwayFromZero(0.125)).toBe(0.13)
    expect(roundHalfAwayFromZero(-0.125)).toBe(-0.13)
  })

  it('rounds other values to the nearest', () => {
    expect(roundHalfAwayFromZero(21.5)).toBe(21.5)
    expect(roundHalfAwayFromZero(78.254999)).toBe(78.25)
    expect(roundHalfAwayFromZero(78.2551)).toBe(78.26)
    expect(roundHalfAwayFromZero(99.999)).toBe(100)
    expect(roundHalfAwayFromZero(-0.004)).toBe(0)
    expect(Object.is(roundHalfAwayFromZero(-0.004), -0)).toBe(false)
  })

  it('first rounds to 9 decimals: noise below 1e-9 does not count', () => {
    // 0.1 + 0.2 = 0.30000000000000004; 64.99999999999999 is 65 to 9 decimals
    expect(roundHalfAwayFromZero(0.1 + 0.2)).toBe(0.3)
    expect(roundHalfAwayFromZero(64.99999999999999, 0)).toBe(65)
    // 1.0049999999 is 1.005000000 at 9 decimals → 1.01; 1.00499999 stays below → 1.00
    expect(roundHalfAwayFromZero(1.0049999999)).toBe(1.01)
    expect(roundHalfAwayFromZero(1.00499999)).toBe(1)
  })

  it('takes the number of decimals', () => {
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3)
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3)
    expect(roundHalfAwayFromZero(-7.142857142857143, 4)).toBe(-7.1429)
    expect(roundHalfAwayFromZero(1.23456789012, 9)).toBe(1.23456789)
    expect(() => roundHalfAwayFromZero(1, 10)).toThrow(RangeError)
  })

  it('leaves non-finite values alone', () => {
    expect(roundHalfAwayFromZero(Number.NaN)).toBeNaN()
    expect(roundHalfAwayFromZero(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
  })
})
