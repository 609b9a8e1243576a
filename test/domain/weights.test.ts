import { describe, expect, it } from 'vitest'
import { globalWeights, localShares, maxPoints, nodeWeights, relativeWeights } from '../../src/domain/weights.ts'
import { group, leaf, passFail } from './fixtures.ts'

// A 3-level tree, with pass/fail criteria that must not take any weight:
//   G1 (3) ─ G1a (2) ─ L1 (1), L2 (3)
//          ├ L3 (2)
//          └ PF1 (pass/fail)
//   G2 (1) ─ L4 (5)
//   PF0 (pass/fail, top level)
// Shares: G1 = 3/(3+1) = .75, G2 = .25; in G1: G1a = 2/(2+2) = .5, L3 = .5; in G1a: L1 = 1/4, L2 = 3/4.
// Global: L1 = .75 × .5 × .25 = .09375, L2 = .75 × .5 × .75 = .28125, L3 = .75 × .5 = .375,
// L4 = .25 × 1 = .25; sum = 1.
const tree = [
  group('G1', 3, [group('G1a', 2, [leaf('L1', 1), leaf('L2', 3)]), leaf('L3', 2), passFail('PF1')]),
  group('G2', 1, [leaf('L4', 5)]),
  passFail('PF0'),
]

describe('global weights (§3)', () => {
  it('multiplies w_node / Σ w_siblings along the path, pass/fail ignored', () => {
    const w = globalWeights(tree)
    expect(Object.keys(w)).toEqual(['L1', 'L2', 'L3', 'L4'])
    expect(w.L1).toBeCloseTo(0.09375, 15)
    expect(w.L2).toBeCloseTo(0.28125, 15)
    expect(w.L3).toBeCloseTo(0.375, 15)
    expect(w.L4).toBeCloseTo(0.25, 15)
  })

  it('gives local shares, global weights and max points for groups too', () => {
    const nodes = nodeWeights(tree)
    expect([...nodes.keys()]).toEqual(['G1', 'G1a', 'L1', 'L2', 'L3', 'G2', 'L4'])
    expect(nodes.get('G1a')).toEqual({ local: 0.5, global: 0.375, maxPoints: 37.5 })
    // max points: L1 9.375 + L2 28.125 = G1a 37.5; + L3 37.5 = G1 75; G2 = L4 = 25
    expect(maxPoints(tree)).toEqual({ G1: 75, G1a: 37.5, L1: 9.375, L2: 28.125, L3: 37.5, G2: 25, L4: 25 })
  })

  it('gives each node its criteria relative to itself, summing to 1', () => {
    // Under G1: L1 = .5 × .25 = .125, L2 = .5 × .75 = .375, L3 = .5
    expect(Object.fromEntries(relativeWeights(tree[0]!))).toEqual({ L1: 0.125, L2: 0.375, L3: 0.5 })
  })

  it('keeps relative weights under a group of weight 0', () => {
    // G2 weight 0: its global weight is 0, but inside it L4 is still all of it.
    const zero = [group('G1', 1, [leaf('A', 1)]), group('G2', 0, [leaf('L4', 5), leaf('L5', 5)])]
    expect(globalWeights(zero)).toEqual({ A: 1, L4: 0, L5: 0 })
    expect(Object.fromEntries(relativeWeights(zero[1]!))).toEqual({ L4: 0.5, L5: 0.5 })
  })

  it('gives shares of 0, not NaN, to an (invalid) all-zero sibling set', () => {
    expect(Object.fromEntries(localShares([leaf('A', 0), leaf('B', 0)]))).toEqual({ A: 0, B: 0 })
  })
})
