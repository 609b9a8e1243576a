import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/services/app-error.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { declare, saveRating } from '../../src/services/index.ts'
import { updateEvaluation } from '../../src/services/evaluations-service.ts'
import { createEvaluation } from '../../src/services/evaluations-service.ts'
import { findEvaluationHead } from '../../src/db/evaluation-repository.ts'
import type { Status } from '../../src/domain/evaluation-file.ts'
import { CATALOGS, draftEvaluation, makeFixture, rateAll, snapshot, type Fixture } from './fixture.ts'

// A technical-only evaluation; the price stage's moves (§12) are in price.test.ts.
type Technical = Exclude<Status, 'price'>
const STATUSES: Technical[] = ['draft', 'scoring', 'review', 'finalized']
const LEGAL: Record<Technical, Status[]> = { draft: ['scoring'], scoring: ['review', 'draft'], review: ['finalized'], finalized: ['review'] }

async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).code).toBe(code)
  return err as AppError
}

describe('evaluation state machine (§2)', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('walks draft → scoring → review → finalized → review (reopen with reason)', async () => {
    const id = await draftEvaluation(f)
    expect(await transition(f.db, f.chair, id, { to: 'scoring' })).toEqual({ status: 'scoring' })
    await rateAll(f, id)
    expect(await transition(f.db, f.chair, id, { to: 'review' })).toEqual({ status: 'review' })
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất sử dụng Phần mềm Alpha.', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)).toEqual({ status: 'finalized' })
    await expectCode(transition(f.db, f.chair, id, { to: 'review' }), 'validation')
    expect(await transition(f.db, f.chair, id, { to: 'review', reason: 'Sai sót số liệu' })).toEqual({ status: 'review' })
  })

  it('refuses every illegal move with wrong_state and changes nothing', async () => {
    // One evaluation per status, reached legally.
    const ids: Record<Technical, number> = { draft: 0, scoring: 0, review: 0, finalized: 0 }
    ids.draft = await draftEvaluation(f)
    ids.scoring = await draftEvaluation(f)
    await transition(f.db, f.chair, ids.scoring, { to: 'scoring' })
    ids.review = await draftEvaluation(f)
    await transition(f.db, f.chair, ids.review, { to: 'scoring' })
    await rateAll(f, ids.review)
    await transition(f.db, f.chair, ids.review, { to: 'review' })
    ids.finalized = await draftEvaluation(f)
    await transition(f.db, f.chair, ids.finalized, { to: 'scoring' })
    await rateAll(f, ids.finalized)
    await transition(f.db, f.chair, ids.finalized, { to: 'review' })
    await updateEvaluation(f.db, f.chair, ids.finalized, { report: { conclusion: 'Kết luận', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
    await transition(f.db, f.chair, ids.finalized, { to: 'finalized' }, f.archive)

    const before = await snapshot(f.db)
    let illegal = 0
    // Every target, the price stage included (a technical evaluation has none).
    for (const from of STATUSES) {
      for (const to of [...STATUSES, 'price'] as const) {
        if (LEGAL[from].includes(to)) continue
        illegal++
        await expectCode(transition(f.db, f.chair, ids[from], { to, reason: 'thử' }), 'wrong_state')
      }
    }
    // 4 states × 5 targets − 5 legal moves (scoring → draft among them).
    expect(illegal).toBe(15)
    expect(await snapshot(f.db)).toEqual(before)
  })

  it('draft → scoring needs a candidate, a rater and a valid tree', async () => {
    const { id } = await createEvaluation(f.db, f.admin, CATALOGS, { title: 'Trống', catalogId: 'test-catalog', chair: 'chu' })
    // The chair is a rater, so only the candidate is missing.
    const err = await expectCode(transition(f.db, f.chair, id, { to: 'scoring' }), 'conflict')
    expect(err.details?.map((d) => d.path)).toEqual(['candidates'])
    expect((await findEvaluationHead(f.db, id))!.status).toBe('draft')
  })

  it('scoring → review needs every sheet complete; review → finalized needs the conclusion', async () => {
    const id = await draftEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.chair, id, { noConflict: true })
    await saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.1', value: 3 })
    const err = await expectCode(transition(f.db, f.chair, id, { to: 'review' }), 'conflict')
    // 3 raters × 2 candidates = 6 sheets, none complete.
    expect(err.details).toHaveLength(6)
    expect(err.details![0]!.message).toContain('1/4')
    const id2 = await draftEvaluation(f)
    await transition(f.db, f.chair, id2, { to: 'scoring' })
    await rateAll(f, id2)
    await transition(f.db, f.chair, id2, { to: 'review' })
    await expectCode(transition(f.db, f.chair, id2, { to: 'finalized' }), 'conflict')
  })

  it('only the chair moves the evaluation', async () => {
    const id = await draftEvaluation(f)
    for (const who of [f.secretary, f.member1, f.observer, f.outsider, f.admin]) {
      await expectCode(transition(f.db, who, id, { to: 'scoring' }), 'forbidden')
    }
    const err = await expectCode(transition(f.db, f.secretary, id, { to: 'scoring' }), 'forbidden')
    expect(err.message).toBe('chỉ tổ trưởng của tổ đánh giá được thực hiện thao tác này')
    expect(err.localized('en')).toBe("only the committee's chair may do this")
    expect((await findEvaluationHead(f.db, id))!.status).toBe('draft')
  })
})
