// On-behalf entry (§2): the secretary enters only the sheets of a rater marked in draft as rating
// on paper, with a reason, once that rater has declared personally, never over a rating the rater
// entered (nor for a candidate they started online); nobody declares for someone else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addMember, declare, getEvaluation, listRatings, saveRating, saveRatingsOnBehalf, transition, updateMember,
} from '../../src/services/index.ts'
import { caught, draftEvaluation, makeFixture, snapshot, type Fixture } from './fixture.ts'

describe('the secretary enters a paper rater’s sheet, and only that', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await draftEvaluation(f) // m4 (tv2) rates on paper, m3 (tv1) does not
  })
  afterEach(async () => { await f.close() })

  const enter = (member: string, ratings: { candidate: string; criterion: string; value?: number; pass?: boolean }[], reason: string | null = 'Phiếu giấy ký ngày 12/5/2015') =>
    saveRatingsOnBehalf(f.db, f.secretary, id, member, { ratings, ...(reason === null ? {} : { reason }) })

  it('`paper` is set in draft by the chair or secretary, for raters only, audited before/after', async () => {
    expect((await getEvaluation(f.db, f.chair, id)).members.map((m) => [m.id, m.paper])).toEqual([
      ['m1', false], ['m2', false], ['m3', false], ['m4', true], ['m5', false],
    ])
    await updateMember(f.db, f.secretary, id, 'm3', { paper: true })
    await updateMember(f.db, f.chair, id, 'm3', { paper: false })
    const err = await caught(updateMember(f.db, f.chair, id, 'm2', { paper: true }))
    expect(err.code).toBe('validation')
    expect(err.details?.[0]).toEqual({ path: 'paper', message: 'chỉ thành viên chấm điểm (tổ trưởng, thành viên) mới chấm trên giấy' })
    expect((await caught(addMember(f.db, f.chair, id, { name: 'Khách', role: 'observer', paper: true }))).code).toBe('validation')
    expect((await caught(updateMember(f.db, f.member1, id, 'm3', { paper: true }))).code).toBe('forbidden')
    const entries = await f.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('evaluation_id', '=', id).where('action', '=', 'member.update').orderBy('seq').execute()
    expect(entries.map((e) => [JSON.parse(e.before!), JSON.parse(e.after!)])).toEqual([
      [{ id: 'm3', paper: false }, { id: 'm3', paper: true }], [{ id: 'm3', paper: true }, { id: 'm3', paper: false }],
    ])
    await transition(f.db, f.chair, id, { to: 'scoring' })
    expect((await caught(updateMember(f.db, f.chair, id, 'm3', { paper: true }))).code).toBe('wrong_state')
  })

  it('refuses a rater not marked as rating on paper (403, named), a missing reason, an undeclared rater; nothing changes', async () => {
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.member1, id, { noConflict: true })
    const before = await snapshot(f.db)
    const notPaper = await caught(enter('m3', [{ candidate: 'A', criterion: 'KS.1', value: 3 }]))
    expect(notPaper.code).toBe('forbidden')
    expect(notPaper.message).toContain('thành viên "m3" không chấm trên giấy')
    expect(notPaper.localized('en')).toContain('member "m3" does not rate on paper')
    const noReason = await caught(enter('m4', [{ candidate: 'A', criterion: 'KS.1', value: 3 }], null))
    expect((await caught(enter('m4', [{ candidate: 'A', criterion: 'KS.1', value: 3 }], '  '))).code).toBe('validation')
    expect(noReason.code).toBe('validation')
    expect(noReason.details).toEqual([{ path: 'reason', message: 'cần nêu lý do nhập thay phiếu chấm điểm' }])
    const undeclared = await caught(enter('m4', [{ candidate: 'A', criterion: 'KS.1', value: 3 }]))
    expect(undeclared.code).toBe('conflict')
    expect(undeclared.message).toContain('chưa tự ghi cam kết không xung đột lợi ích')
    expect(await snapshot(f.db)).toEqual(before)
  })

  it('nobody records a declaration for someone else', async () => {
    await transition(f.db, f.chair, id, { to: 'scoring' })
    const before = await snapshot(f.db)
    // The on-behalf entry takes no declaration any more…
    const withDeclaration = await caught(saveRatingsOnBehalf(f.db, f.secretary, id, 'm4', {
      declaration: { noConflict: true }, reason: 'Phiếu giấy', ratings: [{ candidate: 'A', criterion: 'KS.1', value: 3 }],
    } as never))
    expect(withDeclaration.code).toBe('validation')
    // …and `declare` is the actor's own: the secretary (not a rater) and the chair cannot make m4's.
    expect((await caught(declare(f.db, f.secretary, id, { noConflict: true }))).code).toBe('forbidden')
    expect((await caught(declare(f.db, f.chair, id, { member: 'm4', noConflict: true } as never))).code).toBe('validation')
    expect(await snapshot(f.db)).toEqual(before)
    expect((await getEvaluation(f.db, f.chair, id)).members.find((m) => m.id === 'm4')!.declared).toBe(false)
  })

  it("never over the rater's own online rating, nor for a candidate they rated online; the refusal names each rating", async () => {
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.member2, id, { noConflict: true })
    await saveRating(f.db, f.member2, id, { candidate: 'A', criterion: 'KS.1', value: 5, comment: 'Tự chấm' })
    const before = await snapshot(f.db)
    const refused = await caught(enter('m4', [
      { candidate: 'A', criterion: 'KS.1', value: 1 }, // the rater's own rating
      { candidate: 'B', criterion: 'KS.1', value: 2 },
      { candidate: 'A', criterion: 'TD.1', value: 2 }, // A was started online: A is the rater's
    ]))
    expect(refused.code).toBe('conflict')
    expect(refused.message).toBe('thành viên "m4" đã tự chấm trực tuyến; thư ký không nhập thay, không ghi đè: chưa ghi gì')
    expect(refused.details).toEqual([
      { path: 'ratings[0]', message: 'phần mềm "A", tiêu chí KS.1: thành viên "m4" đã tự chấm trực tuyến phần mềm này' },
      { path: 'ratings[2]', message: 'phần mềm "A", tiêu chí TD.1: thành viên "m4" đã tự chấm trực tuyến phần mềm này' },
    ])
    expect(await snapshot(f.db)).toEqual(before)
    // B is untouched online: the paper sheet for B goes in, marked as entered on the rater's behalf.
    expect(await enter('m4', [{ candidate: 'B', criterion: 'KS.1', value: 2 }, { candidate: 'B', criterion: 'KS.2', pass: true }])).toEqual({ saved: 2 })
    // The secretary may correct what the secretary entered.
    expect(await enter('m4', [{ candidate: 'B', criterion: 'KS.1', value: 3 }], 'Nhập sai, sửa theo phiếu giấy')).toEqual({ saved: 1 })
    const mine = await listRatings(f.db, f.member2, id)
    expect(mine.map((r) => [r.candidate, r.criterion, r.value ?? r.pass, r.onBehalf ?? false])).toEqual([
      ['A', 'KS.1', 5, false], ['B', 'KS.1', 3, true], ['B', 'KS.2', true, true],
    ])
    const audit = await f.db.selectFrom('audit_log').select(['action', 'on_behalf_of', 'reason', 'after']).where('evaluation_id', '=', id).orderBy('seq', 'desc').limit(3).execute()
    expect(audit.map((e) => [e.action, e.on_behalf_of, e.reason, JSON.parse(e.after!).onBehalf])).toEqual([
      ['rating.save', 'm4', 'Nhập sai, sửa theo phiếu giấy', true],
      ['rating.save', 'm4', 'Phiếu giấy ký ngày 12/5/2015', true],
      ['rating.save', 'm4', 'Phiếu giấy ký ngày 12/5/2015', true],
    ])
    // The rater changing it online makes it theirs (no longer marked).
    await saveRating(f.db, f.member2, id, { candidate: 'B', criterion: 'KS.1', value: 4 })
    expect((await listRatings(f.db, f.member2, id)).find((r) => r.candidate === 'B' && r.criterion === 'KS.1')!.onBehalf).toBeUndefined()
  })
})
