// Backup and restore (§7, §8): `cli backup <file>` (SQLite's online backup) runs in its own
// process while this one keeps saving ratings; the copy opens, migrates and verifies every
// audit chain. Restoring as the README says — stop, copy the backup over
// DATA_DIR/eoffice-eval.sqlite (removing any -wal/-shm), start — gives exactly the backup.
import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import {
  SYSTEM_ACTOR, actorOf, createUser, declare, getUser, importEvaluationFile, saveRating, sessionSigningKey, verifyAudit, type Actor,
} from '../../src/services/index.ts'
import { createEvaluation } from '../../src/services/evaluations-service.ts'
import { addCandidate } from '../../src/services/candidates-service.ts'
import { addMember } from '../../src/services/members-service.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { CATALOGS } from '../services/fixture.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
let work: string
let dataDir: string
let live: string
let db: Db
let scoringId: number
let raters: Actor[]
let sessionKey: string

/** Runs the CLI in its own process (the event loop stays free for the writer). */
function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(TSX, [join(ROOT, 'src/cli.ts'), ...args], { cwd: work, env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += String(d) })
    child.stderr.on('data', (d) => { stderr += String(d) })
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

const count = async (d: Db, table: 'ratings' | 'audit_log') =>
  Number((await d.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

async function verifyAll(d: Db): Promise<number> {
  const ids = (await d.selectFrom('evaluations').select('id').execute()).map((r) => r.id)
  for (const id of ids) {
    const v = await verifyAudit(d, id)
    expect(v.problems, `evaluation ${id}`).toEqual([])
    expect(v.ok).toBe(true)
  }
  return ids.length
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'eoffice-backup-'))
  dataDir = join(work, 'data')
  live = join(dataDir, 'eoffice-eval.sqlite')
  db = await openDb(live)
  await importEvaluationFile(db, await loadDemoEvaluation(), SYSTEM_ACTOR)
  const make = async (username: string) => {
    const { id } = await createUser(db, SYSTEM_ACTOR, { username, password: 'mật-khẩu-dài', displayName: username })
    return actorOf((await getUser(db, id))!)
  }
  const [chair, member] = [await make('chu'), await make('tv1')]
  scoringId = (await createEvaluation(db, SYSTEM_ACTOR, CATALOGS, { title: 'Đang chấm', catalogId: 'test-catalog', chair: 'chu' })).id
  await addCandidate(db, chair, scoringId, { name: 'Alpha' })
  await addCandidate(db, chair, scoringId, { name: 'Beta' })
  await addMember(db, chair, scoringId, { username: 'tv1', role: 'member' })
  await transition(db, chair, scoringId, { to: 'scoring' })
  for (const a of [chair, member]) await declare(db, a, scoringId, { noConflict: true })
  raters = [chair, member]
  // A server has started on it: the session signing key is in the database (§15).
  sessionKey = (await sessionSigningKey(db)).key
}, 60_000)
afterAll(async () => {
  await closeDb(db).catch(() => undefined)
  rmSync(work, { recursive: true, force: true })
})

describe('online backup while ratings are written, and restore', () => {
  const copy = () => join(work, 'backups', 'eoffice-eval-backup.sqlite')

  it('a backup taken while ratings are being written opens, migrates and verifies its audit chains', async () => {
    let stop = false
    let saves = 0
    const writer = (async () => {
      const criteria = ['KS.1', 'KS.3', 'TD.1']
      for (let i = 0; !stop; i++) {
        await saveRating(db, raters[i % 2]!, scoringId, { candidate: i % 3 === 0 ? 'B' : 'A', criterion: criteria[i % 3]!, value: i % 6, comment: `lần ${i}` })
        saves++
      }
    })()
    // Let the writer get going, then back up from another process while it writes.
    while (saves < 20) await new Promise((r) => setTimeout(r, 5))
    const atStart = saves
    const r = await cli('backup', copy())
    const atEnd = saves
    stop = true
    await writer
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('đã sao lưu vào')
    expect(atEnd - atStart, 'ratings saved while the backup ran').toBeGreaterThan(0)

    const backup = await openDb(copy())
    try {
      // Opening ran the migrator: the copy is at the same schema as the live database.
      const names = async (d: Db) => (await d.selectFrom('kysely_migration' as never).select('name' as never).orderBy('name' as never).execute()).map((r) => (r as { name: string }).name)
      expect(await names(backup)).toEqual(await names(db))
      expect(await names(backup)).toContain('2026-11-28-002-catalogs')
      expect(await verifyAll(backup)).toBe(2)
      // Every saved rating is an audit entry; the copy is a consistent snapshot of some moment.
      expect(await count(backup, 'audit_log')).toBeLessThanOrEqual(await count(db, 'audit_log'))
      expect(await count(backup, 'ratings')).toBeGreaterThan(0)
    } finally {
      await closeDb(backup)
    }
    // The live database was never disturbed.
    expect(await verifyAll(db)).toBe(2)
  }, 120_000)

  it('restore: stop, copy the backup over DATA_DIR/eoffice-eval.sqlite, start — the backup exactly, chains intact', async () => {
    // A change after the backup: the restore must take the database back to before it.
    await saveRating(db, raters[0]!, scoringId, { candidate: 'A', criterion: 'KS.1', value: 5, comment: 'sau khi sao lưu' })
    const snap = await openDb(copy())
    const expected = { ratings: await count(snap, 'ratings'), audit: await count(snap, 'audit_log') }
    await closeDb(snap)
    // 1. stop the server (here: close the database)
    await closeDb(db)
    // 2. copy the backup over the database, without the old write-ahead log
    for (const ext of ['-wal', '-shm']) if (existsSync(live + ext)) rmSync(live + ext)
    copyFileSync(copy(), live)
    // 3. start
    db = await openDb(live)
    expect(await count(db, 'ratings')).toBe(expected.ratings)
    expect(await count(db, 'audit_log')).toBe(expected.audit)
    const after = await db.selectFrom('ratings').select('comment').where('comment', '=', 'sau khi sao lưu').execute()
    expect(after).toEqual([])
    expect(await verifyAll(db)).toBe(2)
    // The session signing key came back with it: cookies signed before the backup still verify.
    expect(await sessionSigningKey(db)).toEqual({ key: sessionKey, origin: 'database', fileIgnored: false })
    // Work goes on after a restore, and the CLI agrees with the chain.
    await saveRating(db, raters[1]!, scoringId, { candidate: 'B', criterion: 'TD.1', value: 3 })
    const v = await cli('audit', 'verify', String(scoringId))
    expect(v.stderr).toBe('')
    expect(v.code).toBe(0)
  }, 60_000)
})
