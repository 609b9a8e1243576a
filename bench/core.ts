// Benchmark of the pure domain core (§3): computeResults on a large evaluation, 10 candidates ×
// 200 criteria (8 groups) × 30 raters = 60 000 ratings, without and with Monte Carlo (10 000 draws).
// Run: node_modules/.bin/tsx bench/core.ts
import { pathToFileURL } from 'node:url'
import type { CriterionNode } from '../src/domain/criteria.ts'
import type { EvaluationFile, Rating } from '../src/domain/evaluation-file.ts'
import { sfc32 } from '../src/domain/prng.ts'
import { computeResults } from '../src/domain/scoring.ts'
import type { Row } from './lib/table.ts'

/** One row of the bench table (bench/lib/table.ts). */
export type BenchRow = Row

/** The same large evaluation every time (seeded), with realistic spread between candidates. */
export function largeEvaluation(candidates = 10, criteria = 200, groups = 8, raters = 30): EvaluationFile {
  const word = sfc32(20150403)
  const level = (bias: number) => Math.max(0, Math.min(5, Math.round(bias + ((word() % 1000) / 1000) * 3 - 1.5)))
  const tree: CriterionNode[] = Array.from({ length: groups }, (_, g) => ({
    id: `G${g + 1}`,
    title: { vi: `Nhóm tiêu chí ${g + 1}`, en: `Group ${g + 1}` },
    weight: 5 + (word() % 20),
    ...(g % 3 === 0 ? { threshold: 40 } : {}),
    children: Array.from({ length: Math.ceil(criteria / groups) }, (_, i) => ({
      id: `G${g + 1}.${i + 1}`,
      title: { vi: `Tiêu chí ${g + 1}.${i + 1}`, en: `Criterion ${g + 1}.${i + 1}` },
      weight: 1 + (word() % 5),
    })),
  }))
  const leafIds = tree.flatMap((g) => (g.children ?? []).map((c) => c.id)).slice(0, criteria)
  const ratings: Rating[] = []
  for (let m = 0; m < raters; m++) {
    for (let p = 0; p < candidates; p++) {
      const bias = 2 + (p % 4) * 0.4
      for (const criterion of leafIds) ratings.push({ member: `m${m + 1}`, candidate: `P${p + 1}`, criterion, value: level(bias) })
    }
  }
  return {
    format: 'eoffice-eval/evaluation@1',
    evaluation: { title: 'Đánh giá quy mô lớn', threshold: 50, monteCarlo: { draws: 10_000, concentration: 100, seed: 2015 } },
    scale: { min: 0, max: 5, levels: [] },
    criteria: tree,
    candidates: Array.from({ length: candidates }, (_, p) => ({ id: `P${p + 1}`, name: `Phần mềm ${p + 1}` })),
    members: Array.from({ length: raters }, (_, m) => ({ id: `m${m + 1}`, name: `Thành viên ${m + 1}`, role: m === 0 ? 'chair' as const : 'member' as const })),
    ratings,
  }
}

function medianMs(run: () => void, warmup: number, runs: number): number {
  for (let i = 0; i < warmup; i++) run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    run()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] as number
}

export async function benchCore(): Promise<BenchRow[]> {
  const file = largeEvaluation()
  const without = medianMs(() => computeResults(file, { monteCarlo: false }), 5, 15)
  const withMc = medianMs(() => computeResults(file), 3, 9)
  return [
    { name: `computeResults, ${file.ratings.length} ratings, no Monte Carlo`, value: without, unit: 'ms', target: '< 50 ms' },
    { name: 'computeResults with Monte Carlo (10 000 draws)', value: withMc, unit: 'ms', target: '< 1000 ms' },
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void benchCore().then((rows) => {
    console.log('| benchmark | value | target |\n| --- | ---: | --- |')
    for (const r of rows) console.log(`| ${r.name} | ${r.value.toFixed(1)} ${r.unit} | ${r.target ?? ''} |`)
  })
}
