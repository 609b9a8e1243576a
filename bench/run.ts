// `npm run bench`: every benchmark of §10, one after another, then one markdown table of figures
// and ratios against baselines measured in this same run (the machine is shared and noisy, so
// absolute numbers mean little; ratios do). Never part of `npm test`.
//   (a) saving a rating vs the floor (bare fastify + one durable SQLite insert) and a bare JSON
//       route, autocannon, 32 connections: throughput ratio and p99   — bench/save-rating.ts
//   (b) the results page, 10 × 200 × 30, vs the same template from precomputed numbers, warm
//       and right after a rating changed                               — bench/results-page.ts
//   (c) the report vs pdfmake rendering a plain document of the same tables — bench/report.ts
//   (d) the scoring core on 60 000 ratings with and without Monte Carlo — bench/core.ts
//   (e) server RSS during (a) and while it renders the large report    — bench/save-rating.ts
//   (f) finalizing the demo with SIGNING_P12 vs without (§14, ≤ 1.2×)   — bench/signing.ts
//   (g) saving a rating on PostgreSQL, one and two app servers, vs a bare PostgreSQL insert
//       floor (synchronous_commit=on), 32 connections (§15)             — bench/save-postgres.ts
// Env: BENCH_DURATION (seconds per load run, default 5; three alternating rounds), BENCH_ONLY (e.g. "a,b").
import { cpus, totalmem } from 'node:os'
import { benchCore, type BenchRow } from './core.ts'
import { benchResultsPage } from './results-page.ts'
import { benchSave } from './save-rating.ts'
import { markdownTable, type Row } from './lib/table.ts'

/** Rows of the other engineers' benches (core, report) in this table's shape. */
function adopt(prefix: string, rows: readonly BenchRow[]): Row[] {
  return rows.map((r) => {
    const m = /([≤<])\s*([\d.]+)\s*(×|ms|MB)/.exec(r.target ?? '')
    let met: boolean | undefined
    if (m) {
      const limit = Number(m[2])
      const figure = m[3] === '×' ? r.ratio : r.value
      if (figure !== undefined) met = m[1] === '<' ? figure < limit : figure <= limit
    }
    return {
      name: `${prefix} ${r.name}`, value: r.value, unit: r.unit,
      ...(r.baseline === undefined ? {} : { baseline: r.baseline }),
      ...(r.ratio === undefined ? {} : { ratio: r.ratio, ratioLabel: '×' }),
      ...(r.target === undefined ? {} : { target: r.target }),
      ...(met === undefined ? {} : { met }),
    }
  })
}

async function section(name: string, run: () => Promise<Row[]>): Promise<Row[]> {
  const t0 = performance.now()
  process.stderr.write(`— ${name}…\n`)
  try {
    const rows = await run()
    process.stderr.write(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`)
    return rows
  } catch (err) {
    process.stderr.write(`  FAILED: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
    return [{ name: `${name}: failed — ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, value: NaN, unit: '', met: false }]
  }
}

async function main(): Promise<void> {
  const durationS = Number(process.env.BENCH_DURATION ?? 5)
  const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d,f,g').split(',').map((s) => s.trim()))
  const started = new Date()
  const rows: Row[] = []
  // The load bench first, while this process is small and nothing else of ours runs.
  if (only.has('a') || only.has('e')) rows.push(...await section('(a)+(e) save a rating, server memory', async () => (await benchSave({ durationS })).rows))
  if (only.has('b')) rows.push(...await section('(b) results page', () => benchResultsPage()))
  if (only.has('c')) {
    rows.push(...await section('(c) report', async () => {
      const { benchReport } = await import('./report.ts')
      return adopt('(c)', await benchReport())
    }))
  }
  if (only.has('d')) rows.push(...await section('(d) scoring core', async () => adopt('(d)', await benchCore())))
  if (only.has('f')) {
    rows.push(...await section('(f) signed report', async () => {
      const { benchSigning } = await import('./signing.ts')
      return (await benchSigning()).map((r) => ({ ...r, name: `(f) ${r.name}` }))
    }))
  }

  if (only.has('g')) {
    rows.push(...await section('(g) save a rating on PostgreSQL', async () => {
      const { benchSavePostgres } = await import('./save-postgres.ts')
      return benchSavePostgres({ durationS })
    }))
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  console.log(`## Benchmarks — ${started.toISOString()}\n`)
  console.log(`Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}; load runs ${durationS} s each, 3 alternating rounds (JSON, floor, ours), medians, 32 connections.\n`)
  console.log(markdownTable(rows))
  const missed = rows.filter((r) => r.met === false)
  console.log(`\n${missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.length} (rows marked **no**).`}`)
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err)
  process.exit(1)
})
