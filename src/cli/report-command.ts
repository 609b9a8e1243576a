// `report <id or evaluation.json> --out file.pdf [--lang vi|en]`: the §6 report;
// `report --blank <id or evaluation.json> --out file.pdf`: blank score sheets (§6);
// `hash <id or evaluation.json>`: the data hash (and, for an id, the audit head) as the report prints them.
// A number names an evaluation in the database; anything else is an evaluation file (§9), so the CLI
// and the server print the same thing from the same data.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CatalogRegistry } from '../catalogs/catalog-registry.ts'
import { findEvaluationHead } from '../db/evaluation-repository.ts'
import { evaluationHash } from '../domain/canonical.ts'
import type { Catalog } from '../domain/catalog.ts'
import { parseEvaluationFile, type EvaluationFile } from '../domain/evaluation-file.ts'
import { issueToString } from '../domain/issues.ts'
import { renderBlankSheets, renderReport } from '../report/render-report.ts'
import { loadStoredCatalogs } from '../services/catalog-service.ts'
import { exportEvaluationFile } from '../services/exchange-service.ts'
import { CliError, evaluationId, readJsonFile, type CliContext } from './context.ts'

interface Source {
  readonly file: EvaluationFile
  /** The audit chain head, for an evaluation in the database. */
  readonly auditHead?: string
}

const isId = (source: string) => /^\d+$/.test(source)

function requireSource(ctx: CliContext, source: string | undefined): string {
  if (source === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'mã cuộc đánh giá hoặc tệp .json' : 'an evaluation id or .json file' }), 2)
  return source
}

async function load(ctx: CliContext, source: string): Promise<Source> {
  if (!isId(source)) return { file: await fromFile(ctx, source) }
  const db = await ctx.db()
  const id = evaluationId(ctx, source)
  const file = await exportEvaluationFile(db, id)
  const head = (await findEvaluationHead(db, id))?.auditHead
  return head ? { file, auditHead: head } : { file }
}

/** The catalog the criteria came from: the shipped files, and for an id the catalogs stored in the database. */
async function sourceCatalog(ctx: CliContext, file: EvaluationFile, fromDb: boolean): Promise<Catalog | undefined> {
  const ref = file.evaluation.catalog
  if (!ref) return undefined
  try {
    const registry = await CatalogRegistry.fromDir(ctx.config.criteriaDir, ctx.lang)
    if (fromDb) await loadStoredCatalogs(await ctx.db(), registry, ctx.lang)
    return registry.get(ref.id, ref.version)
  } catch {
    return undefined // no registry at hand: the report then names the version and lists no changes
  }
}

export async function reportCommand(ctx: CliContext, source: string | undefined, out: string | undefined, opts: { blank?: boolean } = {}): Promise<void> {
  const from = requireSource(ctx, source)
  if (out === undefined) throw new CliError(ctx.msg('missingArgument', { what: '--out' }), 2)
  const { file, auditHead } = await load(ctx, from)
  const pdf = opts.blank
    ? await renderBlankSheets({ ...file, ratings: [] }, { lang: ctx.lang })
    : await renderReport(file, { lang: ctx.lang, auditHead, catalog: await sourceCatalog(ctx, file, isId(from)) })
  await writeFile(out, pdf)
  ctx.out(ctx.msg('exported', { file: resolve(out) }))
}

/** Prints the data hash, and for an id the audit head: the same strings the report's last page shows. */
export async function hashCommand(ctx: CliContext, source: string | undefined): Promise<void> {
  const { file, auditHead } = await load(ctx, requireSource(ctx, source))
  ctx.out(ctx.msg('hashLine', { hash: evaluationHash(file) }))
  if (auditHead) ctx.out(ctx.msg('auditHeadLine', { head: auditHead }))
}

async function fromFile(ctx: CliContext, path: string): Promise<EvaluationFile> {
  const parsed = parseEvaluationFile(await readJsonFile(ctx, path), ctx.lang)
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => `${path}: ${issueToString(i)}`).join('\n'))
  return parsed.value
}
