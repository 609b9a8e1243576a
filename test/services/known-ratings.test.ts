// A process keeps what it knows of an evaluation's ratings between its batches of saves
// (known-ratings.ts) and, on PostgreSQL, writes a batch in one statement when the head is still
// where it left it. Another process's saves must never make it record a stale `before` or fork
// the chain: here two handles on one database stand for two app servers.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { declare, listRatings, saveRating } from '../../src/services/index.ts'
import { testDbTarget } from '../pg/test-db.ts'
import { makeFixture, scoringEvaluation, type Fixture } from './fixture.ts'

describe('saves from two processes on one evaluation', () => {
  let f: Fixture
  let other: Db
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    other = await openDb(await testDbTarget(join(f.dir, 'test.sqlite')))
    id = await scoringEvaluation(f)
    await declare(f.db, f.member1, id, { noConflict: true })
  })
  afterEach(async () => {
    await closeDb(other)
    await f.close()
  })

  /** The `before` → `after` values of the rating.save entries, in chain order. */
  const history = async () => {
    const rows = await f.db.selectFrom('audit_log').select(['before', 'after']).where('evaluation_id', '=', id)
      .where('action', '=', 'rating.save').orderBy('seq').execute()
    return rows.map((r) => [r.before && JSON.parse(r.before).value, JSON.parse(r.after!).value])
  }

  it('each save records the value it replaced, whichever process wrote that value', async () => {
    await declare(f.db, f.member2, id, { noConflict: true })
    const cell = { candidate: 'A', criterion: 'KS.1' }
    // This process alone: after its first batches it knows the cell and its head.
    for (const value of [1, 2, 3]) await saveRating(f.db, f.member1, id, { ...cell, value })
    // The other process moves the head and changes the cell.
    await saveRating(other, f.member1, id, { ...cell, value: 4 })
    // This process again: its knowledge is stale and must not be used.
    for (const value of [5, 0]) await saveRating(f.db, f.member1, id, { ...cell, value })
    // Both processes taking turns, concurrently, on two raters' cells.
    const both = await Promise.all([1, 2, 3, 4].flatMap((value) => [
      saveRating(value % 2 ? f.db : other, f.member1, id, { ...cell, value }),
      saveRating(value % 2 ? other : f.db, f.member2, id, { ...cell, value: 5 - value }),
    ]))
    expect(both).toHaveLength(8)
    const h = await history()
    expect(h.slice(0, 6)).toEqual([[null, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0]])
    // Whatever the interleaving: every `before` is the `after` of the same cell's previous entry.
    const last = new Map<string, number | null>()
    const entries = await f.db.selectFrom('audit_log').select(['entity', 'before', 'after']).where('evaluation_id', '=', id)
      .where('action', '=', 'rating.save').orderBy('seq').execute()
    for (const e of entries) {
      expect(e.before && JSON.parse(e.before).value, e.entity!).toBe(last.get(e.entity!) ?? null)
      last.set(e.entity!, JSON.parse(e.after!).value)
    }
    // The stored ratings are the chain's last values, and the chain is whole.
    const stored = await listRatings(f.db, f.member1, id)
    expect(stored.map((r) => r.value)).toEqual([last.get('rating:m3/A/KS.1')])
    const v = await verifyAudit(f.db, id)
    expect(v.problems).toEqual([])
  })

  it('a declaration made through the other process holds for the next save here', async () => {
    const cell = { candidate: 'B', criterion: 'KS.1' }
    for (const value of [1, 2, 3]) await saveRating(f.db, f.member1, id, { ...cell, value })
    // What this process knows says member2 has not declared; the other process records it.
    await declare(other, f.member2, id, { noConflict: true })
    await saveRating(f.db, f.member2, id, { ...cell, value: 4 })
    await saveRating(f.db, f.member1, id, { ...cell, value: 5 })
    expect(await history()).toEqual([[null, 1], [1, 2], [2, 3], [null, 4], [3, 5]])
    expect((await verifyAudit(f.db, id)).problems).toEqual([])
  })
})
