// Benchmark of the §6 report (§10): our report against pdfmake rendering a plain document with
// the same tables (same fonts and styles; no heading block, charts, watermark or page
// furniture), in one run, for the demo and for a large evaluation (5 candidates × 60 criteria ×
// 15 raters = 75 score sheets). Target: ≤ 1.5×. Also prints peak RSS (target ≤ 600 MB) and the
// end-to-end time through the worker (results with Monte Carlo, hash, layout, bytes).
// Run: node_modules/.bin/tsx bench/report.ts
import { pathToFileURL } from 'node:url'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { loadDemoEvaluation } from '../src/demo/load-demo.ts'
import { evaluationHash } from '../src/domain/canonical.ts'
import type { EvaluationFile } from '../src/domain/evaluation-file.ts'
import { computeResults } from '../src/domain/scoring.ts'
import { buildReportDefinition } from '../src/report/report-definition.ts'
import { DEFAULT_STYLE, PAGE_MARGINS, STYLES } from '../src/report/report-layout.ts'
import { renderPdf } from '../src/report/render-pdf.ts'
import { closeRenderPool } from '../src/report/render-pool.ts'
import { renderReport } from '../src/report/render-report.ts'
import { largeEvaluation } from '../test/fixtures/report/large-evaluation.ts'
import type { Row } from './lib/table.ts'

/** One row of the bench table (bench/lib/table.ts). */
export type BenchRow = Row

const DATE = new Date('2015-05-28T00:00:00Z')

/** Every table of a definition, in document order (tables nested in stacks and columns too). */
function tablesOf(x: unknown, out: Content[] = []): Content[] {
  if (Array.isArray(x)) for (const y of x) tablesOf(y, out)
  else if (x && typeof x === 'object') {
    const node = x as Record<string, unknown>
    if (node.table) out.push({ table: node.table, margin: [0, 2, 0, 8] } as Content)
    else for (const v of Object.values(node)) tablesOf(v, out)
  }
  return out
}

/** The baseline: the same tables in a plain pdfmake document, same fonts and named styles. */
function plainDocument(definition: TDocumentDefinitions): TDocumentDefinitions {
  return { pageSize: 'A4', pageMargins: PAGE_MARGINS, content: tablesOf(definition.content), styles: STYLES, defaultStyle: DEFAULT_STYLE }
}

async function ms(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await run()
  return performance.now() - t0
}

/**
 * CPU time (user + system) of this process while `run` runs, in ms. On a shared 2-core machine
 * other processes stretch wall time by ±50 % from run to run; CPU time barely moves, so the
 * ratios are taken on it (wall times are printed beside them).
 */
async function cpuMs(run: () => Promise<unknown>): Promise<{ cpu: number; wall: number }> {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  await run()
  const c = process.cpuUsage(c0)
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/**
 * Ours (definition built and rendered; results computed beforehand) vs the plain document,
 * interleaved. pdfmake annotates the nodes it lays out, so each run gets a fresh definition;
 * the baseline's is prepared outside its timing.
 */
async function compare(name: string, file: EvaluationFile, runs: number): Promise<BenchRow[]> {
  const results = computeResults(file)
  const hash = evaluationHash(file)
  const ours = () => renderPdf(buildReportDefinition(file, results, { lang: 'vi', hash }), DATE)
  const plain = () => plainDocument(buildReportDefinition(file, results, { lang: 'vi', hash }))
  await ours()
  await renderPdf(plain(), DATE)
  const a: { cpu: number; wall: number }[] = []
  const b: { cpu: number; wall: number }[] = []
  for (let i = 0; i < runs; i++) {
    a.push(await cpuMs(ours))
    const doc = plain()
    b.push(await cpuMs(() => renderPdf(doc, DATE)))
  }
  const value = median(a.map((x) => x.cpu))
  const base = median(b.map((x) => x.cpu))
  return [
    { name: `${name}, CPU time`, value, unit: 'ms', baseline: base, ratio: value / base, target: '≤ 1.5×' },
    { name: `${name}, wall time (shared machine)`, value: median(a.map((x) => x.wall)), unit: 'ms', baseline: median(b.map((x) => x.wall)), ratio: median(a.map((x) => x.wall)) / median(b.map((x) => x.wall)) },
  ]
}

export async function benchReport(opts: { runs?: number } = {}): Promise<BenchRow[]> {
  const runs = opts.runs ?? 5
  const demo = await loadDemoEvaluation()
  const large = largeEvaluation()
  const rows: BenchRow[] = []
  // First, as the server does it: the worker renders the large report while this thread idles.
  // The process's peak RSS right after it is the figure §10 bounds (≤ 600 MB while rendering).
  try {
    const value = await ms(() => renderReport(large, { lang: 'vi', creationDate: DATE }))
    rows.push({ name: 'report, 5 × 60 × 15 via the worker, end to end (results with Monte Carlo)', value, unit: 'ms' })
    rows.push({ name: 'peak RSS of the process rendering it (main thread + worker)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB', target: 'information (holds both renders; the §10 figure is the server, row e)' })
  } finally {
    await closeRenderPool()
  }
  rows.push(...(await compare('report, demo (vi) vs plain tables', demo, runs)))
  rows.push(...(await compare('report, 5 × 60 × 15 (75 sheets) vs plain tables', large, Math.max(1, Math.ceil(runs / 2)))))
  return rows
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchReport().then((rows) => {
    console.log('| benchmark | value | baseline | ratio | target |\n| --- | ---: | ---: | ---: | --- |')
    for (const r of rows) {
      const base = r.baseline === undefined ? '' : `${r.baseline.toFixed(0)} ${r.unit}`
      const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`
      console.log(`| ${r.name} | ${r.value.toFixed(0)} ${r.unit} | ${base} | ${ratio} | ${r.target ?? ''} |`)
    }
  })
}
