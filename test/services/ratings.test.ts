import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/services/app-error.ts'
import { listAudit } from '../../src/services/audit-service.ts'
import { SYSTEM_ACTOR, declare, listRatings, saveRating, saveRatings, saveRatingsOnBehalf } from '../../src/services/index.ts'
import { getProgress } from '../../src/services/progress-service.ts'
import { getResults, openResults } from '../../src/services/results-service.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { caught, makeFixture, scoringEvaluation, snapshot, type Fixture } from './fixture.ts'

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => 'ok', (e: unknown) => e)
  if (err === 'ok') return 'ok'
  if (err instanceof AppError) return err.code
  throw err
}

describe('ratings (§2 scoring, §7)', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
  })
  afterEach(async () => { await f.close() })

  it('requires the declaration before the first rating, once', async () => {
    const before = await snapshot(f.db)
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 3 }))).toBe('conflict')
    expect(await snapshot(f.db)).toEqual(before)
    await declare(f.db, f.member1, id, { noConflict: true })
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 3 }))).toBe('ok')
    expect(await codeOf(declare(f.db, f.member1, id, { noConflict: true }))).toBe('conflict')
  })

  it('refuses an abstainer for the candidate they declared a conflict with', async () => {
    await declare(f.db, f.member1, id, { conflicts: [{ candidate: 'B', reason: 'Người thân làm ở Công ty B' }] })
    const before = await snapshot(f.db)
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'B', criterion: 'KS.1', value: 3 }))).toBe('forbidden')
    expect(await snapshot(f.db)).toEqual(before)
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 3 }))).toBe('ok')
    // Progress shows the abstention as a complete sheet, and counts, not values.
    const p = await getProgress(f.db, f.secretary, id)
    const cell = (m: string, c: string) => p.cells.find((x) => x.member === m && x.candidate === c)!
    expect(cell('m3', 'B')).toEqual({ member: 'm3', candidate: 'B', rated: 0, total: 4, abstained: true, complete: true })
    expect(cell('m3', 'A')).toEqual({ member: 'm3', candidate: 'A', rated: 1, total: 4, abstained: false, complete: false })
  })

  it('checks values against the scale and the criterion type, and changes nothing on error', async () => {
    await declare(f.db, f.member1, id, { noConflict: true })
    const before = await snapshot(f.db)
    for (const bad of [
      { candidate: 'A', criterion: 'KS.1', value: 6 },
      { candidate: 'A', criterion: 'KS.1', value: 2.5 },
      { candidate: 'A', criterion: 'KS.1', pass: true },
      { candidate: 'A', criterion: 'KS.2', value: 1 },
      { candidate: 'A', criterion: 'KS', value: 1 },
    ]) expect([bad, await codeOf(saveRating(f.db, f.member1, id, bad))]).toEqual([bad, 'validation'])
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'Z', criterion: 'KS.1', value: 1 }))).toBe('not_found')
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'XX', value: 1 }))).toBe('not_found')
    expect(await snapshot(f.db)).toEqual(before)
  })

  it('is blind until review: own ratings only, audit redacted, results withheld per rater', async () => {
    await declare(f.db, f.chair, id, { noConflict: true })
    await declare(f.db, f.member1, id, { noConflict: true })
    await saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.1', value: 5, comment: 'Tốt' })
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1, comment: 'Kém' })
    expect((await listRatings(f.db, f.chair, id)).map((r) => [r.member, r.value])).toEqual([['m1', 5]])
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.member, r.value])).toEqual([['m3', 1]])
    expect(await listRatings(f.db, f.secretary, id)).toEqual([])
    expect(await listRatings(f.db, f.observer, id)).toEqual([])

    const audit = await listAudit(f.db, f.chair, id)
    // Another rater's saves are left out (not even their hash), and entries since scoring began carry no seq or hash.
    const saves = audit.filter((e) => e.action === 'rating.save')
    expect(saves).toHaveLength(1)
    expect(saves[0]!.after).toMatchObject({ member: 'm1', value: 5, comment: 'Tốt' })
    expect(saves[0]).toMatchObject({ seq: null, hash: null })
    expect(audit.find((e) => e.action === 'evaluation.create')).toMatchObject({ seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const bySecretary = JSON.stringify(await listAudit(f.db, f.secretary, id))
    expect(bySecretary).not.toContain('Kém')
    expect(bySecretary).not.toContain('rating:m3')

    // During scoring, results are progress only: counts, no score, point, rank or total at all.
    const r = await getResults(f.db, f.chair, id)
    expect(r).toEqual({ status: 'scoring', blind: true, complete: false, progress: expect.objectContaining({ cells: expect.any(Array) }) })
    if (!r.blind) throw new Error('blind')
    expect(r.progress.cells.find((c) => c.member === 'm3' && c.candidate === 'A')).toMatchObject({ rated: 1 })
    expect(JSON.stringify(r)).not.toMatch(/score|points|rank|raters/)
    expect(await codeOf(getResults(f.db, f.member1, id))).toBe('forbidden')
  })

  it('in review: everyone sees everyone; a change needs a reason, kept in the audit entry', async () => {
    for (const rater of [f.chair, f.member1, f.member2]) {
      await declare(f.db, rater, id, { noConflict: true })
      for (const candidate of ['A', 'B']) {
        for (const [criterion, value] of [['KS.1', 3], ['KS.3', 4], ['TD.1', 5]] as const) {
          await saveRating(f.db, rater, id, { candidate, criterion, value })
        }
        await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: true })
      }
    }
    await transition(f.db, f.chair, id, { to: 'review' })
    expect(await listRatings(f.db, f.observer, id)).toHaveLength(24)
    // All rated 3 on KS.1: 100 × 0.125 × 3/5 points.
    const first = openResults(await getResults(f.db, f.observer, id, { monteCarlo: false }))
    expect(first.results.candidates[0]!.points['KS.1']).toBeCloseTo(100 * 0.125 * 0.6, 10)
    const before = await snapshot(f.db)
    expect(await codeOf(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1 }))).toBe('validation')
    expect(await snapshot(f.db)).toEqual(before)
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1, reason: 'Xem lại biên bản thử nghiệm' })
    const last = (await listAudit(f.db, f.chair, id)).at(-1)!
    expect(last).toMatchObject({
      action: 'rating.save', actor: 'tv1', reason: 'Xem lại biên bản thử nghiệm',
      before: { value: 3, pass: null, comment: null }, after: { member: 'm3', candidate: 'A', criterion: 'KS.1', value: 1 },
    })
    // Results (recomputed, not the kept ones): A's KS.1 mean is (3 + 1 + 3) / 3 / 5 = 7/15; points 100 × 0.125 × 7/15.
    const r = openResults(await getResults(f.db, f.observer, id, { monteCarlo: false }))
    expect(r.results.candidates[0]!.points['KS.1']).toBeCloseTo((100 * 0.125 * 7) / 15, 10)
  })

  it('saves a whole sheet of own ratings at once, all or nothing', async () => {
    await declare(f.db, f.member1, id, { conflicts: [{ candidate: 'B', reason: 'Cổ đông của Công ty B' }] })
    const before = await snapshot(f.db)
    const err = await caught(saveRatings(f.db, f.member1, id, { ratings: [
      { candidate: 'A', criterion: 'KS.1', value: 4 },
      { candidate: 'B', criterion: 'KS.1', value: 4 },
      { candidate: 'A', criterion: 'KS.2', value: 1 },
    ] }))
    expect(err.details?.map((d) => d.path)).toEqual(['ratings[1].candidate', 'ratings[2].value'])
    expect(await snapshot(f.db)).toEqual(before)
    expect(await saveRatings(f.db, f.member1, id, { ratings: [
      { candidate: 'A', criterion: 'KS.1', value: 4, comment: 'Đạt yêu cầu' },
      { candidate: 'A', criterion: 'KS.2', pass: true },
    ] })).toEqual({ saved: 2 })
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.criterion, r.value ?? r.pass, r.comment])).toEqual([
      ['KS.1', 4, 'Đạt yêu cầu'], ['KS.2', true, undefined],
    ])
    expect((await caught(saveRatings(f.db, f.secretary, id, { ratings: [{ candidate: 'A', criterion: 'KS.1', value: 1 }] }))).code).toBe('forbidden')
  })

  it("the secretary's sheet entry is all or nothing and audited on behalf of the rater", async () => {
    await declare(f.db, f.member2, id, { noConflict: true }) // personally: nobody declares for them
    const before = await snapshot(f.db)
    const bad = saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', {
      reason: 'Phiếu giấy ký ngày 12/5',
      ratings: [{ candidate: 'A', criterion: 'KS.1', value: 4 }, { candidate: 'A', criterion: 'TD.1', value: 9 }],
    })
    const err = await caught(bad)
    expect(err.code).toBe('validation')
    expect(err.details?.map((d) => d.path)).toEqual(['ratings[1].value'])
    expect(await snapshot(f.db)).toEqual(before)
    expect(await saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', {
      reason: 'Phiếu giấy ký ngày 12/5',
      ratings: [{ candidate: 'A', criterion: 'KS.1', value: 4 }, { candidate: 'A', criterion: 'TD.1', value: 5 }],
    })).toEqual({ saved: 2 })
    // The machine's view: the chair would not see the rater's saves until review (blind).
    const audit = await listAudit(f.db, SYSTEM_ACTOR, id)
    expect(audit.slice(-3).map((e) => [e.action, e.actor, e.onBehalfOf])).toEqual([
      ['member.declare', 'tv2', null], ['rating.save', 'thuky', 'm4'], ['rating.save', 'thuky', 'm4'],
    ])
    expect((await listRatings(f.db, f.member2, id)).map((r) => [r.criterion, r.value])).toEqual([['KS.1', 4], ['TD.1', 5]])
  })
})
