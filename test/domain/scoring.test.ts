import { describe, expect, it } from 'vitest'
import { computeResults, progress, raterQualification } from '../../src/domain/scoring.ts'
import { evaluation, group, leaf, passFail, sheet } from './fixtures.ts'

const noMc = { monteCarlo: false } as const

describe('score, groups, points, qualification and failed reasons', () => {
  // G (60, threshold 50%) ─ G.1 (1), G.2 (1), PF (pass/fail); H (40, threshold 25%), a top-level
  // criterion standing as its own group. Total threshold 60. Scale 0..4, raters m1 and m2.
  // W: G.1 = .6 × .5 = .3, G.2 = .3, H = .4.
  const file = evaluation({
    criteria: [
      group('G', 60, [leaf('G.1', 1), leaf('G.2', 1), passFail('PF')], { threshold: 50 }),
      leaf('H', 40, { threshold: 25 }),
    ],
    candidates: ['A', 'B', 'C'],
    members: ['m1', 'm2'],
    evaluation: { threshold: 60 },
    ratings: [
      ...sheet('A', ['m1', 'm2'], { 'G.1': [4, 4], 'G.2': [2, 2], PF: [true, true], H: [3, 1] }),
      ...sheet('B', ['m1', 'm2'], { 'G.1': [4, 4], 'G.2': [4, 4], PF: [true, false], H: [0, 0] }),
      ...sheet('C', ['m1', 'm2'], { 'G.1': [1, 1], 'G.2': [1, 1], PF: [true, true], H: [4, 4] }),
    ],
  })
  const results = computeResults(file, noMc)
  const [a, b, c] = results.candidates

  it('weights are the global weights of scored criteria', () => {
    expect(Object.keys(results.weights)).toEqual(['G.1', 'G.2', 'H'])
    expect(results.weights['G.1']).toBeCloseTo(0.3, 15)
    expect(results.weights.H).toBeCloseTo(0.4, 15)
  })

  it('A: points, subtotals and total', () => {
    // R: G.1 = 1, G.2 = .5, H = mean(3/4, 1/4) = .5 → points 30, 15, 20; G = 45, H = 20, S = 65
    expect(a!.points['G.1']).toBeCloseTo(30, 12)
    expect(a!.points['G.2']).toBeCloseTo(15, 12)
    expect(a!.points.H).toBeCloseTo(20, 12)
    expect(a!.groups.G).toBeCloseTo(45, 12)
    expect(a!.groups.H).toBeCloseTo(20, 12)
    expect(Object.keys(a!.groups)).toEqual(['G', 'H'])
    expect(a!.score).toBeCloseTo(65, 12)
    // G reaches 45 / 60 = 75 % ≥ 50; H 20 / 40 = 50 % ≥ 25; 65 ≥ 60; PF 2 of 2
    expect(a!.failed).toEqual([])
    expect(a!.qualified).toBe(true)
    expect(a!.complete).toBe(true)
  })

  it('B: a pass/fail tie fails, a criterion under its threshold fails; 60 = threshold is met', () => {
    // points 30 + 30 + 0 = 60 ≥ 60 − 1e-9; PF 1 of 2 (tie) fails; H 0 % < 25 %
    expect(b!.score).toBeCloseTo(60, 12)
    expect(b!.failed).toEqual(['PF', 'H'])
    expect(b!.qualified).toBe(false)
  })

  it('C: a group under its threshold and the total under the threshold; "threshold" comes last', () => {
    // points 7.5 + 7.5 + 40 = 55 < 60; G 15 / 60 = 25 % < 50 %
    expect(c!.score).toBeCloseTo(55, 12)
    expect(c!.groups.G).toBeCloseTo(15, 12)
    expect(c!.failed).toEqual(['G', 'threshold'])
  })

  it('ranks, recommendation', () => {
    expect(results.candidates.map((x) => x.rank)).toEqual([1, 2, 3])
    expect(results.recommended).toBe('A')
    expect(results.tied).toEqual([])
  })

  it('per-rater totals: each rater\'s own 100 × Σ W(c) r(c)', () => {
    // m1 on A: 100 × (.3 × 1 + .3 × .5 + .4 × 3/4) = 30 + 15 + 30 = 75; m2: 30 + 15 + 10 = 55
    expect(a!.raters.m1).toBeCloseTo(75, 12)
    expect(a!.raters.m2).toBeCloseTo(55, 12)
    // C: both 7.5 + 7.5 + 40 = 55
    expect(c!.raters).toEqual({ m1: expect.closeTo(55, 12), m2: expect.closeTo(55, 12) })
  })

  it('per-rater qualification: ĐẠT/KHÔNG ĐẠT of one sheet by the same thresholds', () => {
    expect(raterQualification(file, 'm1', 'A')).toEqual({ total: expect.closeTo(75, 12), qualified: true, failed: [], complete: true })
    // m2 on A: 55 < 60
    expect(raterQualification(file, 'm2', 'A')).toMatchObject({ qualified: false, failed: ['threshold'] })
    // m1 said pass on B's PF, m2 said fail; both gave H 0 %
    expect(raterQualification(file, 'm1', 'B')).toMatchObject({ qualified: false, failed: ['H'] })
    expect(raterQualification(file, 'm2', 'B')).toMatchObject({ qualified: false, failed: ['PF', 'H'] })
    expect(raterQualification(file, 'nobody', 'B')).toBeNull()
  })

  it('disagreements: spread ≥ half the scale range, and mixed pass/fail', () => {
    // A/H: 3 − 1 = 2 ≥ (4 − 0) / 2; B/PF: pass and fail → spread 1
    expect(results.disagreements).toEqual([
      { candidate: 'A', criterion: 'H', spread: 2 },
      { candidate: 'B', criterion: 'PF', spread: 1 },
    ])
    const stricter = computeResults({ ...file, evaluation: { ...file.evaluation, disagreementSpread: 3 } }, noMc)
    expect(stricter.disagreements).toEqual([{ candidate: 'B', criterion: 'PF', spread: 1 }])
  })
})

describe('ranks shared on equal scores, and the tie for the recommendation', () => {
  // K1 (1), K2 (1), scale 0..4, one rater. A: 4, 2 → 100 × (.5 × 1 + .5 × .5) = 75; B: 2, 4 → 75;
  // C: 2, 2 → 50. Ranks 1, 1, 3.
  const base = {
    criteria: [leaf('K1', 1), leaf('K2', 1)],
    candidates: ['A', 'B', 'C'],
    members: ['m1'],
    ratings: [
      ...sheet('A', ['m1'], { K1: [4], K2: [2] }),
      ...sheet('B', ['m1'], { K1: [2], K2: [4] }),
      ...sheet('C', ['m1'], { K1: [2], K2: [2] }),
    ],
  }

  it('1, 1, 3 and no recommendation: the committee must decide', () => {
    const r = computeResults(evaluation(base), noMc)
    expect(r.candidates.map((x) => x.score)).toEqual([75, 75, 50])
    expect(r.candidates.map((x) => x.rank)).toEqual([1, 1, 3])
    expect(r.recommended).toBeNull()
    expect(r.tied).toEqual(['A', 'B'])
  })

  it('an unqualified candidate is ranked too but not recommended', () => {
    // PF: A passes, B fails → B keeps rank 1 but only A qualifies
    const r = computeResults(evaluation({
      ...base,
      criteria: [...base.criteria, passFail('PF')],
      ratings: [...base.ratings, ['m1', 'A', 'PF', true], ['m1', 'B', 'PF', false], ['m1', 'C', 'PF', true]],
    }), noMc)
    expect(r.candidates.map((x) => [x.rank, x.qualified])).toEqual([[1, true], [1, false], [3, true]])
    expect(r.recommended).toBe('A')
    expect(r.tied).toEqual([])
  })

  it('nobody qualified: no recommendation and no tie; an unjudged pass/fail fails', () => {
    // PF: A fails, B and C not judged by anybody
    const r = computeResults(evaluation({
      ...base,
      criteria: [...base.criteria, passFail('PF')],
      ratings: [...base.ratings, ['m1', 'A', 'PF', false]],
    }), noMc)
    expect(r.candidates.map((x) => x.failed)).toEqual([['PF'], ['PF'], ['PF']])
    expect(r.recommended).toBeNull()
    expect(r.tied).toEqual([])
  })
})

describe('unrated criteria, completeness, abstainers and non-raters', () => {
  // K1 (1), K2 (1), PF. m1 chair, m2 and m3 members, s secretary, o observer. m3 abstains for A and C.
  const members = [
    { id: 'm1', name: 'Trần Văn Một', role: 'chair' as const },
    { id: 'm2', name: 'Nguyễn Thị Hai', role: 'member' as const },
    { id: 'm3', name: 'Lê Văn Ba', role: 'member' as const },
    { id: 's', name: 'Phạm Thư Ký', role: 'secretary' as const },
    { id: 'o', name: 'Quan Sát', role: 'observer' as const },
  ]
  const spec = {
    criteria: [leaf('K1', 1), leaf('K2', 1), passFail('PF')],
    candidates: ['A', 'B', 'C'],
    members,
    abstentions: [
      { member: 'm3', candidate: 'A', reason: 'Từng làm việc cho nhà cung cấp' },
      { member: 'm3', candidate: 'C', reason: 'Người thân làm việc cho nhà cung cấp' },
    ],
    ratings: [
      // A: nobody rated K2
      ...sheet('A', ['m1', 'm2'], { K1: [4, 2], PF: [true, true] }),
      ...sheet('B', ['m1', 'm2', 'm3'], { K1: [4, 0, 2], K2: [4, 4, 4], PF: [true, false, false] }),
      ...sheet('C', ['m1', 'm2'], { K1: [2, 2], K2: [2, 2], PF: [true, true] }),
    ],
  }
  const file = evaluation(spec)
  const r = computeResults(file, noMc)
  const [a, b, c] = r.candidates

  it('an unrated criterion contributes 0 and leaves the candidate incomplete', () => {
    // A: K1 = mean(1, .5) = .75 → 37.5; K2 unrated → 0; S = 37.5
    expect(a!.points).toEqual({ K1: 37.5, K2: 0 })
    expect(a!.score).toBe(37.5)
    expect(a!.complete).toBe(false)
  })

  it('abstainers are left out of aggregates, sheets and per-rater totals', () => {
    // C: m3 abstains; m1 and m2 rated all three → complete; K1 = K2 = .5 → 25 + 25 = 50
    expect(c!.complete).toBe(true)
    expect(c!.score).toBe(50)
    expect(Object.keys(c!.raters)).toEqual(['m1', 'm2'])
    // A: m1 4 → 100 × .5 × 1 = 50, m2 2 → 25; K2 unrated counts 0
    expect(a!.raters).toEqual({ m1: 50, m2: 25 })
    // A rating by an abstainer (refused by the validator) would change nothing here either.
    const sneaky = computeResults({ ...file, ratings: [...file.ratings, { member: 'm3', candidate: 'A', criterion: 'K1', value: 0 }] }, noMc)
    expect(sneaky.candidates[0]!.score).toBe(37.5)
  })

  it('B: three raters, PF 1 of 3 fails', () => {
    // K1 = mean(1, 0, .5) = .5 → 25; K2 = 1 → 50; S = 75; raters 100, 50, 75
    expect(b!.score).toBe(75)
    expect(b!.raters).toEqual({ m1: 100, m2: 50, m3: 75 })
    expect(b!.failed).toEqual(['PF'])
    expect(b!.complete).toBe(true)
  })

  it('recommends the best-ranked qualified candidate', () => {
    // B 75 (rank 1, unqualified), C 50 (rank 2), A 37.5 (rank 3)
    expect(r.candidates.map((x) => x.rank)).toEqual([3, 1, 2])
    expect(r.recommended).toBe('C')
  })

  it('flags spreads and mixed judgments, candidates then tree order', () => {
    // A/K1: 4 − 2 = 2 ≥ 2; B/K1: 4 − 0 = 4; B/PF: mixed
    expect(r.disagreements).toEqual([
      { candidate: 'A', criterion: 'K1', spread: 2 },
      { candidate: 'B', criterion: 'K1', spread: 4 },
      { candidate: 'B', criterion: 'PF', spread: 1 },
    ])
  })

  it('progress: counts per rater × candidate, no values; secretary and observer are not raters', () => {
    const rows = progress(file)
    expect(rows.map((x) => `${x.member}/${x.candidate}`)).toEqual(['m1/A', 'm1/B', 'm1/C', 'm2/A', 'm2/B', 'm2/C', 'm3/A', 'm3/B', 'm3/C'])
    expect(rows[0]).toEqual({ member: 'm1', candidate: 'A', rated: 2, total: 3, abstained: false, complete: false })
    expect(rows[6]).toEqual({ member: 'm3', candidate: 'A', rated: 0, total: 3, abstained: true, complete: true })
    expect(rows[7]).toEqual({ member: 'm3', candidate: 'B', rated: 3, total: 3, abstained: false, complete: true })
    expect(raterQualification(file, 'm3', 'A')).toBeNull()
  })
})

describe('median and trimmed aggregation in the results', () => {
  // One criterion, five raters on 0..4 rating A 0, 1, 1, 2, 4:
  // mean 8/5 = 1.6 → .4 → 40; median 1 → .25 → 25; trimmed [1, 1, 2] → 4/3 → 1/3 → 33.33…
  const spec = (aggregation: 'mean' | 'median' | 'trimmed') => evaluation({
    criteria: [leaf('K1', 1)],
    candidates: ['A'],
    members: ['m1', 'm2', 'm3', 'm4', 'm5'],
    evaluation: { aggregation },
    ratings: sheet('A', ['m1', 'm2', 'm3', 'm4', 'm5'], { K1: [0, 1, 1, 2, 4] }),
  })
  it('uses the evaluation\'s method', () => {
    expect(computeResults(spec('mean'), noMc).candidates[0]!.score).toBeCloseTo(40, 12)
    expect(computeResults(spec('median'), noMc).candidates[0]!.score).toBeCloseTo(25, 12)
    expect(computeResults(spec('trimmed'), noMc).candidates[0]!.score).toBeCloseTo(100 / 3, 12)
  })
})

describe('the weighted-sum example (Wikipedia, "Weighted sum model")', () => {
  // Weights .20/.15/.40/.25 as 20/15/40/25; one rater on a 0..100 scale with the values as given,
  // so r = v / 100 and S = 100 × Σ w r = Σ w v:
  // A1 = .2×25 + .15×20 + .4×15 + .25×30 = 5 + 3 + 6 + 7.5 = 21.5
  // A2 = .2×10 + .15×30 + .4×20 + .25×30 = 2 + 4.5 + 8 + 7.5 = 22
  // A3 = .2×30 + .15×10 + .4×30 + .25×10 = 6 + 1.5 + 12 + 2.5 = 22 → A2 and A3 tie for first.
  const file = evaluation({
    criteria: [leaf('C1', 20), leaf('C2', 15), leaf('C3', 40), leaf('C4', 25)],
    candidates: ['A1', 'A2', 'A3'],
    members: ['m1'],
    scale: { min: 0, max: 100 },
    ratings: [
      ...sheet('A1', ['m1'], { C1: [25], C2: [20], C3: [15], C4: [30] }),
      ...sheet('A2', ['m1'], { C1: [10], C2: [30], C3: [20], C4: [30] }),
      ...sheet('A3', ['m1'], { C1: [30], C2: [10], C3: [30], C4: [10] }),
    ],
  })
  it('gives 21.50, 22.00, 22.00 and a tie', () => {
    const r = computeResults(file, noMc)
    const scores = r.candidates.map((x) => x.score)
    expect(scores[0]).toBeCloseTo(21.5, 12)
    expect(scores[1]).toBeCloseTo(22, 12)
    expect(scores[2]).toBeCloseTo(22, 12)
    expect(r.candidates.map((x) => x.rank)).toEqual([3, 1, 1])
    expect(r.recommended).toBeNull()
    expect(r.tied).toEqual(['A2', 'A3'])
  })
})

describe('nested thresholds and a group of weight 0', () => {
  // G (1, threshold 50) ─ G.a (1, threshold 80) ─ G.a.1 (1), G.a.2 (1)
  //                     └ G.b (1)
  // Z (0, threshold 50) ─ Z.1 (1): weight 0, yet its minimum still applies, in % of its own max.
  // Scale 0..4, one rater. A: G.a.1 4, G.a.2 2, G.b 0, Z.1 1.
  //   G.a: (1 + .5)/2 = 75 % < 80 → fails; G: (.75 + 0)/2 = 37.5 % < 50 → fails; Z: 25 % < 50 → fails.
  //   W: G.a.1 = .25, G.a.2 = .25, G.b = .5, Z.1 = 0 → S = 25 + 12.5 = 37.5.
  // B: all 4 → 100 % everywhere, S = 100.
  const file = evaluation({
    criteria: [
      group('G', 1, [group('G.a', 1, [leaf('G.a.1', 1), leaf('G.a.2', 1)], { threshold: 80 }), leaf('G.b', 1)], { threshold: 50 }),
      group('Z', 0, [leaf('Z.1', 1)], { threshold: 50 }),
    ],
    candidates: ['A', 'B'],
    members: ['m1'],
    ratings: [
      ...sheet('A', ['m1'], { 'G.a.1': [4], 'G.a.2': [2], 'G.b': [0], 'Z.1': [1] }),
      ...sheet('B', ['m1'], { 'G.a.1': [4], 'G.a.2': [4], 'G.b': [4], 'Z.1': [4] }),
    ],
  })
  const r = computeResults(file, noMc)

  it('lists failed nodes in tree order, a group before its children', () => {
    expect(r.candidates[0]!.score).toBe(37.5)
    expect(r.candidates[0]!.failed).toEqual(['G', 'G.a', 'Z'])
    expect(r.candidates[0]!.groups).toEqual({ G: 37.5, Z: 0 })
    expect(r.candidates[1]!.failed).toEqual([])
    expect(r.recommended).toBe('B')
  })
})
