// Who may call what (§2, §5): each service against each role, in the state where it is allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/services/actor.ts'
import { AppError } from '../../src/services/app-error.ts'
import { addCandidate, removeCandidate, updateCandidate } from '../../src/services/candidates-service.ts'
import { addCriterion, applyAhp, deleteCriterion, updateCriterion } from '../../src/services/criteria-service.ts'
import { createEvaluation, getEvaluation, listEvaluations, updateEvaluation } from '../../src/services/evaluations-service.ts'
import { addMember, removeMember } from '../../src/services/members-service.ts'
import { getProgress } from '../../src/services/progress-service.ts'
import { declare, listRatings, saveRating, saveRatingsOnBehalf } from '../../src/services/index.ts'
import { getResults } from '../../src/services/results-service.ts'
import { listAudit } from '../../src/services/audit-service.ts'
import { exportEvaluation, importEvaluationFile } from '../../src/services/exchange-service.ts'
import { createUser, listUsers, resetPassword } from '../../src/services/users-service.ts'
import { CATALOGS, draftEvaluation, makeFixture, scoringEvaluation, snapshot, type Fixture } from './fixture.ts'

type Who = 'chair' | 'secretary' | 'member1' | 'observer' | 'outsider' | 'admin'
const EVERYONE: Who[] = ['chair', 'secretary', 'member1', 'observer', 'outsider', 'admin']

let f: Fixture
let draft: number
let scoring: number
beforeAll(async () => {
  f = await makeFixture()
  draft = await draftEvaluation(f)
  scoring = await scoringEvaluation(f)
})
afterAll(async () => { await f.close() })

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (err) {
    if (err instanceof AppError) return err.code
    throw err
  }
}

/** Runs `call` for every actor; denied ones first (and they change nothing), then the allowed. */
async function check(allowed: Who[], call: (a: Actor, who: Who) => Promise<unknown>, performers: Who[] = allowed) {
  const denied = EVERYONE.filter((w) => !allowed.includes(w))
  const before = await snapshot(f.db)
  for (const who of denied) expect([who, await outcome(call(f[who], who))]).toEqual([who, 'forbidden'])
  expect(await snapshot(f.db)).toEqual(before)
  for (const who of performers) expect([who, await outcome(call(f[who], who))]).toEqual([who, 'ok'])
}

describe('authorization per role', () => {
  it('users: admin only (or oneself for a password)', async () => {
    await check(['admin'], (a, w) => createUser(f.db, a, { username: `u-${w}`, password: '12345678', displayName: 'X' }))
    await check(['admin'], (a) => listUsers(f.db, a))
    // The admin resets first; then tv1 changes their own, which needs the current password.
    await check(['admin', 'member1'], (a) => resetPassword(f.db, a, 'tv1', 'mật-khẩu-mới', { currentPassword: 'mật-khẩu-mới' }))
  })

  it('creating an evaluation: admin only', async () => {
    await check(['admin'], (a) => createEvaluation(f.db, a, CATALOGS, { title: 'Mới', catalogId: 'test-catalog', chair: 'chu' }))
  })

  it('reading details: committee and admin', async () => {
    await check(['chair', 'secretary', 'member1', 'observer', 'admin'], (a) => getEvaluation(f.db, a, draft))
    expect((await listEvaluations(f.db, f.outsider)).length).toBe(0)
    expect((await listEvaluations(f.db, f.member1)).map((e) => e.id)).toEqual([scoring, draft])
  })

  it('setting up (draft): chair and secretary', async () => {
    await check(['chair', 'secretary'], (a) => updateEvaluation(f.db, a, draft, { basis: 'Thông báo 70/TB-UBND' }))
    await check(['chair', 'secretary'], (a, w) => addCandidate(f.db, a, draft, { id: `X${w.length}`, name: 'Gamma' }))
    await check(['chair', 'secretary'], (a) => updateCandidate(f.db, a, draft, 'A', { version: '2.0' }))
    await check(['chair', 'secretary'], (a) => removeCandidate(f.db, a, draft, 'X5'), ['chair'])
    await check(['chair', 'secretary'], (a, w) => addMember(f.db, a, draft, { name: `Khách ${w}`, role: 'observer' }))
    await check(['chair', 'secretary'], (a) => removeMember(f.db, a, draft, 'm6'), ['secretary'])
    await check(['chair', 'secretary'], (a) => updateCriterion(f.db, a, draft, 'KS.1', { weight: 3 }))
    await check(['chair', 'secretary'], (a) => addCriterion(f.db, a, draft, { parent: 'TD', node: { id: 'TD.2', title: { vi: 'Đôn đốc' }, weight: 1 } }), ['chair'])
    await check(['chair', 'secretary'], (a) => deleteCriterion(f.db, a, draft, 'TD.2'), ['secretary'])
    await check(['chair', 'secretary'], (a) => applyAhp(f.db, a, draft, null, { matrix: [[1, 1 / 3], [3, 1]] }))
  })

  it('rating: raters only, their own', async () => {
    await check(['chair', 'member1'], (a) => declare(f.db, a, scoring, { noConflict: true }))
    await check(['chair', 'member1'], (a) => saveRating(f.db, a, scoring, { candidate: 'A', criterion: 'KS.1', value: 4 }))
    // The secretary enters member m4's (tv2) paper sheet.
    await declare(f.db, f.member2, scoring, { noConflict: true })
    await check(['secretary'], (a) => saveRatingsOnBehalf(f.db, a, scoring, 'm4', {
      reason: 'Phiếu giấy', ratings: [{ candidate: 'A', criterion: 'KS.1', value: 2 }],
    }))
    await check(['chair', 'secretary', 'member1', 'observer'], (a) => listRatings(f.db, a, scoring))
  })

  it('watching: progress, results during scoring and audit for chair and secretary', async () => {
    await check(['chair', 'secretary'], (a) => getProgress(f.db, a, scoring))
    await check(['chair', 'secretary'], (a) => getResults(f.db, a, scoring))
    await check(['chair', 'secretary'], (a) => listAudit(f.db, a, scoring))
  })

  it('export from review on: the chair (and admin); import: admin', async () => {
    expect(await outcome(exportEvaluation(f.db, f.chair, scoring))).toBe('wrong_state')
    const bad = { format: 'eoffice-eval/evaluation@1' }
    expect(await outcome(importEvaluationFile(f.db, bad, f.admin))).toBe('validation')
    await check(['admin'], (a) => importEvaluationFile(f.db, bad, a).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'validation') return
      throw e
    }))
  })
})
