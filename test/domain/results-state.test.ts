// Results kept as parts (results-state.ts) and updated after rating changes must be exactly the
// results computed from scratch — every number, Monte Carlo included — and the Monte Carlo run on
// kept draws exactly the plain one.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CriterionNode } from '../../src/domain/criteria.ts'
import type { EvaluationFile, Rating } from '../../src/domain/evaluation-file.ts'
import { dirichletDraws, keepDraws, monteCarlo } from '../../src/domain/monte-carlo.ts'
import { outcomeOf } from '../../src/domain/recommendation.ts'
import { resultsOf, resultsState, spreadsOf, withRatings, type RatingChange } from '../../src/domain/results-state.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import type { TopLevelScores } from '../../src/domain/sensitivity.ts'
import { spreads } from '../../src/domain/spreads.ts'
import { evaluationFileArb } from './arbitraries.ts'

const leaves = (nodes: readonly CriterionNode[]): string[] => nodes.flatMap((n) => (n.children ? leaves(n.children) : [n.id]))

/** The file with the changes applied as a save would store them (the last one per cell wins). */
function applied(file: EvaluationFile, changes: readonly RatingChange[]): EvaluationFile {
  let ratings: Rating[] = [...file.ratings]
  for (const ch of changes) {
    ratings = ratings.filter((r) => !(r.member === ch.member && r.candidate === ch.candidate && r.criterion === ch.criterion))
    if (ch.value !== undefined || ch.pass !== undefined) ratings.push({ member: ch.member, candidate: ch.candidate, criterion: ch.criterion, value: ch.value, pass: ch.pass })
  }
  return { ...file, ratings }
}

/** Batches of changes to cells of the file: new levels, pass/fail judgments, removals, and a few the file would refuse. */
const changesArb = (file: EvaluationFile) => {
  const ids = leaves(file.criteria)
  const { min, max } = file.scale
  const change = fc.record({
    m: fc.integer({ min: 0, max: file.members.length }), // one past the end: an unknown member
    p: fc.integer({ min: 0, max: file.candidates.length - 1 }),
    c: fc.integer({ min: 0, max: ids.length - 1 }),
    kind: fc.constantFrom('value', 'value', 'pass', 'remove'),
    v: fc.integer({ min: 0, max: 10 }),
  }).map(({ m, p, c, kind, v }): RatingChange => ({
    member: file.members[m]?.id ?? 'unknown',
    candidate: file.candidates[p]!.id,
    criterion: ids[c]!,
    ...(kind === 'value' ? { value: min + (v % (max - min + 1)) } : kind === 'pass' ? { pass: v % 2 === 0 } : {}),
  }))
  return fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 })
}

/** Some cells agreed by consensus (§11), so that kept parts carry them too. */
const withConsensus = (file: EvaluationFile, picks: readonly number[]): EvaluationFile => {
  const ids = leaves(file.criteria)
  const consensus = picks.slice(0, 2).map((k, i) => ({
    candidate: file.candidates[k % file.candidates.length]!.id,
    criterion: ids[(k + i) % ids.length]!,
    value: file.scale.min,
    pass: false,
    reason: 'Tổ thống nhất',
  }))
  const unique = consensus.filter((c, i) => consensus.findIndex((d) => d.candidate === c.candidate && d.criterion === c.criterion) === i)
  // A scored criterion takes the value, a pass/fail one the judgment: drop the other.
  const passFail = new Set<string>()
  const walk = (nodes: readonly CriterionNode[]): void => {
    for (const n of nodes) {
      if (n.children) walk(n.children)
      else if (n.type === 'pass_fail') passFail.add(n.id)
    }
  }
  walk(file.criteria)
  return { ...file, consensus: unique.map(({ value, pass, ...c }) => (passFail.has(c.criterion) ? { ...c, pass } : { ...c, value })) }
}

describe('results kept as parts (§10 first view after a change)', () => {
  it('after any sequence of rating changes equal the results computed from scratch, Monte Carlo and spreads included', () => {
    const arb = fc.tuple(evaluationFileArb(), fc.array(fc.nat(), { maxLength: 2 }))
      .map(([file, picks]) => withConsensus(file, picks))
      .chain((file) => fc.tuple(fc.constant(file), changesArb(file)))
    fc.assert(fc.property(arb, ([file, batches]) => {
      let state = resultsState(file)
      let current = file
      for (const batch of batches) {
        state = withRatings(state, batch)
        current = applied(current, batch)
        expect(resultsOf(state)).toStrictEqual(computeResults(current))
        expect(resultsOf(state, { monteCarlo: false })).toStrictEqual(computeResults(current, { monteCarlo: false }))
        expect(spreadsOf(state)).toStrictEqual(spreads(current))
      }
    }), { numRuns: 300 })
  })

  it('leave the state they start from as it was', () => {
    fc.assert(fc.property(evaluationFileArb().chain((file) => fc.tuple(fc.constant(file), changesArb(file))), ([file, batches]) => {
      const state = resultsState(file)
      const before = resultsOf(state)
      for (const batch of batches) withRatings(state, batch)
      expect(resultsOf(state)).toStrictEqual(before)
    }), { numRuns: 100 })
  })
})

/** Top-level scores with many exact and near ties, so the shortcut in the tally is exercised. */
const topLevelArb = fc.record({
  P: fc.integer({ min: 1, max: 5 }),
  G: fc.integer({ min: 1, max: 4 }),
}).chain(({ P, G }) => fc.record({
  shares: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: G, maxLength: G }),
  percent: fc.array(fc.constantFrom(0, 25, 50, 50 + 1e-10, 50 + 1e-8, 75, 100), { minLength: P * G, maxLength: P * G }),
  eligible: fc.array(fc.boolean(), { minLength: P, maxLength: P }),
  threshold: fc.option(fc.constantFrom(25, 50, 60)),
  changed: fc.integer({ min: 0, max: P - 1 }),
  to: fc.constantFrom(0, 50, 100),
}).map((x): [TopLevelScores, TopLevelScores] => {
  const sum = x.shares.reduce((s, w) => s + w, 0)
  const shares = Float64Array.from(x.shares, (w) => (sum === 0 ? 1 / G : w / sum))
  const input = (percent: Float64Array): TopLevelScores => ({
    candidateIds: Array.from({ length: P }, (_, p) => `P${p + 1}`),
    groupIds: Array.from({ length: G }, (_, g) => `G${g + 1}`),
    shares, percent, eligible: x.eligible, threshold: x.threshold ?? undefined,
  })
  const before = Float64Array.from(x.percent)
  const after = before.slice()
  after[x.changed * G] = x.to
  return [input(before), input(after)]
}))

/** §3 b by the letter: every draw ranked with `outcomeOf`. */
function plainMonteCarlo(input: TopLevelScores, settings: { draws: number; concentration: number; seed: number }) {
  const P = input.candidateIds.length
  const G = input.groupIds.length
  const w = dirichletDraws(input.shares, settings)
  const wins = new Array<number>(P).fill(0)
  let tied = 0
  let none = 0
  for (let d = 0; d < settings.draws; d++) {
    const scores = Array.from({ length: P }, (_, p) => {
      let s = 0
      for (let g = 0; g < G; g++) s += w[d * G + g]! * input.percent[p * G + g]!
      return s
    })
    const qualified = scores.map((s, p) => input.eligible[p]! && (input.threshold === undefined || s >= input.threshold - 1e-9))
    const o = outcomeOf(scores, qualified)
    if (o.winner >= 0) wins[o.winner]!++
    else if (o.tied.length > 0) tied++
    else none++
  }
  return { wins, tied: tied / settings.draws, none: none / settings.draws }
}

describe('Monte Carlo on kept draws', () => {
  const settings = { draws: 300, concentration: 20, seed: 11 }
  it('is the plain run, before and after a candidate\'s percentages changed', () => {
    fc.assert(fc.property(topLevelArb, ([before, after]) => {
      const kept = keepDraws(before.shares, settings)
      for (const input of [before, after, before]) {
        const fresh = monteCarlo(input, settings)
        expect(monteCarlo(input, settings, kept)).toStrictEqual(fresh)
        const plain = plainMonteCarlo(input, settings)
        expect(Object.values(fresh.wins)).toStrictEqual(plain.wins.map((n) => n / settings.draws))
        expect([fresh.tied, fresh.none]).toStrictEqual([plain.tied, plain.none])
      }
    }), { numRuns: 300 })
  })
})
