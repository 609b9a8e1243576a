// The results kept between views (results-cache.ts, §10): after rating saves they are updated
// from the audit log's entries without reading the evaluation again, after any other change read
// again — and after every step exactly what a computation from scratch gives.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computeResults } from '../../src/domain/scoring.ts'
import { spreads } from '../../src/domain/spreads.ts'
import { buildEvaluationFile, readEvaluationFile } from '../../src/services/evaluation-file-builder.ts'
import {
  SYSTEM_ACTOR, declare, getResults, openResults, saveRating, saveRatings, saveRatingsOnBehalf, setConsensus, transition,
} from '../../src/services/index.ts'
import { makeFixture, scoringEvaluation, type Fixture } from './fixture.ts'

vi.mock('../../src/services/evaluation-file-builder.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/services/evaluation-file-builder.ts')>()
  return { ...original, readEvaluationFile: vi.fn(original.readEvaluationFile) }
})

describe('results kept between views', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
    // chair and tv1 online, tv2 (m4) on paper through the secretary; every sheet complete.
    for (const rater of [f.chair, f.member1, f.member2]) await declare(f.db, rater, id, { noConflict: true })
    for (const [rater, level] of [[f.chair, 3], [f.member1, 4]] as const) {
      for (const candidate of ['A', 'B']) {
        await saveRatings(f.db, rater, id, { ratings: [
          { candidate, criterion: 'KS.1', value: level }, { candidate, criterion: 'KS.2', pass: true },
          { candidate, criterion: 'KS.3', value: candidate === 'A' ? 5 : 2 }, { candidate, criterion: 'TD.1', value: level },
        ] })
      }
    }
    for (const candidate of ['A', 'B']) {
      await saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', { reason: 'Phiếu giấy ngày 12/5/2015', ratings: [
        { candidate, criterion: 'KS.1', value: 2 }, { candidate, criterion: 'KS.2', pass: candidate === 'A' },
        { candidate, criterion: 'KS.3', value: 4 }, { candidate, criterion: 'TD.1', value: 5 },
      ] })
    }
    await transition(f.db, f.chair, id, { to: 'review' })
  })
  afterEach(async () => { await f.close() })

  const reads = () => vi.mocked(readEvaluationFile).mock.calls.length

  /** The page's numbers against a computation from scratch, with and without Monte Carlo. */
  async function expectFresh(): Promise<void> {
    const file = await buildEvaluationFile(f.db, id)
    for (const monteCarlo of [true, false]) {
      const view = openResults(await getResults(f.db, f.observer, id, { monteCarlo }))
      expect(view.results).toStrictEqual(computeResults(file, { monteCarlo }))
      expect(view.spreads).toStrictEqual(spreads(file))
    }
  }

  it('after rating saves equal a computation from scratch, without reading the evaluation again', async () => {
    await expectFresh()
    const afterFirstView = reads()
    const reason = 'Xem lại biên bản thử nghiệm'

    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1, reason })
    await expectFresh()
    // A pass/fail judgment turned, the same cell saved twice in one sheet, a value put back.
    await saveRatings(f.db, f.chair, id, { reason, ratings: [{ candidate: 'B', criterion: 'KS.2', pass: false }, { candidate: 'B', criterion: 'TD.1', value: 0 }] })
    await saveRating(f.db, f.chair, id, { candidate: 'B', criterion: 'TD.1', value: 5, reason })
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 4, reason })
    await expectFresh()
    await saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', { reason: 'Phiếu sửa ngày 14/5/2015', ratings: [{ candidate: 'A', criterion: 'KS.2', pass: false }] })
    await expectFresh()
    // Several views in between, none of them read the whole evaluation.
    expect(reads()).toBe(afterFirstView)

    // Any other change reads it again (here a consensus, §11) — and saves after it are kept again.
    await setConsensus(f.db, f.chair, id, 'A', 'KS.3', { value: 3, reason: 'Tổ thống nhất sau thảo luận' })
    await expectFresh()
    expect(reads()).toBe(afterFirstView + 1)
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.3', value: 0, reason })
    await saveRating(f.db, f.member1, id, { candidate: 'B', criterion: 'KS.3', value: 0, reason })
    await expectFresh()
    expect(reads()).toBe(afterFirstView + 1)
  })

  it('during scoring (the machine\'s own view) also follow every save', async () => {
    const other = await scoringEvaluation(f)
    for (const rater of [f.chair, f.member1]) await declare(f.db, rater, other, { noConflict: true })
    const check = async () => {
      const file = await buildEvaluationFile(f.db, other)
      const view = openResults(await getResults(f.db, SYSTEM_ACTOR, other))
      expect(view.results).toStrictEqual(computeResults(file, { monteCarlo: false }))
      expect(view.spreads).toStrictEqual(spreads(file))
    }
    await check()
    const before = reads()
    for (const [i, criterion] of ['KS.1', 'KS.3', 'TD.1'].entries()) {
      await saveRating(f.db, f.chair, other, { candidate: 'A', criterion, value: i + 2 })
      await saveRating(f.db, f.member1, other, { candidate: 'B', criterion, value: 5 - i })
      await check()
    }
    expect(reads()).toBe(before)
  })
})
