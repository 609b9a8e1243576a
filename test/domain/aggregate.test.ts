import { describe, expect, it } from 'vitest'
import { aggregateRatings, normalizeRating, passesMajority } from '../../src/domain/aggregate.ts'

const oneToFive = { min: 1, max: 5 }

describe('normalized rating r = (v − min) / (max − min)', () => {
  it('uses the scale minimum when it is not 0', () => {
    expect(normalizeRating(4, oneToFive)).toBe(0.75) // (4 − 1) / 4
    expect(normalizeRating(1, oneToFive)).toBe(0)
    expect(normalizeRating(5, oneToFive)).toBe(1)
    expect(normalizeRating(0, { min: -2, max: 2 })).toBe(0.5) // (0 + 2) / 4
  })
})

describe('aggregate rating R(p,c)', () => {
  it('mean', () => {
    // [1, 2, 5] on 1..5: r = 0, .25, 1 → mean 1.25 / 3 = 5/12
    expect(aggregateRatings([1, 2, 5], oneToFive, 'mean')).toBeCloseTo(5 / 12, 15)
    // [1, 2, 2, 3, 5]: mean level 13/5 = 2.6 → (2.6 − 1) / 4 = .4
    expect(aggregateRatings([1, 2, 2, 3, 5], oneToFive, 'mean')).toBeCloseTo(0.4, 15)
  })

  it('median, odd and even counts', () => {
    // [5, 1, 2]: sorted 1, 2, 5 → 2 → .25
    expect(aggregateRatings([5, 1, 2], oneToFive, 'median')).toBe(0.25)
    // [5, 1, 4, 2]: sorted 1, 2, 4, 5 → mean of 2 and 4 = 3 → .5
    expect(aggregateRatings([5, 1, 4, 2], oneToFive, 'median')).toBe(0.5)
    // [1, 2] → 1.5 → .125
    expect(aggregateRatings([1, 2], oneToFive, 'median')).toBe(0.125)
  })

  it('trimmed: one highest and one lowest dropped from 5 ratings on', () => {
    // [1, 2, 2, 3, 5]: drop 1 and 5 → [2, 2, 3], mean 7/3 → (7/3 − 1) / 4 = 1/3 (the mean would be .4)
    expect(aggregateRatings([1, 2, 2, 3, 5], oneToFive, 'trimmed')).toBeCloseTo(1 / 3, 15)
    // exactly one of the equal highest is dropped: [5, 5, 5, 5, 1] → [5, 5, 5] → 1
    expect(aggregateRatings([5, 5, 5, 5, 1], oneToFive, 'trimmed')).toBe(1)
    // fewer than 5: the plain mean. [1, 2, 4, 5] → 3 → .5;
    // [1, 2, 2, 5] → 10/4 = 2.5 → 1.5/4 = .375 (trimmed to [2, 2] it would be .25)
    expect(aggregateRatings([1, 2, 4, 5], oneToFive, 'trimmed')).toBe(0.5)
    expect(aggregateRatings([1, 2, 2, 5], oneToFive, 'trimmed')).toBe(0.375)
  })

  it('is NaN when nobody rated, and does not depend on order', () => {
    expect(aggregateRatings([], oneToFive, 'mean')).toBeNaN()
    for (const m of ['mean', 'median', 'trimmed'] as const) {
      expect(aggregateRatings([3, 1, 5, 2, 4, 4], oneToFive, m)).toBe(aggregateRatings([4, 4, 2, 5, 1, 3], oneToFive, m))
    }
  })
})

describe('pass/fail majority', () => {
  it('passes with more than half of those who judged', () => {
    expect(passesMajority(2, 3)).toBe(true) // 2 of 3
    expect(passesMajority(1, 1)).toBe(true)
    expect(passesMajority(1, 3)).toBe(false)
  })
  it('fails on a tie and when nobody judged', () => {
    expect(passesMajority(2, 4)).toBe(false)
    expect(passesMajority(1, 2)).toBe(false)
    expect(passesMajority(0, 0)).toBe(false)
  })
})
