// The report's rule lives in the services (reportFile, blankSheetsFile), and the services' messages
// use the pages' words: "đợt đánh giá" and the status labels, never a raw status code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCandidate, blankSheetsFile, declare, getEvaluation, reportFile, saveRating, transition, updateEvaluation } from '../../src/services/index.ts'
import { SYSTEM_ACTOR } from '../../src/services/actor.ts'
import { caught, draftEvaluation, makeFixture, type Fixture } from './fixture.ts'

describe('reportFile and blankSheetsFile', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('the report: wrong_state before review for the committee, forbidden for an admin outside it and for others', async () => {
    const id = await draftEvaluation(f)
    for (const who of [f.chair, f.member1, f.observer]) {
      const err = await caught(reportFile(f.db, who, id))
      expect(err.code).toBe('wrong_state')
      expect(err.message).toBe('báo cáo có từ giai đoạn Xem xét (bảo đảm chấm độc lập)')
      expect(err.localized('en')).toBe('the report is available from review on (blind scoring)')
    }
    expect((await caught(reportFile(f.db, f.admin, id))).code).toBe('forbidden')
    expect((await caught(reportFile(f.db, f.outsider, id))).code).toBe('forbidden')
    expect((await caught(reportFile(f.db, f.chair, id + 99))).code).toBe('not_found')
  })

  it('the report from review on: the file with every rating; blank sheets never carry one', async () => {
    const id = await draftEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'scoring' })
    for (const rater of [f.chair, f.member1, f.member2]) {
      await declare(f.db, rater, id, { noConflict: true })
      for (const candidate of ['A', 'B']) {
        await saveRating(f.db, rater, id, { candidate, criterion: 'KS.1', value: 3 })
        await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: true })
        await saveRating(f.db, rater, id, { candidate, criterion: 'KS.3', value: 5 })
        await saveRating(f.db, rater, id, { candidate, criterion: 'TD.1', value: 4 })
      }
    }
    // During scoring: blank sheets for the committee and an admin, without the 24 ratings made.
    expect((await blankSheetsFile(f.db, f.member1, id)).ratings).toEqual([])
    expect((await blankSheetsFile(f.db, f.admin, id)).candidates.map((c) => c.id)).toEqual(['A', 'B'])
    expect((await caught(blankSheetsFile(f.db, f.outsider, id))).code).toBe('forbidden')
    await transition(f.db, f.chair, id, { to: 'review' })
    // 3 raters × 2 candidates × 4 criteria
    expect((await reportFile(f.db, f.observer, id)).ratings).toHaveLength(24)
    expect((await reportFile(f.db, SYSTEM_ACTOR, id)).ratings).toHaveLength(24)
    expect((await caught(reportFile(f.db, f.admin, id))).code).toBe('forbidden')
  })
})

describe('messages name the evaluation and its status as the pages do', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('wrong state: "đợt đánh giá" and "Đang chấm điểm" / "Scoring", not "scoring"', async () => {
    const id = await draftEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'scoring' })
    const err = await caught(addCandidate(f.db, f.chair, id, { name: 'Phần mềm Gamma' }))
    expect(err.code).toBe('wrong_state')
    expect(err.message).toBe('không thực hiện được khi đợt đánh giá đang ở trạng thái "Đang chấm điểm"')
    expect(err.localized('en')).toBe('not possible while the evaluation\'s status is "Scoring"')
  })

  it('an illegal move names both statuses by their labels', async () => {
    const id = await draftEvaluation(f)
    const err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }))
    expect(err.message).toBe('không thể chuyển từ "Dự thảo" sang "Đã hoàn thành"')
    expect(err.localized('en')).toBe('cannot move from "Draft" to "Finalized"')
  })

  it('an unknown evaluation says "đợt đánh giá"; the conclusion rule names the "Xem xét" stage', async () => {
    expect((await caught(getEvaluation(f.db, f.admin, 4242))).message).toBe('không tìm thấy đợt đánh giá 4242')
    const id = await draftEvaluation(f)
    const err = await caught(updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Sớm quá' } }))
    expect(err.message).toBe('chỉ tổ trưởng được viết kết luận, và chỉ trong giai đoạn Xem xét')
  })
})
