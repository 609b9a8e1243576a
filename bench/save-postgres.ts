// §15 "save on PostgreSQL": the real server (built, as `npm start` runs it) with DATABASE_URL on
// a throwaway PostgreSQL cluster with the durable defaults (fsync on, synchronous_commit=on),
// 32 connections each signed in as its own rater — with one app server, and with two app
// servers on the same database (16 connections each, run at once, throughputs added) — against
// the floor in the same run: a bare fastify route doing one PostgreSQL insert per request. For
// information, two servers each on its own evaluation (two committees: no head lock shared).
// Alternating rounds (floor, one, two, two apart); medians. Run alone: node_modules/.bin/tsx bench/save-postgres.ts
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import { startCluster } from '../test/pg/cluster.ts'
import { signIn } from './lib/http-client.ts'
import { load, type LoadResult } from './lib/load.ts'
import { SEED_PASSWORD, importSeeded, raterNames, scoringFile, withDbFile } from './lib/seed.ts'
import { PROJECT_ROOT, startServer, type ServerProcess } from './lib/server-process.ts'
import { markdownTable, type Row } from './lib/table.ts'

export interface PgSaveBenchOptions {
  readonly connections?: number
  readonly durationS?: number
  readonly warmupS?: number
  readonly rounds?: number
}

function counter() {
  let x = 0x2015
  return () => {
    x = (x * 1103515245 + 12345) >>> 0
    return x >>> 8
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Two loads at once (one per server): throughputs added, the worse p99, counts added. */
function together(a: LoadResult, b: LoadResult): LoadResult {
  return { rps: a.rps + b.rps, p50: Math.max(a.p50, b.p50), p99: Math.max(a.p99, b.p99), total: a.total + b.total, ok: a.ok + b.ok, non2xx: a.non2xx + b.non2xx, errors: a.errors + b.errors }
}

function medianRun(runs: readonly LoadResult[]): LoadResult {
  const sum = (k: 'total' | 'ok' | 'non2xx' | 'errors') => runs.reduce((n, r) => n + r[k], 0)
  return { ...runs[0]!, rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), total: sum('total'), ok: sum('ok'), non2xx: sum('non2xx'), errors: sum('errors') }
}

export async function benchSavePostgres(o: PgSaveBenchOptions = {}): Promise<Row[]> {
  const connections = o.connections ?? 32
  const durationS = o.durationS ?? 5
  const warmupS = o.warmupS ?? 2
  const rounds = o.rounds ?? 3
  const root = mkdtempSync(join(tmpdir(), 'eoffice-bench-pg-'))
  // The durable defaults: fsync on, synchronous_commit on (a commit waits for its WAL flush).
  const cluster = await startCluster({ settings: { max_connections: '100' } })
  const servers: ServerProcess[] = []
  try {
    const admin = new pg.Client(cluster.url('postgres'))
    await admin.connect()
    await admin.query('create database app')
    await admin.query('create database floor')
    await admin.end()
    const url = cluster.url('app')
    const raters = raterNames('bench', connections)
    const [ev, ev2] = await withDbFile(url, async (db) => [
      await importSeeded(db, scoringFile({ raters, candidates: 2, groups: 2, perGroup: 25, title: 'Thử tải — lưu điểm (PostgreSQL)' })),
      // A second committee's evaluation, for two servers that do not share a head lock.
      await importSeeded(db, scoringFile({ raters, candidates: 2, groups: 2, perGroup: 25, title: 'Thử tải — lưu điểm (PostgreSQL), tổ thứ hai' })),
    ] as const)

    const floorDir = join(root, 'floor')
    mkdirSync(floorDir)
    const floor = await startServer({ dataDir: floorDir, script: 'bench/lib/pg-floor-server.ts', env: { FLOOR_PG_URL: cluster.url('floor') } })
    servers.push(floor)
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' })
    // One DATA_DIR for both app servers: the session key (sessions are in PostgreSQL).
    const appDir = join(root, 'app')
    const env = { DATABASE_URL: url }
    const one = await startServer({ dataDir: appDir, script: 'dist/server.js', env })
    servers.push(one)
    const two = await startServer({ dataDir: appDir, script: 'dist/server.js', env })
    servers.push(two)

    const cookies = await Promise.all(raters.map((u) => signIn(one.base, u, SEED_PASSWORD)))
    const next = counter()
    const cell = () => `${'AB'[next() % 2]}/G${1 + (next() % 2)}.${1 + (next() % 25)}`
    const bare = () => ({ method: 'PUT', path: `/insert/${cell()}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: next() % 6 }) })
    /** Connections numbered from `first`: each its own rater (with two servers, each server its own raters). */
    const save = (first: number, evaluation = ev.id) => (connection: number) => ({
      method: 'PUT', path: `/api/v1/evaluations/${evaluation}/ratings/${cell()}`,
      headers: { 'content-type': 'application/json', cookie: cookies[(first + connection) % cookies.length]! }, body: JSON.stringify({ value: next() % 6 }),
    })
    const half = connections / 2
    /** Both servers at once: on the one evaluation, or (`apart`) each on its own. */
    const both = async (d: number, apart = false) => {
      const [a, b] = await Promise.all([
        load({ url: one.base, connections: half, durationS: d, request: save(0) }),
        load({ url: two.base, connections: half, durationS: d, request: save(half, apart ? ev2.id : ev.id) }),
      ])
      return together(a, b)
    }
    await load({ url: floor.base, connections, durationS: warmupS, request: bare })
    await load({ url: one.base, connections, durationS: warmupS, request: save(0) })
    await both(warmupS)
    await both(warmupS, true)
    const runs = { floor: [] as LoadResult[], one: [] as LoadResult[], two: [] as LoadResult[], apart: [] as LoadResult[] }
    for (let r = 0; r < rounds; r++) {
      runs.floor.push(await load({ url: floor.base, connections, durationS, request: bare }))
      runs.one.push(await load({ url: one.base, connections, durationS, request: save(0) }))
      runs.two.push(await both(durationS))
      runs.apart.push(await both(durationS, true))
    }
    const f = medianRun(runs.floor)
    const a = medianRun(runs.one)
    const b = medianRun(runs.two)
    const c = medianRun(runs.apart)
    const ms = (x: number) => x.toFixed(1)
    const spread = (xs: LoadResult[]) => `${Math.round(Math.min(...xs.map((x) => x.rps)))}–${Math.round(Math.max(...xs.map((x) => x.rps)))}`
    return [
      { name: `(g) PostgreSQL floor: bare fastify route + one insert per request, synchronous_commit=on, ${connections} connections (runs: ${spread(runs.floor)} req/s)`, value: f.rps, unit: 'req/s', target: 'information' },
      { name: `(g) PostgreSQL: save a rating, one app server, ${connections} connections, vs the PostgreSQL floor (runs: ${spread(runs.one)} req/s)`, value: a.rps, unit: 'req/s', baseline: f.rps, ratio: a.rps / f.rps, ratioLabel: '× floor', target: '≥ 0.6 × floor (§10, §15)', met: a.rps / f.rps >= 0.6 },
      { name: `(g) PostgreSQL: save a rating, two app servers on one database, ${half} + ${half} connections, vs the floor (runs: ${spread(runs.two)} req/s)`, value: b.rps, unit: 'req/s', baseline: f.rps, ratio: b.rps / f.rps, ratioLabel: '× floor', target: '≥ 0.6 × floor (§10, §15)', met: b.rps / f.rps >= 0.6 },
      { name: `(g) PostgreSQL: two app servers, each on its own evaluation (two committees at once), ${half} + ${half} connections, vs the floor (runs: ${spread(runs.apart)} req/s)`, value: c.rps, unit: 'req/s', baseline: f.rps, ratio: c.rps / f.rps, ratioLabel: '× floor', target: 'information (no head lock shared)' },
      { name: '(g) PostgreSQL: save p99 latency, one / two app servers / two on two evaluations', value: a.p99, unit: `ms / ${ms(b.p99)} ms / ${ms(c.p99)} ms (floor ${ms(f.p99)} ms)`, target: 'information' },
      { name: '(g) PostgreSQL: saves answered 2xx / all', value: a.ok + b.ok + c.ok, unit: `of ${a.total + b.total + c.total} (${a.errors + b.errors + c.errors} errors, ${a.non2xx + b.non2xx + c.non2xx} non-2xx)`, target: 'all 2xx', met: a.errors + b.errors + c.errors === 0 && a.non2xx + b.non2xx + c.non2xx === 0 },
    ]
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    await cluster.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationS = Number(process.env.BENCH_DURATION ?? 5)
  void benchSavePostgres({ durationS }).then((rows) => console.log(markdownTable(rows)))
}
