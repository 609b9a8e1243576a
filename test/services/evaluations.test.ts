import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createEvaluation, getEvaluation, listEvaluations, updateEvaluation } from '../../src/services/evaluations-service.ts'
import { declare, saveRating } from '../../src/services/index.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { CATALOGS, TEST_CATALOG, caught, draftEvaluation, makeFixture, type Fixture } from './fixture.ts'

describe('evaluations', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('creates from a catalog: a frozen copy of scale and criteria, the creator as chair by default', async () => {
    const { id } = await createEvaluation(f.db, f.admin, CATALOGS, { title: 'Đánh giá 2015', catalogId: 'test-catalog', threshold: 60 })
    const d = await getEvaluation(f.db, f.admin, id)
    expect(d).toMatchObject({
      title: 'Đánh giá 2015', status: 'draft', catalog: { id: 'test-catalog', version: '1.0.0' }, aggregation: 'mean', threshold: 60,
      disagreementSpread: 2.5, monteCarlo: { draws: 10000, concentration: 100, seed: 2015 }, myRole: 'chair', myMember: 'm1',
    })
    expect(d.criteria).toEqual(TEST_CATALOG.criteria)
    expect(d.criteria).not.toBe(TEST_CATALOG.criteria)
    expect(d.members).toEqual([{ id: 'm1', name: 'Ông/bà admin', role: 'chair', username: 'admin', declared: false, declaredAt: null, paper: false }])
    expect((await caught(createEvaluation(f.db, f.admin, CATALOGS, { title: 'X', catalogId: 'nope' }))).code).toBe('not_found')
    expect((await caught(createEvaluation(f.db, f.admin, CATALOGS, { title: 'X', catalogId: 'test-catalog', chair: 'không-có' }))).code).toBe('not_found')
    expect((await caught(createEvaluation(f.db, f.admin, CATALOGS, { title: '', catalogId: 'test-catalog' }))).code).toBe('validation')
  })

  it('lists with progress counts for members, everything for admins', async () => {
    const id = await draftEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.member1, id, { noConflict: true })
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'TD.1', value: 4 })
    // 3 raters × 2 candidates × 4 criteria = 24 expected.
    expect(await listEvaluations(f.db, f.member1)).toMatchObject([{ id, status: 'scoring', role: 'member', candidates: 2, raters: 3, rated: 1, expected: 24 }])
    expect((await listEvaluations(f.db, f.admin))[0]).toMatchObject({ id, role: null })
  })

  it('merges report fields in draft; the conclusion is the chair’s, in review only', async () => {
    const id = await draftEvaluation(f)
    await updateEvaluation(f.db, f.secretary, id, { report: { agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', place: 'Bắc Giang' } })
    await updateEvaluation(f.db, f.chair, id, { report: { place: null, number: '15/BC-STTTT' }, basis: 'Thông báo số 70/TB-UBND' })
    let d = await getEvaluation(f.db, f.chair, id)
    expect(d.report).toEqual({ agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', number: '15/BC-STTTT' })
    expect(d.basis).toBe('Thông báo số 70/TB-UBND')
    expect((await caught(updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Sớm quá' } }))).code).toBe('wrong_state')
    await transition(f.db, f.chair, id, { to: 'scoring' })
    for (const rater of [f.chair, f.member1, f.member2]) {
      await declare(f.db, rater, id, { noConflict: true })
      for (const candidate of ['A', 'B']) {
        for (const criterion of ['KS.1', 'KS.3', 'TD.1']) await saveRating(f.db, rater, id, { candidate, criterion, value: 3 })
        await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: true })
      }
    }
    await transition(f.db, f.chair, id, { to: 'review' })
    expect((await caught(updateEvaluation(f.db, f.secretary, id, { report: { conclusion: 'Thư ký viết' } }))).code).toBe('forbidden')
    expect((await caught(updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'X', agency: 'Y' } }))).code).toBe('wrong_state')
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Hai phần mềm bằng điểm; tổ đánh giá đề xuất...' } })
    d = await getEvaluation(f.db, f.observer, id)
    expect(d.report.conclusion).toBe('Hai phần mềm bằng điểm; tổ đánh giá đề xuất...')
    expect(d.report.agency).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')
  })
})
