// Concurrency (§7, §10): the real server (child process, file database in WAL mode) under
// simultaneous saves. The same member saving the same rating twice at once; many members
// saving at once; a writer outside the server (what the CLI does) holding the database at the
// same time. Every save is acknowledged (2xx), no SQLITE_BUSY reaches a user, and the final
// state is the last acknowledged write — "last" in commit order, which the audit chain records
// (two requests in flight at once have no other order), and it must be a value that was sent.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, ownRatings, ratingPath, signIn, type Answer } from '../../bench/lib/http-client.ts'
import { SEED_PASSWORD, importSeeded, raterNames, scoringFile, withDbFile, type SeededEvaluation } from '../../bench/lib/seed.ts'
import { startServer, type ServerProcess } from '../../bench/lib/server-process.ts'
import { createDb, closeDb } from '../../src/db/create-db.ts'
import { sfc32 } from '../../src/domain/prng.ts'
import { SYSTEM_ACTOR, importEvaluationFile, listAudit, verifyAudit } from '../../src/services/index.ts'
import { SEED } from './proof-env.ts'

const MEMBERS = 16
const DB_NAME = 'eoffice-eval.sqlite'

/** The value each rating entity holds after the last `rating.save` in the audit chain. */
async function lastSaved(file: string, id: number): Promise<Map<string, number | null>> {
  const db = createDb(file)
  try {
    const entries = await listAudit(db, SYSTEM_ACTOR, id)
    const out = new Map<string, number | null>()
    for (const e of entries) {
      if (e.action !== 'rating.save') continue
      const after = e.after as { member: string; candidate: string; criterion: string; value: number | null }
      out.set(`${after.member}/${after.candidate}/${after.criterion}`, after.value)
    }
    return out
  } finally {
    await closeDb(db)
  }
}

const busy = (a: Answer) => /SQLITE_BUSY|database is locked/i.test(a.body)

describe(`concurrent saves against the real server (seed ${SEED})`, () => {
  let root: string
  let file: string
  let ev: SeededEvaluation
  let server: ServerProcess
  let cookies: string[]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'eoffice-concurrency-'))
    file = join(root, DB_NAME)
    ev = await withDbFile(file, (db) => importSeeded(db, scoringFile({ raters: raterNames('conc', MEMBERS), candidates: 2, groups: 2, perGroup: 10 })))
    server = await startServer({ dataDir: root })
    cookies = await Promise.all(ev.raters.map((u) => signIn(server.base, u, SEED_PASSWORD)))
  })

  afterAll(async () => {
    await server?.stop()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  it('the same member saving the same rating twice at once: both acknowledged, the later commit stays', async () => {
    const criterion = ev.criteria[0]!
    const sent = new Map<string, Set<number>>()
    for (let round = 0; round < 20; round++) {
      const [a, b] = [round % 6, (round + 3) % 6]
      const answers = await Promise.all([a, b].map((value) => call(server.base, cookies[0]!, 'PUT', ratingPath(ev.id, 'A', criterion), { value, comment: `lần ${round}` })))
      for (const [i, ans] of answers.entries()) {
        expect(ans.status, ans.body).toBe(200)
        // Each answer reports its own write, not the other one's.
        expect((JSON.parse(ans.body) as { value: number }).value).toBe([a, b][i])
      }
      sent.set(`m1/A/${criterion}`, new Set([a, b]))
      const stored = (await ownRatings(server.base, cookies[0]!, ev.id)).find((r) => r.candidate === 'A' && r.criterion === criterion)
      const last = (await lastSaved(file, ev.id)).get(`m1/A/${criterion}`)
      expect([a, b]).toContain(stored?.value)
      expect(stored?.value, `round ${round}: stored vs last committed`).toBe(last)
      expect(stored?.comment).toBe(`lần ${round}`)
    }
  })

  it('16 members saving at once, 10 saves each in flight together: all acknowledged, the state is the last commit per rating', async () => {
    const next = sfc32(SEED)
    const requests: Promise<{ key: string; value: number; answer: Answer }>[] = []
    for (const [m, cookie] of cookies.entries()) {
      for (let n = 0; n < 10; n++) {
        // Few cells per member, so one member's saves collide on the same rating too.
        const candidate = ev.candidates[next() % 2]!
        const criterion = ev.criteria[next() % 3]!
        const value = next() % 6
        requests.push(call(server.base, cookie, 'PUT', ratingPath(ev.id, candidate, criterion), { value })
          .then((answer) => ({ key: `m${m + 1}/${candidate}/${criterion}`, value, answer })))
      }
    }
    const done = await Promise.all(requests)
    expect(done.filter((d) => d.answer.status !== 200).map((d) => `${d.key}: ${d.answer.status} ${d.answer.body}`)).toEqual([])
    const last = await lastSaved(file, ev.id)
    for (const [m, cookie] of cookies.entries()) {
      for (const r of await ownRatings(server.base, cookie, ev.id)) {
        const key = `${r.member}/${r.candidate}/${r.criterion}`
        const mine = done.filter((d) => d.key === key)
        if (mine.length === 0) continue // saved by an earlier test
        expect(mine.map((d) => d.value), key).toContain(r.value)
        expect(r.value, `${key} (member ${m + 1})`).toBe(last.get(key))
      }
    }
  })

  it('a writer outside the server (the CLI) at the same time: no SQLITE_BUSY reaches a user', async () => {
    const next = sfc32(SEED + 1)
    let outsideWrites = 0
    const outsideErrors: string[] = []
    let running = true
    // Another process on the same file: a held write lock (1.5 s, inside busy_timeout), then
    // imports one after another — each a write transaction, like `cli import` or `cli demo`.
    const outside = (async () => {
      const raw = new SQLite(file)
      raw.pragma('busy_timeout = 5000')
      raw.exec('BEGIN IMMEDIATE')
      await new Promise((r) => setTimeout(r, 1500))
      raw.exec('COMMIT')
      raw.close()
      const db = createDb(file)
      try {
        for (let i = 0; i < 40 && running; i++) {
          try {
            await importEvaluationFile(db, scoringFile({ raters: [ev.raters[0]!], title: `Nhập song song ${i}` }), SYSTEM_ACTOR)
            outsideWrites++
          } catch (err) {
            outsideErrors.push(String(err))
          }
          await new Promise((r) => setTimeout(r, 5))
        }
      } finally {
        await closeDb(db)
      }
    })()
    const answers: Answer[] = []
    const started = Date.now()
    await Promise.all(cookies.map(async (cookie) => {
      for (let n = 0; n < 40 && Date.now() - started < 20_000; n++) {
        const a = await call(server.base, cookie, 'PUT', ratingPath(ev.id, ev.candidates[next() % 2]!, ev.criteria[next() % ev.criteria.length]!), { value: next() % 6 })
        answers.push(a)
      }
    }))
    running = false
    await outside
    expect(outsideWrites, outsideErrors.join('\n')).toBeGreaterThan(0)
    // A 500 hides its cause from the user (rightly); the server's log names it.
    const causes = [...new Set(server.output().match(/SQLITE_[A-Z_]+|database is locked/g) ?? [])]
    const failed = answers.filter((a) => a.status !== 200)
    expect(answers.filter(busy).map((a) => `${a.status} ${a.body}`)).toEqual([])
    expect(failed.map((a) => a.status), `${failed.length} of ${answers.length} saves failed; causes in the server log: ${causes.join(', ') || 'none logged'}`).toEqual([])
  })

  it('after all of it, the audit chain verifies', async () => {
    await server.stop()
    const verdict = await withDbFile(file, (db) => verifyAudit(db, ev.id, 'en'))
    expect(verdict.problems).toEqual([])
    server = await startServer({ dataDir: root })
  })
})
