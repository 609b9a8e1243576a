// Operating on PostgreSQL (§15, §8): `backup` says to use pg_dump (and backs nothing up), the
// pg_dump → pg_restore round trip the README documents gives back a database whose audit
// chains verify, and bad configuration — an unreachable server, a wrong password, a database
// a newer version migrated — stops the CLI and the server with a message naming the problem
// and exit 1, never a stack trace. Runs in the `postgres` project (it needs the cluster).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, DatabaseOpenError, openDb } from '../../src/db/create-db.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { SYSTEM_ACTOR } from '../../src/services/actor.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { importEvaluationFile } from '../../src/services/exchange-service.ts'
import { freePort } from '../../bench/lib/server-process.ts'
import { findPgBin } from './cluster.ts'
import { createTestDatabase } from './test-db.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')

function run(script: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(TSX, [join(ROOT, script), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      ok({ code, stdout, stderr })
    })
  })
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/)

describe('PostgreSQL operations: backup with pg_dump, bad configuration named', () => {
  let url: string
  let dir: string
  let id: number
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eoffice-pgops-'))
    url = await createTestDatabase()
    const db = await openDb(url)
    try {
      id = (await importEvaluationFile(db, await loadDemoEvaluation(), SYSTEM_ACTOR)).id
    } finally {
      await closeDb(db)
    }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('`backup` on PostgreSQL says to use pg_dump and exits 1; pg_dump → pg_restore gives back a database that verifies', async () => {
    const cli = await run('src/cli.ts', ['backup', join(dir, 'copy.sqlite'), '--lang', 'en'], { DATABASE_URL: url, DATA_DIR: dir })
    expect(cli.code).toBe(1)
    expect(cli.stderr).toContain('pg_dump --format=custom')
    noStack(cli.stderr)

    // The README's commands.
    const bin = findPgBin()!
    const dump = join(dir, 'eoffice.dump')
    const d = spawnSync(join(bin, 'pg_dump'), ['--format=custom', `--file=${dump}`, url], { encoding: 'utf8' })
    expect(d.status, d.stderr).toBe(0)
    const restored = await createTestDatabase()
    // Into an empty database (the test ones are copies of the migrated template: emptied first).
    const empty = await openDb(restored)
    await sql`drop schema public cascade`.execute(empty)
    await sql`create schema public`.execute(empty)
    await closeDb(empty)
    const r = spawnSync(join(bin, 'pg_restore'), ['--no-owner', `--dbname=${restored}`, dump], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const db = await openDb(restored)
    try {
      const v = await verifyAudit(db, id, 'en')
      expect(v.problems).toEqual([])
      expect(v.ok).toBe(true)
      const n = await db.selectFrom('ratings').select((eb) => eb.fn.countAll<number>().as('n')).where('evaluation_id', '=', id).executeTakeFirstOrThrow()
      expect(Number(n.n)).toBeGreaterThan(0)
    } finally {
      await closeDb(db)
    }
  })

  it('an unreachable server, a wrong password, a missing database, a newer schema: DatabaseOpenError naming it', async () => {
    // A port nothing listens on: this cluster's port + 1 would be a guess; a closed one is sure.
    const closed = await freePort()
    const problem = async (target: string) => {
      const err = await openDb(target).then(async (db) => { await closeDb(db); return undefined }, (e: unknown) => e)
      expect(err).toBeInstanceOf(DatabaseOpenError)
      return (err as DatabaseOpenError).problem
    }
    expect(await problem(`postgres://postgres@127.0.0.1:${closed}/x`)).toBe('unreachable')
    const missing = new URL(url)
    missing.pathname = '/no_such_database'
    expect(await problem(missing.toString())).toBe('no_database')
    const noPassword = new URL(url)
    noPassword.password = ''
    expect(await problem(noPassword.toString())).toBe('authentication')

    const u = new URL(url)
    u.password = 'wrong-password'
    expect(await problem(u.toString())).toBe('authentication')

    // A database migrated by a newer version: a migration recorded that this code does not know.
    const newer = await createTestDatabase()
    const db = await openDb(newer)
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01-001-from-the-future', '2099-01-01T00:00:00.000Z')`.execute(db)
    await closeDb(db)
    const err = await openDb(newer).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(DatabaseOpenError)
    expect((err as DatabaseOpenError).problem).toBe('newer_schema')
    expect((err as DatabaseOpenError).detail).toContain('2099-01-01-001-from-the-future')

    // The server and the CLI: one message naming the problem, exit 1, no stack trace.
    const server = await run('src/server.ts', [], { DATABASE_URL: newer, DATA_DIR: dir, PORT: '0' })
    expect(server.code).toBe(1)
    expect(server.stderr).toContain('written by a newer version')
    expect(server.stderr).toContain('2099-01-01-001-from-the-future')
    noStack(server.stderr)
    const down = await run('src/server.ts', [], { DATABASE_URL: `postgres://postgres:secret@127.0.0.1:${closed}/x`, DATA_DIR: dir, PORT: '0' })
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('cannot reach the database')
    expect(down.stderr).not.toContain('secret')
    noStack(down.stderr)
    const cli = await run('src/cli.ts', ['results', '1', '--lang', 'en'], { DATABASE_URL: u.toString(), DATA_DIR: dir })
    expect(cli.code).toBe(1)
    expect(cli.stderr).toContain('refused the login')
    expect(cli.stderr).not.toContain('wrong-password')
    noStack(cli.stderr)
  })
})
