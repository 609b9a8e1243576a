import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.ts'
import { groupCommit } from '../../src/services/group-commit.ts'
import type { AppError } from '../../src/services/app-error.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { declare, listRatings, saveRating } from '../../src/services/index.ts'
import { makeFixture, scoringEvaluation, type Fixture } from './fixture.ts'

describe('concurrent rating saves share a transaction (group commit)', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
    await declare(f.db, f.member1, id, { noConflict: true })
    await declare(f.db, f.member2, id, { noConflict: true })
  })
  afterEach(async () => { await f.close() })

  it('answers each save on its own; a refused one does not take the others down', async () => {
    const saves = [
      saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1 }),
      saveRating(f.db, f.member2, id, { candidate: 'A', criterion: 'KS.1', value: 2 }),
      saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 9 }), // off the scale
      saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.1', value: 3 }), // not declared
      saveRating(f.db, f.member1, id, { candidate: 'B', criterion: 'KS.2', pass: false, comment: 'Không hỗ trợ' }),
      saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 4 }), // overrides the first
    ]
    const outcomes = await Promise.allSettled(saves)
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as AppError).code)))
      .toEqual(['ok', 'ok', 'validation', 'conflict', 'ok', 'ok'])
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.criterion, r.value ?? r.pass])).toEqual([
      ['A', 'KS.1', 4], ['B', 'KS.2', false],
    ])
    const v = await verifyAudit(f.db, id)
    expect(v.problems).toEqual([])
    // create + 2 candidates + 4 members + transition + 2 declarations + 4 saves.
    expect(v.entries).toBe(14)
  })
})

describe('a batch of one job runs without a savepoint and still fails alone', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
  })
  afterEach(async () => { await f.close() })

  it('a lone job that throws after writing leaves nothing behind; the next batch commits', async () => {
    const rename = (code: string, name: string) => (trx: Db) => trx.updateTable('candidates').set({ name }).where('evaluation_id', '=', id).where('code', '=', code).execute()
    const lone = groupCommit(f.db, async (trx) => {
      await rename('A', 'A hỏng')(trx)
      throw new RangeError('after a write')
    })
    await expect(lone).rejects.toBeInstanceOf(RangeError)
    expect(await groupCommit(f.db, async (trx) => { await rename('B', 'B mới')(trx); return 'ok' })).toBe('ok')
    const names = await f.db.selectFrom('candidates').select('name').where('evaluation_id', '=', id).orderBy('code').execute()
    expect(names.map((r) => r.name)).toEqual(['Phần mềm Alpha', 'B mới'])
  })

  it('a lone batch of rating saves, one refused, keeps the others and a whole audit chain', async () => {
    await declare(f.db, f.member1, id, { noConflict: true })
    const outcomes = await Promise.allSettled([
      saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 3 }),
      saveRating(f.db, f.member1, id, { candidate: 'Z', criterion: 'KS.1', value: 3 }), // no such candidate
      saveRating(f.db, f.member1, id, { candidate: 'B', criterion: 'KS.1', value: 5 }),
    ])
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as AppError).code))).toEqual(['ok', 'not_found', 'ok'])
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.value])).toEqual([['A', 3], ['B', 5]])
    expect((await verifyAudit(f.db, id)).problems).toEqual([])
  })
})
