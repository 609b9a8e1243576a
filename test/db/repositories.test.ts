// Repositories against a freshly migrated temporary database.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { backup } from '../../src/db/backup.ts'
import { closeDb, sqliteHandle } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { schemaColumns } from '../../src/db/table-rows.ts'
import { insertCandidate, listCandidates, deleteCandidate } from '../../src/db/candidate-repository.ts'
import { insertEvaluation, findEvaluation, findEvaluationHead, updateEvaluation } from '../../src/db/evaluation-repository.ts'
import { insertMember, listMembers, findMemberByUser } from '../../src/db/member-repository.ts'
import { countRatingsBySheet, findRatings, listRatings, upsertRatings } from '../../src/db/rating-repository.ts'
import { sessionRepository } from '../../src/db/session-repository.ts'
import { userLookup } from '../../src/services/users-service.ts'
import { findCredentials, findUserByUsername, insertUser, recordFailedLogin } from '../../src/db/user-repository.ts'
import { openTestDb, testEngine } from '../pg/test-db.ts'

let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-db-'))
  db = await openTestDb(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await closeDb(db)
  rmSync(dir, { recursive: true, force: true })
})

const AT = '2015-05-12T08:30:00.000Z'
const scale = { min: 0, max: 5, levels: [{ value: 0, label: { vi: 'Không' } }] }
const criteria = [{ id: 'K', title: { vi: 'Tiêu chí' }, weight: 1 }]

async function evaluation(): Promise<number> {
  return insertEvaluation(db, {
    title: 'Đánh giá', basis: null, status: 'draft', deadline: null, catalog: { id: 'c', version: '1.0.0' },
    aggregation: 'mean', threshold: 70, disagreementSpread: null, monteCarlo: null, scale, criteria, report: null,
  }, null, AT)
}

describe('database', () => {
  it(`opens (${testEngine}) with its durability settings; migrating again is a no-op; the same tables on both engines`, async () => {
    if (testEngine === 'sqlite') {
      const h = sqliteHandle(db)
      expect(h.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(h.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(h.pragma('synchronous', { simple: true })).toBe(2)
      expect(h.pragma('busy_timeout', { simple: true })).toBe(5000)
    } else {
      // PostgreSQL: not a SQLite file, so no handle for the SQLite backup.
      expect(() => sqliteHandle(db)).toThrow(/not a database opened by createDb/)
    }
    await migrateToLatest(db)
    const tables = [...(await schemaColumns(db)).keys()].sort()
    expect(tables).toEqual([
      'abstentions', 'app_secrets', 'audit_log', 'candidates', 'catalogs', 'consensus', 'evaluations', 'members', 'prices', 'ratings', 'sessions', 'users',
    ])
  })

  it('migrations are date-prefixed and import nothing but kysely (frozen in time)', () => {
    const migrationsDir = join(import.meta.dirname, '../../src/db/migrations')
    // dialect.ts: the engine-specific column types (§15), itself importing kysely only.
    expect([...readFileSync(join(migrationsDir, 'dialect.ts'), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['kysely'])
    const files = readdirSync(migrationsDir).filter((f) => f !== 'dialect.ts')
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-[a-z0-9-]+\.ts$/)
      const imports = [...readFileSync(join(migrationsDir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1])
      expect(imports.every((i) => i === 'kysely' || i === './dialect.ts')).toBe(true)
    }
  })

  it('users: unique usernames, mapped to domain objects, failed sign-ins counted', async () => {
    const id = await insertUser(db, { username: 'chu', displayName: 'Nguyễn Văn Chủ', passwordHash: 'scrypt$x', admin: true, createdAt: AT })
    await expect(insertUser(db, { username: 'chu', displayName: 'X', passwordHash: 'h', admin: false, createdAt: AT })).rejects.toThrow(testEngine === 'sqlite' ? /UNIQUE/ : /unique constraint/)
    await recordFailedLogin(db, id, AT)
    await recordFailedLogin(db, id, AT)
    expect(await findUserByUsername(db, 'chu')).toEqual({
      id, username: 'chu', displayName: 'Nguyễn Văn Chủ', admin: true, failedLogins: 2, lastFailedAt: AT, createdAt: AT,
    })
    expect((await findCredentials(db, 'chu'))!.passwordHash).toBe('scrypt$x')
  })

  it('sessions: set, get, touch, destroy; expired ones are gone', async () => {
    const s = sessionRepository(db)
    const soon = new Date(Date.now() + 60_000)
    await s.set('sid-1', { userId: 3, lang: 'vi' }, soon)
    expect(await s.get('sid-1')).toEqual({ userId: 3, lang: 'vi' })
    await s.set('sid-1', { userId: 3, lang: 'en' }, soon)
    expect(await s.get('sid-1')).toEqual({ userId: 3, lang: 'en' })
    await s.touch('sid-1', new Date(Date.now() - 1000))
    expect(await s.get('sid-1')).toBeUndefined()
    expect(await s.prune()).toBe(1)
    await s.set('sid-2', { a: 1 }, soon)
    await s.destroy('sid-2')
    expect(await s.get('sid-2')).toBeUndefined()
  })

  it('sessions and users asked for together are read in one query each, and never cached', async () => {
    let queries = 0
    const counted = db.withPlugin({
      transformQuery: (args) => { queries += 1; return args.node },
      transformResult: async (args) => args.result,
    })
    const s = sessionRepository(counted)
    const soon = new Date(Date.now() + 60_000)
    await s.set('a', { userId: 1 }, soon)
    await s.set('b', { userId: 2 }, soon)
    await s.set('old', { userId: 3 }, new Date(Date.now() - 1000))
    queries = 0
    expect(await Promise.all(['a', 'b', 'old', 'none', 'a'].map((sid) => s.get(sid))))
      .toEqual([{ userId: 1 }, { userId: 2 }, undefined, undefined, { userId: 1 }])
    expect(queries).toBe(1)
    // Not cached: a session ended elsewhere (another app server, sign-out) is gone at once.
    await db.deleteFrom('sessions').where('sid', '=', 'a').execute()
    expect(await s.get('a')).toBeUndefined()

    const u1 = await insertUser(db, { username: 'mot', displayName: 'Một', passwordHash: 'x', admin: false, createdAt: AT })
    const u2 = await insertUser(db, { username: 'hai', displayName: 'Hai', passwordHash: 'x', admin: true, createdAt: AT })
    const lookup = userLookup(counted)
    queries = 0
    const [a, b, none] = await Promise.all([lookup(u1), lookup(u2), lookup(999_999)])
    expect([a?.username, b?.username, b?.admin, none]).toEqual(['mot', 'hai', true, undefined])
    expect(queries).toBe(1)
    await db.updateTable('users').set({ display_name: 'Một mới' }).where('id', '=', u1).execute()
    expect((await lookup(u1))?.displayName).toBe('Một mới')

    // A session's user comes with it, in the same query, for the request that read it — once.
    await s.set('c', { userId: u2 }, soon)
    await s.set('d', { userId: u1 }, soon)
    queries = 0
    expect(await Promise.all([s.get('c'), s.get('d')])).toEqual([{ userId: u2 }, { userId: u1 }])
    expect(queries).toBe(1)
    expect([s.takeUser('c')?.username, s.takeUser('d')?.displayName, s.takeUser('c'), s.takeUser('a')]).toEqual(['hai', 'Một mới', undefined, undefined])
    // Read afresh with every session read: a change to the user holds on the next request.
    await db.updateTable('users').set({ is_admin: 0 }).where('id', '=', u2).execute()
    await s.get('c')
    expect(s.takeUser('c')?.admin).toBe(false)
  })

  it('evaluations: JSON columns round-trip; updates bump the revision', async () => {
    const id = await evaluation()
    const e = (await findEvaluation(db, id))!
    expect(e).toMatchObject({ id, status: 'draft', catalog: { id: 'c', version: '1.0.0' }, threshold: 70, scale, criteria, report: null, revision: 0, auditSeq: 0 })
    await updateEvaluation(db, id, { status: 'scoring', report: { agency: 'SỞ TT&TT' } }, AT)
    expect(await findEvaluationHead(db, id)).toEqual({ id, status: 'scoring', auditHead: null, auditSeq: 0, revision: 1 })
    expect((await findEvaluation(db, id))!.report).toEqual({ agency: 'SỞ TT&TT' })
  })

  it('ratings: one per (member, candidate, criterion), upsert replaces; deleting a candidate cascades', async () => {
    const id = await evaluation()
    const userId = await insertUser(db, { username: 'tv', displayName: 'TV', passwordHash: 'h', admin: false, createdAt: AT })
    const a = await insertCandidate(db, id, { code: 'A', name: 'Alpha', vendor: null, version: null, position: 0 })
    const b = await insertCandidate(db, id, { code: 'B', name: 'Beta', vendor: 'Công ty B', version: '1', position: 1 })
    const m = await insertMember(db, id, { code: 'm1', userId, username: 'tv', name: 'TV', role: 'member', declaredAt: null, position: 0 })
    expect((await findMemberByUser(db, id, userId))!.code).toBe('m1')
    expect((await listMembers(db, id)).map((x) => x.username)).toEqual(['tv'])
    await upsertRatings(db, id, [{ memberId: m, candidateId: a, criterion: 'K', value: 2, pass: null, comment: null, at: AT }])
    // A key twice in one call keeps its last value.
    await upsertRatings(db, id, [
      { memberId: m, candidateId: a, criterion: 'K', value: 3, pass: null, comment: null, at: AT },
      { memberId: m, candidateId: a, criterion: 'K', value: 4, pass: null, comment: 'Tốt', at: AT },
      { memberId: m, candidateId: b, criterion: 'K', value: null, pass: false, comment: null, at: AT },
    ])
    expect(await findRatings(db, id, [{ memberId: m, candidateId: a, criterion: 'K' }])).toEqual([expect.objectContaining({ value: 4, pass: null, comment: 'Tốt' })])
    expect((await listRatings(db, id)).map((r) => [r.candidateId, r.value, r.pass])).toEqual([[a, 4, null], [b, null, false]])
    expect(await countRatingsBySheet(db, id)).toEqual(expect.arrayContaining([{ memberId: m, candidateId: a, n: 1 }, { memberId: m, candidateId: b, n: 1 }]))
    await deleteCandidate(db, b)
    expect((await listCandidates(db, id)).map((c) => c.code)).toEqual(['A'])
    expect(await listRatings(db, id)).toHaveLength(1)
  })

  it('backup: an online copy that opens and holds the data (SQLite; PostgreSQL uses pg_dump)', async () => {
    const id = await evaluation()
    if (testEngine === 'postgres') {
      await expect(backup(db, join(dir, 'backup', 'copy.sqlite'))).rejects.toThrow(/not a database opened by createDb/)
      return
    }
    const target = join(dir, 'backup', 'copy.sqlite')
    const { totalPages } = await backup(db, target)
    expect(totalPages).toBeGreaterThan(0)
    const copy = new Database(target, { readonly: true })
    expect(copy.prepare('select title from evaluations where id = ?').get(id)).toEqual({ title: 'Đánh giá' })
    copy.close()
  })
})
