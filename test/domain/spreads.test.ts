import { describe, expect, it } from 'vitest'
import { computeResults } from '../../src/domain/scoring.ts'
import { spreads } from '../../src/domain/spreads.ts'
import { evaluation, group, leaf, passFail, sheet } from './fixtures.ts'

describe('spreads: every candidate × criterion', () => {
  // Scale 0..4, raters m1, m2, m3 (m3 abstains for B), observer o1 (not a rater).
  // A: K1 = 4, 2, 1 → 3; K2 = 3 (m1 only) → 0; PF = pass, fail, pass → 1.
  // B: K1 = 0, 4 (m3's 1 ignored: abstains) → 4; K2 unrated → null; PF = pass, pass → 0.
  const file = evaluation({
    criteria: [group('G', 1, [leaf('K1', 1), leaf('K2', 1)]), passFail('PF')],
    candidates: ['A', 'B'],
    members: ['m1', 'm2', 'm3', { id: 'o1', name: 'Quan sát viên', role: 'observer' }],
    abstentions: [{ member: 'm3', candidate: 'B', reason: 'Có quan hệ với nhà cung cấp' }],
    evaluation: { disagreementSpread: 3 },
    ratings: [
      ...sheet('A', ['m1', 'm2', 'm3'], { K1: [4, 2, 1], PF: [true, false, true] }),
      ['m1', 'A', 'K2', 3],
      ...sheet('B', ['m1', 'm2', 'm3'], { K1: [0, 4, 1], PF: [true, true] }),
    ],
  })

  it('gives max − min per cell, null when unrated, 0 for one rating, 1 for mixed judgments', () => {
    expect(spreads(file)).toEqual([
      { candidate: 'A', criterion: 'K1', rated: 3, spread: 3 },
      { candidate: 'A', criterion: 'K2', rated: 1, spread: 0 },
      { candidate: 'A', criterion: 'PF', rated: 3, spread: 1 },
      { candidate: 'B', criterion: 'K1', rated: 2, spread: 4 },
      { candidate: 'B', criterion: 'K2', rated: 0, spread: null },
      { candidate: 'B', criterion: 'PF', rated: 2, spread: 0 },
    ])
  })

  it('the disagreements are the cells of two or more ratings at or over the threshold (3)', () => {
    const flagged = spreads(file)
      .filter((s) => s.rated >= 2 && s.spread !== null && (s.criterion === 'PF' ? s.spread > 0 : s.spread >= 3))
      .map(({ candidate, criterion, spread }) => ({ candidate, criterion, spread }))
    expect(computeResults(file, { monteCarlo: false }).disagreements).toEqual(flagged)
  })
})
