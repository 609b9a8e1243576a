// §10 "saving a rating" and "memory": the real server (child process) under autocannon, 32
// connections, each signed in as its own rater, saving random cells of their own sheets —
// against, in the same run, the floor (a bare fastify route doing one durable SQLite insert per
// commit, WAL + synchronous=FULL), the batched floor (the same inserts coalesced into one commit
// per event-loop turn, as group commit coalesces saves) and a bare fastify JSON route. The server's RSS is sampled during the
// load, then while it renders the large report (5 candidates × 60 criteria × 15 raters), when
// the time another request waits is measured too (§10: answered within 100 ms).
// Run alone: node_modules/.bin/tsx bench/save-rating.ts
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { largeEvaluation } from '../test/fixtures/report/large-evaluation.ts'
import { call, signIn } from './lib/http-client.ts'
import { load, sampleMemory, type LoadResult } from './lib/load.ts'
import { SEED_PASSWORD, importSeeded, raterNames, scoringFile, withDbFile } from './lib/seed.ts'
import { PROJECT_ROOT, memoryOf, startServer } from './lib/server-process.ts'
import { markdownTable, type Row } from './lib/table.ts'

export interface SaveBenchOptions {
  readonly connections?: number
  readonly durationS?: number
  readonly warmupS?: number
  /** Alternating rounds of (JSON, floor, batched floor, ours); medians are reported. */
  readonly rounds?: number
}

const DB_NAME = 'eoffice-eval.sqlite'

/** A cheap deterministic stream for the request mix (no Math.random: runs compare). */
function counter() {
  let x = 0x2015
  return () => {
    x = (x * 1103515245 + 12345) >>> 0
    return x >>> 8
  }
}

export interface SaveBenchResult {
  rows: Row[]
  json: LoadResult
  floor: LoadResult
  batchedFloor: LoadResult
  save: LoadResult
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** The median run of several (by throughput), with the median p99 across them. */
function medianRun(runs: readonly LoadResult[]): LoadResult {
  const byRps = [...runs].sort((a, b) => a.rps - b.rps)
  const mid = byRps[Math.floor(byRps.length / 2)]!
  const sum = (k: 'total' | 'ok' | 'non2xx' | 'errors') => runs.reduce((n, r) => n + r[k], 0)
  return { ...mid, rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), total: sum('total'), ok: sum('ok'), non2xx: sum('non2xx'), errors: sum('errors') }
}

export async function benchSave(o: SaveBenchOptions = {}): Promise<SaveBenchResult> {
  const connections = o.connections ?? 32
  const durationS = o.durationS ?? 5
  const warmupS = o.warmupS ?? 2
  const rounds = o.rounds ?? 3
  const root = mkdtempSync(join(tmpdir(), 'eoffice-bench-save-'))
  try {
    // — the data: 32 raters in scoring, and the report bench's large evaluation in review —
    const appDir = join(root, 'app')
    const raters = raterNames('bench', connections)
    // The report bench's own large evaluation (bench/report.ts), so (c) and (e) render the same.
    const large = largeEvaluation()
    const reportFile = {
      ...large,
      evaluation: { ...large.evaluation, title: 'Đánh giá lớn — báo cáo', status: 'review' as const },
      members: large.members.map((m, i) => (i === 0 ? { ...m, username: 'bench-report-chair' } : m)),
    }
    const [ev, report] = await withDbFile(join(appDir, DB_NAME), async (db) => [
      await importSeeded(db, scoringFile({ raters, candidates: 2, groups: 2, perGroup: 25, title: 'Thử tải — lưu điểm' })),
      await importSeeded(db, reportFile),
    ] as const)

    // Both servers up at once; the disk of a shared machine drifts by the minute, so the runs
    // alternate (JSON, floor, ours) for `rounds` rounds and each figure is the median.
    const floorDir = join(root, 'floor')
    mkdirSync(floorDir)
    const floorServer = await startServer({ dataDir: floorDir, script: 'bench/lib/floor-server.ts', env: { FLOOR_DB: join(floorDir, 'floor.sqlite') } })
    // The server as `npm start` runs it: built to JavaScript (no TypeScript loader in its RSS).
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' })
    const server = await startServer({ dataDir: appDir, script: 'dist/server.js' })
    const idleRssMb = memoryOf(server.pid)?.rssMb ?? NaN
    try {
      const cookies = await Promise.all(raters.map((u) => signIn(server.base, u, SEED_PASSWORD)))
      const next = counter()
      const cell = () => `${'AB'[next() % 2]}/G${1 + (next() % 2)}.${1 + (next() % 25)}`
      const bare = (prefix: string) => () => ({
        method: 'PUT', path: `${prefix}/${cell()}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: next() % 6 }),
      })
      // One rater per connection, as 32 people at 32 browsers.
      const save = (connection: number) => ({
        method: 'PUT', path: `/api/v1/evaluations/${ev.id}/ratings/${cell()}`,
        headers: { 'content-type': 'application/json', cookie: cookies[connection % cookies.length]! }, body: JSON.stringify({ value: next() % 6 }),
      })
      await load({ url: floorServer.base, connections, durationS: warmupS, request: bare('/json') })
      await load({ url: floorServer.base, connections, durationS: warmupS, request: bare('/insert') })
      await load({ url: floorServer.base, connections, durationS: warmupS, request: bare('/insert-batched') })
      await load({ url: server.base, connections, durationS: warmupS, request: save })
      const runs = { json: [] as LoadResult[], floor: [] as LoadResult[], batched: [] as LoadResult[], ours: [] as LoadResult[] }
      let saveRssMb = 0
      let floorRssMb = 0
      for (let r = 0; r < rounds; r++) {
        runs.json.push(await load({ url: floorServer.base, connections, durationS, request: bare('/json') }))
        const floorMemory = sampleMemory(floorServer.pid)
        runs.floor.push(await load({ url: floorServer.base, connections, durationS, request: bare('/insert') }))
        floorRssMb = Math.max(floorRssMb, floorMemory.stop())
        runs.batched.push(await load({ url: floorServer.base, connections, durationS, request: bare('/insert-batched') }))
        const saveMemory = sampleMemory(server.pid)
        runs.ours.push(await load({ url: server.base, connections, durationS, request: save }))
        saveRssMb = Math.max(saveRssMb, saveMemory.stop())
      }
      const json = medianRun(runs.json)
      const floor = medianRun(runs.floor)
      const batched = medianRun(runs.batched)
      const ours = medianRun(runs.ours)
      const spread = (xs: LoadResult[]) => `${Math.round(Math.min(...xs.map((x) => x.rps)))}–${Math.round(Math.max(...xs.map((x) => x.rps)))}`

      // The large report, while another request is timed every 50 ms.
      const chair = await signIn(server.base, 'bench-report-chair', SEED_PASSWORD)
      const reportMemory = sampleMemory(server.pid, 25)
      let rendering = true
      let worstWaitMs = 0
      const prober = (async () => {
        while (rendering) {
          const t0 = performance.now()
          await call(server.base, chair, 'GET', '/auth/me')
          worstWaitMs = Math.max(worstWaitMs, performance.now() - t0)
          await new Promise((r) => setTimeout(r, 50))
        }
      })()
      const t0 = performance.now()
      const pdf = await fetch(`${server.base}/api/v1/evaluations/${report.id}/report.pdf?lang=vi`, { headers: { cookie: chair }, signal: AbortSignal.timeout(300_000) })
      const bytes = (await pdf.arrayBuffer()).byteLength
      const reportMs = performance.now() - t0
      rendering = false
      await prober
      const reportRssMb = reportMemory.stop()
      const hwm = memoryOf(server.pid)?.peakMb ?? NaN
      if (pdf.status !== 200) throw new Error(`large report: ${pdf.status}`)

      const p99Target = 25
      const rows: Row[] = [
        { name: `(a) bare fastify JSON route, ${connections} connections (median of ${rounds} runs: ${spread(runs.json)} req/s)`, value: json.rps, unit: 'req/s', target: 'information' },
        { name: `(a) floor: bare fastify route + one durable SQLite insert, WAL, synchronous=FULL (runs: ${spread(runs.floor)} req/s)`, value: floor.rps, unit: 'req/s', target: 'information' },
        { name: `(a) floor p99 latency`, value: floor.p99, unit: 'ms', target: 'information' },
        { name: `(a) batched floor: the same inserts coalesced, one transaction per event-loop turn (runs: ${spread(runs.batched)} req/s)`, value: batched.rps, unit: 'req/s', baseline: floor.rps, ratio: batched.rps / floor.rps, ratioLabel: '× floor', target: 'information (what batching buys)' },
        { name: `(a) save a rating (session, validation, group commit, audit), ${connections} connections, throughput vs floor (runs: ${spread(runs.ours)} req/s)`, value: ours.rps, unit: 'req/s', baseline: floor.rps, ratio: ours.rps / floor.rps, ratioLabel: '× floor', target: '≥ 1.0 × floor (§10)', met: ours.rps / floor.rps >= 1 },
        { name: '(a) save a rating, throughput vs batched floor', value: ours.rps, unit: 'req/s', baseline: batched.rps, ratio: ours.rps / batched.rps, ratioLabel: '× batched floor', target: 'information' },
        { name: '(a) save a rating, throughput vs bare JSON route', value: ours.rps, unit: 'req/s', baseline: json.rps, ratio: ours.rps / json.rps, ratioLabel: '× JSON', target: '≥ 0.5 × JSON (issue; information)', met: ours.rps / json.rps >= 0.5 },
        { name: '(a) save a rating, p99 latency vs floor p99', value: ours.p99, unit: 'ms', baseline: floor.p99, ratio: ours.p99 / Math.max(floor.p99, 1), ratioLabel: '× floor', target: `≤ ${p99Target} ms (§10)`, met: ours.p99 <= p99Target },
        { name: '(a) save a rating, p99 latency vs bare JSON p99', value: ours.p99, unit: 'ms', baseline: json.p99, ratio: ours.p99 / Math.max(json.p99, 1), ratioLabel: '× JSON', target: '≤ 20 ms (issue; information)', met: ours.p99 <= 20 },
        { name: `(a) saves answered 2xx / all (errors, non-2xx)`, value: ours.ok, unit: `of ${ours.total} (${ours.errors} errors, ${ours.non2xx} non-2xx)`, target: 'all 2xx', met: ours.errors === 0 && ours.non2xx === 0 },
        { name: '(e) server peak RSS during the save load', value: saveRssMb, unit: 'MB', baseline: floorRssMb, ratio: saveRssMb / floorRssMb, ratioLabel: '× floor server', target: '≤ 200 MB (§10)', met: saveRssMb <= 200 },
        { name: '(e) server RSS just after start, before any request (node + app, built)', value: idleRssMb, unit: 'MB', target: 'information' },
        { name: `(e) large report over HTTP (5 candidates × 60 criteria × 15 raters, ${(bytes / 1024).toFixed(0)} KB PDF): time`, value: reportMs, unit: 'ms', target: 'information' },
        { name: '(e) server peak RSS while rendering the large report', value: reportRssMb, unit: 'MB', target: '≤ 600 MB (§10)', met: reportRssMb <= 600 },
        { name: '(e) slowest other request answered during that render', value: worstWaitMs, unit: 'ms', target: '≤ 100 ms (§10)', met: worstWaitMs <= 100 },
        { name: '(e) server peak RSS over its whole life (VmHWM)', value: hwm, unit: 'MB', target: 'information' },
      ]
      return { rows, json, floor, batchedFloor: batched, save: ours }
    } finally {
      await server.stop()
      await floorServer.stop()
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationS = Number(process.env.BENCH_DURATION ?? 5)
  void benchSave({ durationS }).then((r) => console.log(markdownTable(r.rows)))
}
