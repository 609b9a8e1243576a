// Crash durability (§7: "a crash loses no acknowledged write"): the real server as a child
// process, 16 raters saving ratings over HTTP, `kill -9` at a random moment, restart on the
// same DATA_DIR, then every rating acknowledged with a 2xx must be there with its value and
// comment, and the audit chain must verify (chain intact, replay equals the ratings table).
// The one request in flight per client when the server died may or may not have committed:
// either outcome is correct, so the check accepts the last acknowledged value or that one.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, ownRatings, ratingPath, signIn } from '../../bench/lib/http-client.ts'
import { SEED_PASSWORD, importSeeded, raterNames, scoringFile, withDbFile, type SeededEvaluation } from '../../bench/lib/seed.ts'
import { startServer, type ServerProcess } from '../../bench/lib/server-process.ts'
import { sfc32 } from '../../src/domain/prng.ts'
import { verifyAudit } from '../../src/services/index.ts'
import { CRASH_ROUNDS, SEED } from './proof-env.ts'

const CLIENTS = 16
const DB_NAME = 'eoffice-eval.sqlite'

interface Sent {
  key: string
  value: number
  comment: string | null
}

/** One client: saves random ratings one after another until the server dies (or the cap). */
async function rater(base: string, cookie: string, ev: SeededEvaluation, member: string, next: () => number, log: ClientLog, stop: () => boolean): Promise<void> {
  for (let n = 0; n < 5000 && !stop(); n++) {
    const candidate = ev.candidates[next() % ev.candidates.length]!
    const criterion = ev.criteria[next() % ev.criteria.length]!
    const value = next() % 6
    const comment = next() % 3 === 0 ? `ghi chú ${member} #${n} — đạt` : null
    const sent: Sent = { key: `${member}/${candidate}/${criterion}`, value, comment }
    log.pending = sent
    let status: number
    try {
      status = (await call(base, cookie, 'PUT', ratingPath(ev.id, candidate, criterion), { value, comment }, 10_000)).status
    } catch {
      return // the server is gone: `pending` stays, it may or may not have committed
    }
    if (status < 200 || status > 299) {
      log.refused.push(`${sent.key} → ${status}`)
      log.pending = null
      continue
    }
    log.acked.set(sent.key, sent)
    log.pending = null
  }
}

interface ClientLog {
  acked: Map<string, Sent>
  pending: Sent | null
  refused: string[]
}

describe(`crash durability: kill -9 under 16 writers, ${CRASH_ROUNDS} rounds (seed ${SEED})`, () => {
  let root: string
  let template: string
  let ev: SeededEvaluation
  let cookies: string[]

  // One seeded DATA_DIR, signed in once (sessions live in the database, the key in DATA_DIR):
  // every round starts from a copy of it, so no round pays for 16 password checks.
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'eoffice-crash-'))
    template = join(root, 'template')
    ev = await withDbFile(join(template, DB_NAME), (db) => importSeeded(db, scoringFile({ raters: raterNames('crash', CLIENTS), candidates: 2, groups: 2, perGroup: 10 })))
    const server = await startServer({ dataDir: template })
    try {
      cookies = await Promise.all(ev.raters.map((u) => signIn(server.base, u, SEED_PASSWORD)))
    } finally {
      await server.stop()
    }
  })

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true })
  })

  for (let round = 1; round <= CRASH_ROUNDS; round++) {
    it(`round ${round}: every acknowledged rating survives and the audit chain verifies`, async () => {
      const seed = (SEED + round * 7919) >>> 0
      const next = sfc32(seed)
      const dataDir = join(root, `round-${round}`)
      mkdirSync(dataDir, { recursive: true })
      for (const f of [DB_NAME, `${DB_NAME}-wal`, 'session-key']) {
        if (existsSync(join(template, f))) copyFileSync(join(template, f), join(dataDir, f))
      }
      const where = `(seed ${SEED}, round ${round})`

      let server: ServerProcess | undefined = await startServer({ dataDir })
      try {
        const logs: ClientLog[] = ev.raters.map(() => ({ acked: new Map(), pending: null, refused: [] }))
        let killed = false
        const clients = ev.raters.map((_, i) => rater(server!.base, cookies[i]!, ev, `m${i + 1}`, sfc32(seed + i + 1), logs[i]!, () => killed))
        // A random moment while all 16 are writing: once some saves are through (however slow
        // the shared machine is today, at most 10 s), then 0 to 1.2 s more.
        const t0 = Date.now()
        while (logs.reduce((n, l) => n + l.acked.size, 0) < CLIENTS && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 20))
        await new Promise((r) => setTimeout(r, next() % 1200))
        killed = true
        await server.kill9()
        server = undefined
        await Promise.all(clients)

        const acked = logs.reduce((n, l) => n + l.acked.size, 0)
        expect(acked, `no rating was acknowledged before the kill ${where}`).toBeGreaterThan(0)
        expect(logs.flatMap((l) => l.refused), `refused saves ${where}`).toEqual([])

        server = await startServer({ dataDir })
        for (const [i, cookie] of cookies.entries()) {
          // Sessions are server-side and survive the crash too (§7): the same cookie reads back.
          const stored = new Map((await ownRatings(server.base, cookie, ev.id)).map((r) => [`${r.member}/${r.candidate}/${r.criterion}`, r]))
          const log = logs[i]!
          for (const [key, sent] of log.acked) {
            const got = stored.get(key)
            const matches = (s: Sent) => got !== undefined && got.value === s.value && (got.comment ?? null) === s.comment
            const ok = matches(sent) || (log.pending?.key === key && matches(log.pending))
            expect(ok, `${key}: acknowledged ${JSON.stringify(sent)}, stored ${JSON.stringify(got)} ${where}`).toBe(true)
          }
          // Nothing that was never sent may appear.
          for (const key of stored.keys()) {
            expect(log.acked.has(key) || log.pending?.key === key, `${key} stored but never sent ${where}`).toBe(true)
          }
        }
        // The restarted server still takes writes.
        expect((await call(server.base, cookies[0]!, 'PUT', ratingPath(ev.id, 'A', ev.criteria[0]!), { value: 3 })).status).toBe(200)
        await server.stop()
        server = undefined

        const verdict = await withDbFile(join(dataDir, DB_NAME), (db) => verifyAudit(db, ev.id, 'en'))
        expect(verdict.problems, `audit problems ${where}`).toEqual([])
        expect(verdict.ok).toBe(true)
      } finally {
        if (server) await server.kill9()
      }
    }, 90_000)
  }
})
