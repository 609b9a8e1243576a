// Two app servers on one database (§15): 16 raters save ratings through both at once — each
// rater alternating between the servers, so a session made on one is used on the other (the
// servers are stateless: sessions live in the database) — and then again with `kill -9` of one
// server mid-load while the other keeps writing. Every rating acknowledged with a 2xx must be
// there with its value and comment, and the audit chain of the one shared evaluation must
// verify: writers in two processes never forked it (each write locks the evaluation's head row).
// On the `postgres` project the servers share a PostgreSQL database (DATABASE_URL); on the
// `sqlite` project one SQLite file in a shared DATA_DIR (BEGIN IMMEDIATE across processes).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, ownRatings, ratingPath, signIn } from '../../bench/lib/http-client.ts'
import { SEED_PASSWORD, importSeeded, raterNames, scoringFile, withDbFile, type SeededEvaluation } from '../../bench/lib/seed.ts'
import { startServer, type ServerProcess } from '../../bench/lib/server-process.ts'
import { sfc32 } from '../../src/domain/prng.ts'
import { verifyAudit } from '../../src/services/index.ts'
import { testDbTarget, testEngine } from '../pg/test-db.ts'
import { SEED } from './proof-env.ts'

const CLIENTS = 16
const DB_NAME = 'eoffice-eval.sqlite'

interface Sent {
  key: string
  value: number
  comment: string | null
}

interface ClientLog {
  acked: Map<string, Sent>
  /** The request in flight when its server died: it may or may not have committed. */
  pending: Sent | null
  refused: string[]
  /** Acknowledged saves per server index. */
  perServer: [number, number]
}

/** One rater: saves through `pick(n)`'s server until `stop`, or until its server dies. */
async function rater(
  bases: readonly string[], pick: (n: number) => number, cookie: string, ev: SeededEvaluation, member: string,
  next: () => number, log: ClientLog, stop: () => boolean,
): Promise<void> {
  for (let n = 0; n < 5000 && !stop(); n++) {
    const server = pick(n)
    const candidate = ev.candidates[next() % ev.candidates.length]!
    const criterion = ev.criteria[next() % ev.criteria.length]!
    const value = next() % 6
    const comment = next() % 3 === 0 ? `ghi chú ${member} #${n} — máy chủ ${server + 1}` : null
    const sent: Sent = { key: `${member}/${candidate}/${criterion}`, value, comment }
    log.pending = sent
    let status: number
    try {
      status = (await call(bases[server]!, cookie, 'PUT', ratingPath(ev.id, candidate, criterion), { value, comment }, 20_000)).status
    } catch {
      return // its server is gone: `pending` stays
    }
    if (status < 200 || status > 299) {
      log.refused.push(`${sent.key} → ${status} (server ${server + 1})`)
      log.pending = null
      continue
    }
    log.acked.set(sent.key, sent)
    log.perServer[server]! += 1
    log.pending = null
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe(`two app servers on one ${testEngine} database, writers on both (seed ${SEED})`, () => {
  let root: string
  let dataDir: string
  /** Each server's DATA_DIR. */
  let dirs: string[]
  let target: string
  let env: Record<string, string>
  let ev: SeededEvaluation
  let servers: ServerProcess[] = []
  let cookies: string[]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'eoffice-two-'))
    // On SQLite one DATA_DIR for both (it holds the database file); on PostgreSQL each server
    // has its own, as behind a load balancer: the session signing key is in the database, so a
    // cookie signed by one server is accepted by the other (issue #14). They start at once, and
    // so race to store the key.
    dataDir = join(root, 'data')
    target = await testDbTarget(join(dataDir, DB_NAME))
    env = testEngine === 'postgres' ? { DATABASE_URL: target } : {}
    ev = await withDbFile(target, (db) => importSeeded(db, scoringFile({ raters: raterNames('hai', CLIENTS), candidates: 2, groups: 2, perGroup: 10 })))
    dirs = testEngine === 'postgres' ? [join(root, 'server-1'), join(root, 'server-2')] : [dataDir, dataDir]
    servers = await Promise.all(dirs.map((d) => startServer({ dataDir: d, env })))
    cookies = await Promise.all(ev.raters.map((u, i) => signIn(servers[i % 2]!.base, u, SEED_PASSWORD)))
  })

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill9()))
    if (root) rmSync(root, { recursive: true, force: true })
  })

  /** Every acknowledged save is stored (or the one in flight when a server died), nothing else; the audit verifies. */
  async function check(logs: ClientLog[], reader: ServerProcess, where: string): Promise<void> {
    for (const [i, cookie] of cookies.entries()) {
      const stored = new Map((await ownRatings(reader.base, cookie, ev.id)).map((r) => [`${r.member}/${r.candidate}/${r.criterion}`, r]))
      const log = logs[i]!
      for (const [key, sent] of log.acked) {
        const got = stored.get(key)
        const matches = (s: Sent) => got !== undefined && got.value === s.value && (got.comment ?? null) === s.comment
        const ok = matches(sent) || (log.pending?.key === key && matches(log.pending))
        expect(ok, `${key}: acknowledged ${JSON.stringify(sent)}, stored ${JSON.stringify(got)} ${where}`).toBe(true)
      }
    }
    const verdict = await withDbFile(target, (db) => verifyAudit(db, ev.id, 'en'))
    expect(verdict.problems, `audit problems ${where}`).toEqual([])
    expect(verdict.ok).toBe(true)
  }

  it('both servers alive: each rater alternates between them; every acknowledged rating is there, the audit chain verifies', async () => {
    const logs: ClientLog[] = ev.raters.map(() => ({ acked: new Map(), pending: null, refused: [], perServer: [0, 0] }))
    const bases = servers.map((s) => s.base)
    let stop = false
    const clients = ev.raters.map((_, i) => rater(bases, (n) => (n + i) % 2, cookies[i]!, ev, `m${i + 1}`, sfc32(SEED + i + 1), logs[i]!, () => stop))
    const t0 = Date.now()
    while (logs.reduce((n, l) => n + l.acked.size, 0) < 8 * CLIENTS && Date.now() - t0 < 20_000) await sleep(50)
    await sleep(1000)
    stop = true
    await Promise.all(clients)
    const where = `(alternating, seed ${SEED})`
    expect(logs.flatMap((l) => l.refused), `refused saves ${where}`).toEqual([])
    const perServer = [0, 1].map((s) => logs.reduce((n, l) => n + l.perServer[s]!, 0))
    expect(perServer[0], `saves through server 1 ${where}`).toBeGreaterThan(0)
    expect(perServer[1], `saves through server 2 ${where}`).toBeGreaterThan(0)
    expect(logs.every((l) => l.pending === null)).toBe(true)
    await check(logs, servers[1]!, where)
  }, 120_000)

  it('kill -9 of one server mid-load: the other keeps saving; every acknowledged rating is there, the audit chain verifies', async () => {
    const logs: ClientLog[] = ev.raters.map(() => ({ acked: new Map(), pending: null, refused: [], perServer: [0, 0] }))
    const bases = servers.map((s) => s.base)
    let stop = false
    // Half the raters on each server (the killed one's raters stop at its death, as a browser would).
    const clients = ev.raters.map((_, i) => rater(bases, () => i % 2, cookies[i]!, ev, `m${i + 1}`, sfc32(SEED + 100 + i), logs[i]!, () => stop))
    const next = sfc32(SEED + 99)
    const t0 = Date.now()
    while (logs.reduce((n, l) => n + l.acked.size, 0) < 4 * CLIENTS && Date.now() - t0 < 20_000) await sleep(20)
    await sleep(next() % 1200)
    const where = `(kill -9 of server 1, seed ${SEED})`
    await servers[0]!.kill9()
    const afterKill = logs.filter((_, i) => i % 2 === 1).reduce((n, l) => n + l.perServer[1], 0)
    // The survivor goes on: its raters' saves after the kill are acknowledged (the dead server's
    // open transaction, and its row lock, ended with its connections).
    const t1 = Date.now()
    while (logs.filter((_, i) => i % 2 === 1).reduce((n, l) => n + l.perServer[1], 0) < afterKill + 2 * CLIENTS && Date.now() - t1 < 20_000) await sleep(50)
    stop = true
    await Promise.all(clients)
    expect(logs.filter((_, i) => i % 2 === 1).reduce((n, l) => n + l.perServer[1], 0), `saves on server 2 after the kill ${where}`).toBeGreaterThanOrEqual(afterKill + 2 * CLIENTS)
    expect(logs.flatMap((l) => l.refused), `refused saves ${where}`).toEqual([])
    await check(logs, servers[1]!, where)
    // The killed server restarts on the same database and takes writes again.
    servers[0] = await startServer({ dataDir: dirs[0]!, env })
    expect((await call(servers[0].base, cookies[0]!, 'PUT', ratingPath(ev.id, 'A', ev.criteria[0]!), { value: 3 })).status).toBe(200)
    const verdict = await withDbFile(target, (db) => verifyAudit(db, ev.id, 'en'))
    expect(verdict.problems, `audit problems after the restart ${where}`).toEqual([])
  }, 180_000)
})
