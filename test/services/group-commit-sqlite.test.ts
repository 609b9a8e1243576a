// Group commit on SQLite's own driver: its commits, its lock, a second connection to the file.
// SQLite only (vitest.config.ts leaves this file out of the postgres project); the engine-neutral
// behaviour is group-commit.test.ts, run on both.
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { SqliteDriver } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../src/db/database.ts'
import { groupCommit } from '../../src/services/group-commit.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { declare, listRatings, saveRating } from '../../src/services/index.ts'
import { makeFixture, scoringEvaluation, type Fixture } from './fixture.ts'

describe('a savepoint per job: one failing job fails alone, the rest share one commit', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    await f.close()
  })

  it('a job throwing a plain Error (after writing) is rolled back alone; the others commit once', async () => {
    const commits = vi.spyOn(SqliteDriver.prototype, 'commitTransaction')
    const setTitle = (title: string) => (trx: Db) => trx.updateTable('candidates').set({ name: title })
      .where('evaluation_id', '=', id).where('code', '=', title.slice(0, 1)).execute()
    // A second connection sees nothing of the batch until its one commit.
    const outside = new SQLite(join(f.dir, 'test.sqlite'), { readonly: true })
    const seenOutside: string[] = []
    const jobs = [
      groupCommit(f.db, async (trx) => { await setTitle('A mới')(trx); return 'first' }),
      groupCommit(f.db, async (trx) => {
        await setTitle('B hỏng')(trx)
        throw new TypeError('not an AppError, after a write')
      }),
      groupCommit(f.db, async (trx) => {
        // The job before the culprit is visible inside the batch, the culprit's write is gone…
        const rows = await trx.selectFrom('candidates').select(['code', 'name']).where('evaluation_id', '=', id).orderBy('code').execute()
        seenOutside.push(...(outside.prepare('select name from candidates where evaluation_id = ? order by code').all(id) as { name: string }[]).map((r) => r.name))
        return rows.map((r) => r.name)
      }),
    ]
    const outcomes = await Promise.allSettled(jobs)
    outside.close()
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'first' })
    expect(outcomes[1]!.status).toBe('rejected')
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError)
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: ['A mới', 'Phần mềm Beta'] })
    // …and, from outside, not even the first one before the commit.
    expect(seenOutside).toEqual(['Phần mềm Alpha', 'Phần mềm Beta'])
    const names = await f.db.selectFrom('candidates').select('name').where('evaluation_id', '=', id).orderBy('code').execute()
    expect(names.map((r) => r.name)).toEqual(['A mới', 'Phần mềm Beta'])
    // One transaction, one commit: no one-by-one retries.
    expect(commits).toHaveBeenCalledTimes(1)
  })

  it('saves around a failing one are kept and the audit chain stays whole', async () => {
    await declare(f.db, f.member1, id, { noConflict: true })
    const commits = vi.spyOn(SqliteDriver.prototype, 'commitTransaction')
    const outcomes = await Promise.allSettled([
      saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1 }),
      groupCommit(f.db, async (trx) => {
        await trx.updateTable('evaluations').set({ title: 'bị sửa' }).where('id', '=', id).execute()
        throw new RangeError('boom')
      }),
      saveRating(f.db, f.member1, id, { candidate: 'B', criterion: 'KS.1', value: 2 }),
    ])
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(commits).toHaveBeenCalledTimes(1)
    const ev = await f.db.selectFrom('evaluations').select('title').where('id', '=', id).executeTakeFirstOrThrow()
    expect(ev.title).not.toBe('bị sửa')
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.value])).toEqual([['A', 1], ['B', 2]])
    expect((await verifyAudit(f.db, id)).problems).toEqual([])
  })
})

describe('transactions take the write lock at once (BEGIN IMMEDIATE, through the driver)', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it("a transaction that has only read already holds the lock: another connection's write is refused at once", async () => {
    const other = new SQLite(join(f.dir, 'test.sqlite'))
    other.pragma('busy_timeout = 0')
    try {
      await f.db.transaction().execute(async (trx) => {
        await trx.selectFrom('users').select('id').execute() // a read only
        const started = Date.now()
        expect(() => other.prepare("update users set display_name = 'x'").run()).toThrow(/SQLITE_BUSY|database is locked/)
        expect(Date.now() - started).toBeLessThan(1000)
      })
      // Once committed, the other connection writes fine.
      expect(() => other.prepare("update users set display_name = display_name").run()).not.toThrow()
      // The controlled transactions group commit uses take it the same way.
      const trx = await f.db.startTransaction().execute()
      await trx.selectFrom('users').select('id').execute()
      expect(() => other.prepare("update users set display_name = 'y'").run()).toThrow(/SQLITE_BUSY|database is locked/)
      await trx.rollback().execute()
    } finally {
      other.close()
    }
  })
})
