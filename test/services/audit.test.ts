import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { addCandidate, removeCandidate } from '../../src/services/candidates-service.ts'
import { updateCriterion } from '../../src/services/criteria-service.ts'
import { updateEvaluation } from '../../src/services/evaluations-service.ts'
import { declare, saveRating, saveRatingsOnBehalf } from '../../src/services/index.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { draftEvaluation, makeFixture, type Fixture } from './fixture.ts'

/** Setup, scoring with a conflict, a paper sheet, review with a changed rating, finalize, reopen. */
async function realisticSequence(f: Fixture): Promise<number> {
  const id = await draftEvaluation(f)
  await addCandidate(f.db, f.secretary, id, { name: 'Tạm' })
  await removeCandidate(f.db, f.chair, id, 'C')
  await updateCriterion(f.db, f.secretary, id, 'TD', { weight: 70, threshold: 50 })
  await updateEvaluation(f.db, f.chair, id, { deadline: '2015-05-20', report: { agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' } })
  await transition(f.db, f.chair, id, { to: 'scoring' })
  await declare(f.db, f.chair, id, { noConflict: true })
  await declare(f.db, f.member1, id, { conflicts: [{ candidate: 'B', reason: 'Từng làm cho Công ty B' }] })
  for (const [rater, candidates] of [[f.chair, ['A', 'B']], [f.member1, ['A']]] as const) {
    for (const candidate of candidates) {
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.1', value: 2 })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.1', value: 3, comment: 'Đã kiểm tra lại' })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: candidate === 'A' })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.3', value: 4 })
      await saveRating(f.db, rater, id, { candidate, criterion: 'TD.1', value: 5 })
    }
  }
  await declare(f.db, f.member2, id, { noConflict: true })
  await saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', {
    reason: 'Phiếu chấm trên giấy',
    ratings: ['A', 'B'].flatMap((candidate) => [
      { candidate, criterion: 'KS.1', value: 1 }, { candidate, criterion: 'KS.2', pass: true },
      { candidate, criterion: 'KS.3', value: 2 }, { candidate, criterion: 'TD.1', value: 3, comment: 'Phiếu giấy' },
    ]),
  })
  await transition(f.db, f.chair, id, { to: 'review' })
  await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'TD.1', value: 4, reason: 'Thống nhất tại cuộc họp' })
  await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất Phần mềm Alpha.', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
  await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)
  await transition(f.db, f.chair, id, { to: 'review', reason: 'Bổ sung hồ sơ' })
  return id
}

describe('verifyAudit (§7)', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await realisticSequence(f)
  })
  afterEach(async () => { await f.close() })

  it('verifies after a realistic sequence', async () => {
    const v = await verifyAudit(f.db, id)
    expect(v.problems).toEqual([])
    expect(v.ok).toBe(true)
    // Every entry of the log is walked.
    const n = await f.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('evaluation_id', '=', id).executeTakeFirstOrThrow()
    expect(v.entries).toBe(Number(n.n))
    expect(v.entries).toBeGreaterThan(40)
  })

  it('detects a rating row edited behind the application', async () => {
    const m3 = await f.db.selectFrom('members').select('id').where('evaluation_id', '=', id).where('code', '=', 'm3').executeTakeFirstOrThrow()
    await f.db.updateTable('ratings').set({ value: 5 }).where('evaluation_id', '=', id).where('member_id', '=', m3.id).where('criterion_id', '=', 'KS.1').execute()
    const v = await verifyAudit(f.db, id, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toEqual(['Rating m3/A/KS.1, score (value): the database holds 5, the audit log 3'])
  })

  it("detects an audit entry's `after` edited", async () => {
    const entry = await f.db.selectFrom('audit_log').select(['id', 'seq', 'after']).where('evaluation_id', '=', id)
      .where('action', '=', 'rating.save').orderBy('seq').limit(1).executeTakeFirstOrThrow()
    await f.db.updateTable('audit_log').set({ after: entry.after!.replace('"value":2', '"value":4') }).where('id', '=', entry.id).execute()
    const v = await verifyAudit(f.db, id, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(`audit: entry ${entry.seq} was altered (hash mismatch)`)
  })

  it('detects the last audit entry deleted (a truncated tail)', async () => {
    const last = await f.db.selectFrom('audit_log').select(['id', 'seq']).where('evaluation_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    await f.db.deleteFrom('audit_log').where('id', '=', last.id).execute()
    const v = await verifyAudit(f.db, id, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(`audit: the evaluation's head is entry ${last.seq} but the log ends at entry ${last.seq - 1} (truncated or extended)`)
    // The replay no longer reaches the last transition either.
    expect(v.problems).toContain('Evaluation 1, status (status): the database holds "review", the audit log "finalized"')
  })

  it('detects a broken link (an entry removed from the middle)', async () => {
    const mid = await f.db.selectFrom('audit_log').select(['id', 'seq']).where('evaluation_id', '=', id).where('seq', '=', 10).executeTakeFirstOrThrow()
    await f.db.deleteFrom('audit_log').where('id', '=', mid.id).execute()
    const v = await verifyAudit(f.db, id, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toContain('audit: entry 11 does not link to the previous one (broken chain)')
  })
})
