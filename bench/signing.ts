// Benchmark of the signed report (§14): finalizing the demo (review → finalized: audit check,
// both reports rendered and archived, the move committed) with SIGNING_P12 against the same
// finalize without it, in one run. Target: signing adds ≤ 20 % (ratio ≤ 1.2×). Each finalize
// is a fresh import of the demo into one database with its own REPORTS_DIR (nothing cached);
// the two kinds alternate, 5 rounds each after a warm-up, medians of CPU time.
// Run: node_modules/.bin/tsx bench/signing.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { closeDb, openDb } from '../src/db/create-db.ts'
import { findUserByUsername } from '../src/db/user-repository.ts'
import { createDemoAccounts } from '../src/demo/demo-accounts.ts'
import { loadDemoEvaluation } from '../src/demo/load-demo.ts'
import { computeResults } from '../src/domain/scoring.ts'
import { closeRenderPool } from '../src/report/render-pool.ts'
import { SYSTEM_ACTOR, actorOf, importEvaluationFile, transition } from '../src/services/index.ts'
import { loadSigningIdentity, type SigningIdentity } from '../src/signing/signing-config.ts'
import { makePki } from '../test/signing/pki.ts'
import type { Row } from './lib/table.ts'

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export async function benchSigning(rounds = 5): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-signing-'))
  const pki = makePki()
  const db = await openDb(join(dir, 'bench.sqlite'))
  try {
    const identity = loadSigningIdentity(pki.p12, pki.password)
    const demo = await loadDemoEvaluation()
    // The chair's proposal is the computed recommendation (§2), so finalizing needs no deviation.
    const file = { ...demo, report: { ...demo.report, proposal: computeResults(demo).recommended ?? 'none' } }
    await createDemoAccounts(db, file, SYSTEM_ACTOR, 'bench-password-1')
    const chairName = file.members.find((m) => m.role === 'chair')?.username
    const chairUser = chairName ? await findUserByUsername(db, chairName) : undefined
    if (!chairUser) throw new Error('the demo chair has no account')
    const chair = actorOf(chairUser)
    let n = 0
    // CPU time of the whole process (the render worker's thread included): on a shared 2-core
    // machine wall time swings by ±50 % from run to run, CPU time barely moves.
    const finalize = async (signing: SigningIdentity | undefined): Promise<{ cpu: number; wall: number }> => {
      const { id } = await importEvaluationFile(db, file, SYSTEM_ACTOR)
      const reportsDir = join(dir, `reports-${n++}`)
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      await transition(db, chair, id, { to: 'finalized' }, { reportsDir, signing })
      const c = process.cpuUsage(c0)
      return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 }
    }
    await finalize(undefined) // warm-up: worker, fonts, JIT
    await finalize(identity)
    const plain: { cpu: number; wall: number }[] = []
    const signed: { cpu: number; wall: number }[] = []
    for (let i = 0; i < rounds; i++) {
      plain.push(await finalize(undefined))
      signed.push(await finalize(identity))
    }
    const p = median(plain.map((x) => x.cpu))
    const s = median(signed.map((x) => x.cpu))
    const pw = median(plain.map((x) => x.wall))
    const sw = median(signed.map((x) => x.wall))
    const runs = (xs: { cpu: number }[]) => xs.map((x) => x.cpu.toFixed(0)).join(', ')
    return [
      {
        name: `finalize the demo with SIGNING_P12 (both reports signed, visible appearance) vs without, CPU time (runs: ${runs(signed)} / ${runs(plain)} ms)`,
        value: s, unit: 'ms', baseline: p, ratio: s / p, ratioLabel: '× unsigned', target: '≤ 1.2 × (issue #12)', met: s / p <= 1.2,
      },
      { name: 'the same, wall time (shared machine)', value: sw, unit: 'ms', baseline: pw, ratio: sw / pw, ratioLabel: '× unsigned', target: 'information' },
    ]
  } finally {
    await closeRenderPool()
    await closeDb(db)
    rmSync(dir, { recursive: true, force: true })
    rmSync(pki.dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchSigning().then((rows) => {
    for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit}${r.ratio === undefined ? '' : ` (${r.ratio.toFixed(2)} ${r.ratioLabel})`}`)
    process.exit(0)
  }, (err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
