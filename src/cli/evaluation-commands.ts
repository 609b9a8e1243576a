// Commands on the database: demo, results, audit verify, export (.json or .xlsx), import, backup.
import { writeFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { backup } from '../db/backup.ts'
import { engineOf } from '../db/engine.ts'
import { serializeEvaluation } from '../domain/canonical.ts'
import { createDemoAccounts } from '../demo/demo-accounts.ts'
import { loadDemoEvaluation } from '../demo/load-demo.ts'
import { SYSTEM_ACTOR, type Actor } from '../services/actor.ts'
import { verifyAudit, verifySystemAudit } from '../services/audit-verify.ts'
import { getEvaluation } from '../services/evaluations-service.ts'
import { exportEvaluationFile, importEvaluationFile } from '../services/exchange-service.ts'
import { exportResultsWorkbook } from '../services/exchange-xlsx.ts'
import { getResults, openResults } from '../services/results-service.ts'
import { CliError, evaluationId, readJsonFile, type CliContext } from './context.ts'
import { resultsTable } from './results-table.ts'

const system = (ctx: CliContext): Actor => ({ ...SYSTEM_ACTOR, lang: ctx.lang })

export async function demo(ctx: CliContext): Promise<void> {
  const file = await loadDemoEvaluation(undefined, ctx.lang)
  const db = await ctx.db()
  // The people's accounts first, so the import links every member to one (§8: the demo opens).
  const accounts = await createDemoAccounts(db, file, system(ctx))
  const { id } = await importEvaluationFile(db, file, system(ctx))
  ctx.out(String(id))
  ctx.err(ctx.msg('demoLoaded', { id }))
  if (accounts.password) {
    ctx.err(ctx.msg('demoAccounts', { password: accounts.password }))
    for (const a of accounts.created) ctx.err(ctx.msg('demoAccount', a))
  }
  if (accounts.kept.length) ctx.err(ctx.msg('demoAccountsKept', { usernames: accounts.kept.map((a) => a.username).join(', ') }))
}

export async function results(ctx: CliContext, idText: string | undefined): Promise<void> {
  const id = evaluationId(ctx, idText)
  const db = await ctx.db()
  const details = await getEvaluation(db, system(ctx), id)
  // The machine itself is never blind.
  const view = openResults(await getResults(db, system(ctx), id))
  ctx.out(resultsTable({ title: details.title, status: details.status, criteria: details.criteria, candidates: details.candidates, results: view.results }, ctx.lang))
}

/** `audit verify <id>`: an evaluation's chain replayed against its tables; `--system`: users and catalogs. */
export async function auditVerify(ctx: CliContext, idText: string | undefined, system = false): Promise<void> {
  const v = system ? await verifySystemAudit(await ctx.db(), ctx.lang) : await verifyAudit(await ctx.db(), evaluationId(ctx, idText), ctx.lang)
  if (!v.ok) throw new CliError([ctx.msg('auditBroken', { entries: v.entries }), ...v.problems.map((p) => `  - ${p}`)].join('\n'))
  ctx.out(ctx.msg(system ? 'auditSystemOk' : 'auditOk', { entries: v.entries }))
}

/** `export <id> --out file.json|file.xlsx`: the extension decides — §9 file or results workbook. */
export async function exportCommand(ctx: CliContext, idText: string | undefined, out: string | undefined): Promise<void> {
  const id = evaluationId(ctx, idText)
  if (out === undefined) throw new CliError(ctx.msg('missingArgument', { what: '--out' }), 2)
  const ext = extname(out).toLowerCase()
  if (ext !== '.json' && ext !== '.xlsx') throw new CliError(ctx.msg('exportExtension', { file: out }), 2)
  const db = await ctx.db()
  const bytes = ext === '.xlsx'
    ? await exportResultsWorkbook(db, system(ctx), id, { lang: ctx.lang })
    : serializeEvaluation(await exportEvaluationFile(db, id))
  await writeFile(out, bytes)
  ctx.out(ctx.msg('exported', { file: resolve(out) }))
}

export async function importCommand(ctx: CliContext, file: string | undefined): Promise<void> {
  if (file === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'tệp đánh giá' : 'the evaluation file' }), 2)
  const data = await readJsonFile(ctx, file)
  const { id } = await importEvaluationFile(await ctx.db(), data, system(ctx))
  ctx.out(String(id))
  ctx.err(ctx.msg('imported', { id }))
}

export async function backupCommand(ctx: CliContext, file: string | undefined): Promise<void> {
  if (file === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'tệp sao lưu' : 'the backup file' }), 2)
  const db = await ctx.db()
  // §15: PostgreSQL is backed up with its own tools; say how, and back nothing up.
  if (engineOf(db) === 'postgres') throw new CliError(ctx.msg('backupPostgres'))
  const { totalPages } = await backup(db, file)
  ctx.out(ctx.msg('backedUp', { file: resolve(file), pages: totalPages }))
}
