// A process keeps what it knows of an evaluation's ratings between its batches of saves
// (known-ratings.ts) and, on PostgreSQL, writes a batch in one statement when the head is still
// where it left it. Another process's saves must never make it record a stale `before` or fork
// the chain: here two handles on one database stand for two app servers.
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeAuditedRatings } from '../../src/db/audited-ratings.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { findEvaluationHead, lockEvaluationHead } from '../../src/db/evaluation-repository.ts'
import { ratingKeyOf } from '../../src/db/rating-repository.ts'
import { AuditWriter } from '../../src/services/audit-chain.ts'
import { Cells, MAX_CELLS } from '../../src/services/known-ratings.ts'
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

  it('a write that relies on ratings it did not read writes only while they hold', async () => {
    await saveRating(other, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 2 })
    const member = await f.db.selectFrom('members').select(['id', 'code']).where('evaluation_id', '=', id).where('user_id', '=', f.member1.userId).executeTakeFirstOrThrow()
    const cand = async (code: string) => (await f.db.selectFrom('candidates').select('id').where('evaluation_id', '=', id).where('code', '=', code).executeTakeFirstOrThrow()).id
    const a = { memberId: member.id, candidateId: await cand('A'), criterion: 'KS.1' }
    const b = { memberId: member.id, candidateId: await cand('B'), criterion: 'KS.1' }
    const attempt = async (believed: Parameters<typeof writeAuditedRatings>[5]) => {
      const trx = await f.db.startTransaction().execute()
      const head = (await lockEvaluationHead(trx, id))!
      const at = new Date().toISOString()
      const audit = new AuditWriter(trx, f.member1, id, head, at)
      audit.append({ action: 'rating.save', entity: `rating:${member.code}/B/KS.1`, before: null, after: { member: member.code, candidate: 'B', criterion: 'KS.1', value: 5, pass: null, comment: null } })
      const w = audit.take()!
      const done = await writeAuditedRatings(trx, id, [{ ...b, value: 5, pass: null, comment: null, at }], w.rows, w.head, believed)
      await trx.commit().execute()
      return done
    }
    const seq = async () => (await findEvaluationHead(f.db, id))!.auditSeq
    const start = await seq()
    // Believed wrong: A is 2, not 3; B is unrated, not 1; A is rated, not unrated.
    for (const wrong of [[{ ...a, now: { value: 3, pass: null, comment: null } }], [{ ...b, now: { value: 1, pass: null, comment: null } }], [{ ...a, now: undefined }]]) {
      expect(await attempt(wrong)).toBe(false)
    }
    expect(await seq()).toBe(start)
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.value])).toEqual([['A', 2]])
    // Believed right.
    expect(await attempt([{ ...a, now: { value: 2, pass: null, comment: null } }, { ...b, now: undefined }])).toBe(true)
    expect(await seq()).toBe(start + 1)
    expect((await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.value])).toEqual([['A', 2], ['B', 5]])
    expect((await verifyAudit(f.db, id)).problems).toEqual([])
  })
})

describe('the known cells of one evaluation', () => {
  const rating = (i: number) => ({ id: i, memberId: 1, candidateId: 1, criterion: `C${i}`, value: i % 6, pass: null, comment: null, updatedAt: '', onBehalf: false })
  const key = (i: number) => ratingKeyOf(rating(i))

  it('know nothing of a cell never read; once filled with every rating, a cell not among them is not rated', () => {
    const cells = new Cells()
    expect(cells.get(key(1))).toBeUndefined()
    cells.set(key(1), rating(1))
    expect([cells.get(key(1))?.value, cells.get(key(2))]).toEqual([1, undefined])
    cells.fill([rating(3)])
    expect([cells.get(key(1)), cells.get(key(3))?.value, cells.complete]).toEqual([null, 3, true])
    cells.clear()
    expect([cells.get(key(3)), cells.complete]).toEqual([undefined, false])
  })

  it(`keep at most ${MAX_CELLS} cells: one more is not kept, and the set stops answering for cells it does not hold`, () => {
    const cells = new Cells()
    cells.fill(Array.from({ length: MAX_CELLS }, (_, i) => rating(i)))
    cells.set(key(MAX_CELLS), rating(MAX_CELLS))
    expect([cells.get(key(MAX_CELLS)), cells.get(key(MAX_CELLS + 1)), cells.complete, cells.get(key(5))?.value]).toEqual([undefined, undefined, false, 5])
  })
})
