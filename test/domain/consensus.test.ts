// §11: a committee consensus replaces the aggregate of one candidate × criterion.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { serializeEvaluation } from '../../src/domain/canonical.ts'
import { parseEvaluationFile, type Consensus, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import type { Lang } from '../../src/domain/messages.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { evaluationFileArb } from './arbitraries.ts'
import { evaluation, group, leaf, passFail, sheet } from './fixtures.ts'
import { sampleFile } from './sample-file.ts'

const noMc = { monteCarlo: false } as const
const withConsensus = (file: EvaluationFile, consensus: Consensus[]): EvaluationFile => ({ ...file, consensus })

describe('a consensus replaces the aggregate (hand-worked)', () => {
  // G (60) ─ G.1 (1), G.2 (1), PF (pass/fail); H (40). Scale 0..4, raters m1, m2.
  // W: G.1 = .3, G.2 = .3, H = .4.
  // A: G.1 [4, 0], G.2 [2, 2], PF [pass, fail], H [2, 2].
  //    Aggregate: R(G.1) = mean(1, 0) = .5 → 15; G.2 .5 → 15; H .5 → 20; S = 50; PF 1 of 2 fails.
  //    Consensus G.1 = 3 ("demo showed it"): R = 3/4 → 22.5; S = 22.5 + 15 + 20 = 57.5, G = 37.5.
  //    Consensus PF = pass: A qualifies.
  // B: every criterion 2, PF pass → S = 15 + 15 + 20 = 50, qualified.
  // Without consensus B is recommended (A fails PF); with it A (57.5 > 50).
  // Per-rater totals of A stay the raters' own: m1 = 30 + 15 + 20 = 65, m2 = 0 + 15 + 20 = 35.
  const base = evaluation({
    criteria: [group('G', 60, [leaf('G.1', 1), leaf('G.2', 1), passFail('PF')]), leaf('H', 40)],
    candidates: ['A', 'B'],
    members: ['m1', 'm2'],
    ratings: [
      ...sheet('A', ['m1', 'm2'], { 'G.1': [4, 0], 'G.2': [2, 2], PF: [true, false], H: [2, 2] }),
      ...sheet('B', ['m1', 'm2'], { 'G.1': [2, 2], 'G.2': [2, 2], PF: [true, true], H: [2, 2] }),
    ],
  })
  const agreed: Consensus[] = [
    { candidate: 'A', criterion: 'G.1', value: 3, reason: 'Trình diễn cho thấy đáp ứng phần lớn' },
    { candidate: 'A', criterion: 'PF', pass: true, reason: 'Đã kiểm tra lại: đạt' },
  ]
  const before = computeResults(base, noMc)
  const after = computeResults(withConsensus(base, agreed), noMc)
  const [a0] = before.candidates
  const [a, b] = after.candidates

  it('without consensus: A 50 and unqualified (PF tie), B recommended', () => {
    expect(a0!.score).toBeCloseTo(50, 12)
    expect(a0!.failed).toEqual(['PF'])
    expect(before.recommended).toBe('B')
    expect(before.consensus).toEqual([])
  })

  it('the consensus value is R(p,c) and the pass decides the criterion', () => {
    expect(a!.points['G.1']).toBeCloseTo(22.5, 12)
    expect(a!.groups.G).toBeCloseTo(37.5, 12)
    expect(a!.score).toBeCloseTo(57.5, 12)
    expect(a!.failed).toEqual([])
    expect(a!.qualified).toBe(true)
    expect(a!.rank).toBe(1)
    expect(b!.rank).toBe(2)
    expect(after.recommended).toBe('A')
  })

  it('per-rater totals and disagreements keep the raters’ own ratings', () => {
    expect(a!.raters.m1).toBeCloseTo(65, 12)
    expect(a!.raters.m2).toBeCloseTo(35, 12)
    expect(after.disagreements).toEqual(before.disagreements)
    expect(after.disagreements).toEqual([
      { candidate: 'A', criterion: 'G.1', spread: 4 },
      { candidate: 'A', criterion: 'PF', spread: 1 },
    ])
  })

  it('results list each consensus with the aggregate it replaced (scale units) or the majority verdict', () => {
    expect(after.consensus).toEqual([
      { candidate: 'A', criterion: 'G.1', value: 3, replaced: 2, reason: 'Trình diễn cho thấy đáp ứng phần lớn' },
      { candidate: 'A', criterion: 'PF', pass: true, replaced: false, reason: 'Đã kiểm tra lại: đạt' },
    ])
  })

  it('sensitivity and Monte Carlo use it: the same as if every rater had given the consensus', () => {
    // With mean aggregation, both raters giving 3 on G.1 and pass on PF yields R = 3/4 and a pass:
    // everything but per-rater totals, disagreements and the consensus list must match.
    const unanimous = { ...base, ratings: base.ratings.map((r) => r.candidate !== 'A' ? r
      : r.criterion === 'G.1' ? { ...r, value: 3 } : r.criterion === 'PF' ? { ...r, pass: true } : r) }
    const x = computeResults(withConsensus(base, agreed))
    const y = computeResults(unanimous)
    expect(x.sensitivity).toEqual(y.sensitivity)
    expect(x.sensitivity.monteCarlo!.wins.A).toBeGreaterThan(0.5)
    expect(x.candidates.map((c) => [c.score, c.groups, c.points, c.rank, c.qualified, c.failed]))
      .toEqual(y.candidates.map((c) => [c.score, c.groups, c.points, c.rank, c.qualified, c.failed]))
  })

  it('a pass/fail consensus of fail fails the candidate whatever the raters said', () => {
    // B: both raters said pass on PF; the committee agreed fail → B fails PF, A (no consensus) fails too.
    const r = computeResults(withConsensus(base, [{ candidate: 'B', criterion: 'PF', pass: false, reason: 'Không xác thực được' }]), noMc)
    expect(r.candidates[1]!.failed).toEqual(['PF'])
    expect(r.recommended).toBeNull()
    expect(r.consensus).toEqual([{ candidate: 'B', criterion: 'PF', pass: false, replaced: true, reason: 'Không xác thực được' }])
  })

  it('median aggregation: replaced is the median in scale units', () => {
    // m1..m3 give 0, 1, 4 on K → median 1 (scale units); consensus 2 → R = 2/4, S = 50.
    const f = evaluation({
      criteria: [leaf('K', 1)], candidates: ['A'], members: ['m1', 'm2', 'm3'],
      evaluation: { aggregation: 'median' },
      ratings: sheet('A', ['m1', 'm2', 'm3'], { K: [0, 1, 4] }),
    })
    const r = computeResults(withConsensus(f, [{ candidate: 'A', criterion: 'K', value: 2, reason: 'x' }]), noMc)
    expect(r.consensus[0]).toMatchObject({ value: 2, replaced: 1 })
    expect(r.candidates[0]!.score).toBeCloseTo(50, 12)
  })
})

describe('property: a consensus equal to the aggregate changes no score', () => {
  it('scores, groups, points, ranks, qualification, recommendation and sensitivity are unchanged', () => {
    fc.assert(fc.property(evaluationFileArb(), (file) => {
      const plain = computeResults(file)
      // Probe every cell with a placeholder consensus to learn the aggregate each one replaces.
      const probe = computeResults(withConsensus(file, file.candidates.flatMap((p) => leafIds(file).map(({ id, passFail }) =>
        (passFail ? { candidate: p.id, criterion: id, pass: true, reason: 'r' } : { candidate: p.id, criterion: id, value: file.scale.min, reason: 'r' })))), { monteCarlo: false })
      const equal: Consensus[] = probe.consensus.flatMap((k): Consensus[] => {
        if ('pass' in k) return [{ candidate: k.candidate, criterion: k.criterion, pass: k.replaced, reason: 'Giữ nguyên' }]
        return k.replaced !== null && Number.isInteger(k.replaced)
          ? [{ candidate: k.candidate, criterion: k.criterion, value: k.replaced, reason: 'Giữ nguyên' }] : []
      })
      const agreed = computeResults(withConsensus(file, equal))
      const strip = (r: typeof plain) => ({ ...r, consensus: [] })
      expect(strip(agreed)).toEqual(strip(plain))
      expect(agreed.consensus).toHaveLength(equal.length)
    }), { numRuns: 150 })
  })
})

function leafIds(file: EvaluationFile): { id: string; passFail: boolean }[] {
  const out: { id: string; passFail: boolean }[] = []
  const visit = (nodes: EvaluationFile['criteria']) => {
    for (const n of nodes) {
      if (n.children) visit(n.children)
      else out.push({ id: n.id, passFail: n.type === 'pass_fail' })
    }
  }
  visit(file.criteria)
  return out
}

describe('the §9 file carries consensus', () => {
  const issuesOf = (data: unknown, lang: Lang = 'en') => {
    const r = parseEvaluationFile(data, lang)
    return r.ok ? [] : r.issues
  }

  it('round-trips byte-identical, in canonical order', () => {
    const file = withConsensus(sampleFile(), [
      { candidate: 'B', criterion: 'TD.1', value: 3, reason: 'Thống nhất sau trình diễn' },
      { candidate: 'A', criterion: 'KS.2', pass: true, reason: 'Đã xác thực' },
    ])
    const text = serializeEvaluation(file)
    const parsed = parseEvaluationFile(JSON.parse(text))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(serializeEvaluation(parsed.value)).toBe(text)
    expect(parsed.value.consensus!.map((c) => c.candidate)).toEqual(['A', 'B'])
    expect(text).toContain('"consensus":[{"candidate":"A","criterion":"KS.2","pass":true,"reason":"Đã xác thực"}')
  })

  it('an empty consensus list is left out, so older files keep their bytes and hash', () => {
    expect(serializeEvaluation(withConsensus(sampleFile(), []))).toBe(serializeEvaluation(sampleFile()))
  })

  it('names the path of every bad consensus', () => {
    const file = withConsensus(sampleFile(), [
      { candidate: 'Z', criterion: 'KS.1', value: 3, reason: 'r' },
      { candidate: 'A', criterion: 'XX', value: 3, reason: 'r' },
      { candidate: 'A', criterion: 'KS.1', value: 9, reason: 'r' },
      { candidate: 'A', criterion: 'KS.1', pass: true, reason: 'r' },
      { candidate: 'A', criterion: 'KS.2', value: 1, reason: 'r' },
      { candidate: 'B', criterion: 'KS', value: 1, reason: 'r' },
      { candidate: 'B', criterion: 'TD.1', reason: 'r' },
      { candidate: 'B', criterion: 'TD.2', value: 1.5, reason: 'r' },
      { candidate: 'B', criterion: 'TD.2', value: 2, reason: 'r' },
    ])
    const issues = issuesOf(file)
    expect(issues.map((i) => i.path)).toEqual([
      'consensus[0].candidate', 'consensus[1].criterion', 'consensus[2].value', 'consensus[3].pass', 'consensus[3]',
      'consensus[4].value', 'consensus[5].criterion', 'consensus[6]', 'consensus[7].value', 'consensus[8]',
    ])
    expect(issues[2]!.message).toContain('9')
    expect(issuesOf(file, 'vi')[9]!.message).toContain('Tổ đánh giá')
  })

  it('requires a reason', () => {
    const issues = issuesOf(withConsensus(sampleFile(), [{ candidate: 'A', criterion: 'KS.1', value: 3, reason: '  ' }]))
    expect(issues.map((i) => i.path)).toEqual(['consensus[0].reason'])
  })
})

describe('the §13 meeting block', () => {
  const withMeeting = (meeting: NonNullable<EvaluationFile['report']>['meeting']) => ({ ...sampleFile(), report: { meeting } })
  const issuesOf = (data: unknown) => {
    const r = parseEvaluationFile(data, 'en')
    return r.ok ? [] : r.issues.map((i) => i.path)
  }
  it('accepts a full meeting and round-trips it', () => {
    const file = withMeeting({
      startedAt: '2015-05-20T08:00:00+07:00', endedAt: '2015-05-20T11:30:00+07:00', place: 'Phòng họp tầng 3',
      chairedBy: 'm1', present: ['m1', 'm2'], absent: [{ member: 'm3', reason: 'Đi công tác' }], notes: 'Họp xem xét',
    })
    expect(issuesOf(file)).toEqual([])
    const text = serializeEvaluation(file)
    const again = parseEvaluationFile(JSON.parse(text))
    expect(again.ok && serializeEvaluation(again.value)).toBe(text)
  })
  it('refuses unknown members, present and absent at once, and an end before the start', () => {
    expect(issuesOf(withMeeting({
      startedAt: '2015-05-20T08:00:00Z', endedAt: '2015-05-20T07:00:00Z', chairedBy: 'm9',
      present: ['m1', 'm7'], absent: [{ member: 'm1', reason: 'x' }],
    }))).toEqual([
      'report.meeting.chairedBy', 'report.meeting.present[1]', 'report.meeting.absent[0].member', 'report.meeting.endedAt',
    ])
  })
})
