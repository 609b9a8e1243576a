// §2: the chair's proposal and the deviation reason — written in review by the chair alone,
// required at finalize unless it equals the computed recommendation, carried in the §9 file.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/services/app-error.ts'
import { updateEvaluation } from '../../src/services/evaluations-service.ts'
import { exportEvaluationFile } from '../../src/services/exchange-service.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { draftEvaluation, makeFixture, rateAll, type Fixture } from './fixture.ts'

async function caught(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

/** Every rater gives A and B the same ratings: a tie, so the computed proposal is "none". */
async function tiedReview(f: Fixture): Promise<number> {
  const id = await draftEvaluation(f)
  await transition(f.db, f.chair, id, { to: 'scoring' })
  await rateAll(f, id)
  await transition(f.db, f.chair, id, { to: 'review' })
  return id
}

describe('the proposal and the deviation (§2)', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('finalize needs the proposal, and a reason when it differs from the computed one; the file carries both', async () => {
    const id = await tiedReview(f)
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Hai phần mềm bằng điểm.' } })
    let err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }, { reportsDir: mkdtempSync(join(tmpdir(), 'proposal-')) }))
    expect(err.code).toBe('conflict')
    expect(err.details?.map((d) => d.path)).toEqual(['report.proposal'])
    // A tie computes "none": picking A deviates and needs its reason.
    await updateEvaluation(f.db, f.chair, id, { report: { proposal: 'A' } })
    err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }, { reportsDir: mkdtempSync(join(tmpdir(), 'proposal-')) }))
    expect(err.details?.map((d) => d.path)).toEqual(['report.deviation'])
    expect(err.details?.[0]?.message).toContain('lý do')
    await updateEvaluation(f.db, f.chair, id, { report: { deviation: 'Chi phí bảo hành thấp hơn.' } })
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, { reportsDir: mkdtempSync(join(tmpdir(), 'proposal-')) })).toEqual({ status: 'finalized' })
    const file = await exportEvaluationFile(f.db, id)
    expect(file.report).toMatchObject({ proposal: 'A', deviation: 'Chi phí bảo hành thấp hơn.' })
  })

  it('"none" on a tie needs no reason', async () => {
    const id = await tiedReview(f)
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Bằng điểm.', proposal: 'none' } })
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, { reportsDir: mkdtempSync(join(tmpdir(), 'proposal-')) })).toEqual({ status: 'finalized' })
  })

  it('only the chair, only in review, only a candidate or "none"', async () => {
    const id = await tiedReview(f)
    expect((await caught(updateEvaluation(f.db, f.secretary, id, { report: { proposal: 'A' } }))).code).toBe('forbidden')
    const bad = await caught(updateEvaluation(f.db, f.chair, id, { report: { proposal: 'Z' } }))
    expect(bad.code).toBe('validation')
    expect(bad.details?.[0]?.path).toBe('report.proposal')
    const draft = await draftEvaluation(f)
    expect((await caught(updateEvaluation(f.db, f.chair, draft, { report: { proposal: 'A' } }))).code).toBe('wrong_state')
  })
})
