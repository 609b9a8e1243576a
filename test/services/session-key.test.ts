// The session signing key lives in the database (§15, issue #14): app servers with their own
// DATA_DIR on one database sign cookies alike. Several servers starting at once store one key
// and all read it; the first start after the upgrade adopts the old DATA_DIR/session-key (so
// people signed in before stay signed in); the table holds one row only; a key broken behind
// the application's back stops start-up with a message saying what to do. On both engines.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sessionKeyOrCreate } from '../../src/db/app-secret-repository.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { sessionSigningKey } from '../../src/services/index.ts'
import { testDbTarget, testEngine } from '../pg/test-db.ts'

const HEX64 = /^[0-9a-f]{64}$/

describe(`the session signing key in the database (${testEngine})`, () => {
  let dir: string
  /** Two handles on one database, as two app servers have (two pools, or two SQLite connections to one file). */
  let one: Db
  let two: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eoffice-session-key-'))
    const target = await testDbTarget(join(dir, 'eoffice-eval.sqlite'))
    one = await openDb(target)
    two = await openDb(target)
  })
  afterAll(async () => {
    await closeDb(one)
    await closeDb(two)
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(async () => {
    await one.deleteFrom('app_secrets').execute()
  })
  const file = (name: string, content: string) => {
    const d = join(dir, name)
    mkdirSync(d, { recursive: true })
    writeFileSync(join(d, 'session-key'), content)
    return join(d, 'session-key')
  }

  it('a first start makes a random 64-hex-digit key and stores it; later starts, on any server, read the same one', async () => {
    const first = await sessionSigningKey(one)
    expect(first.origin).toBe('new')
    expect(first.key).toMatch(HEX64)
    expect(first.fileIgnored).toBe(false)
    expect(await sessionSigningKey(one)).toEqual({ key: first.key, origin: 'database', fileIgnored: false })
    expect(await sessionSigningKey(two, { legacyFile: join(dir, 'no-such-dir', 'session-key') })).toEqual({ key: first.key, origin: 'database', fileIgnored: false })
    const rows = await one.selectFrom('app_secrets').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id: 1, session_key: first.key })
  })

  it('servers starting at once on one database end up with one key (insert-if-absent, then read)', async () => {
    for (let round = 0; round < 10; round++) {
      await one.deleteFrom('app_secrets').execute()
      // Eight starts over the two handles, each with a different candidate key of its own.
      const starts = await Promise.all(Array.from({ length: 8 }, (_, i) => sessionSigningKey(i % 2 === 0 ? one : two)))
      const keys = new Set(starts.map((s) => s.key))
      expect(keys.size, `round ${round}: ${[...keys].join(', ')}`).toBe(1)
      expect(starts.filter((s) => s.origin === 'new'), `round ${round}: exactly one start stored its key`).toHaveLength(1)
      expect(await one.selectFrom('app_secrets').select('session_key').execute()).toEqual([{ session_key: [...keys][0] }])
    }
  })

  it('the repository stores a candidate only when there is no key, and says whether it did', async () => {
    const at = '2026-12-01T00:00:00.000Z'
    const [a, b] = await Promise.all([sessionKeyOrCreate(one, 'a'.repeat(64), at), sessionKeyOrCreate(two, 'b'.repeat(64), at)])
    expect(a.key).toBe(b.key)
    expect([a.created, b.created].sort()).toEqual([false, true])
    expect(await sessionKeyOrCreate(one, 'c'.repeat(64), at)).toEqual({ key: a.key, created: false })
  })

  it('adopts the key of the old DATA_DIR/session-key file on the first start (trimmed), so sessions survive the upgrade', async () => {
    const old = '3f'.repeat(32)
    const legacyFile = file('adopt', `${old}\n`)
    expect(await sessionSigningKey(one, { legacyFile })).toEqual({ key: old, origin: 'file', fileIgnored: false })
    // Once in the database the file no longer decides: another server's different file is ignored (and said so).
    const other = file('other', `${'9'.repeat(64)}\n`)
    expect(await sessionSigningKey(two, { legacyFile: other })).toEqual({ key: old, origin: 'database', fileIgnored: true })
    expect(await sessionSigningKey(two, { legacyFile })).toEqual({ key: old, origin: 'database', fileIgnored: false })
  })

  it('servers starting at once, each with its own old key file: one of the files\' keys wins and every server uses it', async () => {
    const files = ['a', 'b', 'c'].map((n) => file(`race-${n}`, n.repeat(64)))
    const starts = await Promise.all(files.map((legacyFile, i) => sessionSigningKey(i % 2 === 0 ? one : two, { legacyFile })))
    const key = starts[0]!.key
    expect(['a', 'b', 'c'].map((n) => n.repeat(64))).toContain(key)
    expect(starts.every((s) => s.key === key)).toBe(true)
    expect(starts.filter((s) => s.origin === 'file')).toHaveLength(1)
    expect(starts.filter((s) => s.fileIgnored)).toHaveLength(2)
  })

  it('a key file too short to sign with (< 32 characters) is not adopted: a new key is made and the file reported as ignored', async () => {
    const legacyFile = file('short', 'ngan-qua\n')
    const got = await sessionSigningKey(one, { legacyFile })
    expect(got.origin).toBe('new')
    expect(got.key).toMatch(HEX64)
    expect(got.fileIgnored).toBe(true)
  })

  it('holds one row only: a second secret row is refused by the schema', async () => {
    await sessionSigningKey(one)
    await expect(one.insertInto('app_secrets').values({ id: 2, session_key: 'x'.repeat(64), created_at: '2026-12-01T00:00:00.000Z' }).execute())
      .rejects.toThrow(testEngine === 'sqlite' ? /CHECK constraint failed/ : /app_secrets_one_row/)
  })

  it('a key shortened behind the application\'s back stops start-up with a message, in Vietnamese and English, saying what to do', async () => {
    await sessionSigningKey(one)
    await one.updateTable('app_secrets').set({ session_key: 'ngan' }).execute()
    const err = await sessionSigningKey(two).then(() => undefined, (e: unknown) => e as Error)
    expect(err?.message).toContain('Khóa ký phiên đăng nhập trong bảng app_secrets ngắn hơn 32 ký tự')
    expect(err?.message).toContain('delete that row and the server makes a new key')
    await one.deleteFrom('app_secrets').execute()
    expect((await sessionSigningKey(two)).key).toMatch(HEX64)
  })
})
