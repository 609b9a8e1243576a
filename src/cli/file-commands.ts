// Commands on files alone (no database): catalog validate, compute, ahp.
import { validateCatalogFiles } from '../catalogs/validate-catalogs.ts'
import { ahp } from '../domain/ahp.ts'
import { AhpInput } from '../domain/criteria.ts'
import { parseEvaluationFile } from '../domain/evaluation-file.ts'
import { issueToString, zodIssues, zodParseOptions, ValidationError } from '../domain/issues.ts'
import { computeResults } from '../domain/scoring.ts'
import { CliError, readJsonFile, type CliContext } from './context.ts'

const need = (ctx: CliContext, value: string | undefined, what: { vi: string; en: string }): string => {
  if (value === undefined) throw new CliError(ctx.msg('missingArgument', { what: what[ctx.lang] }), 2)
  return value
}

export async function catalogValidate(ctx: CliContext, files: string[]): Promise<void> {
  if (files.length === 0) need(ctx, undefined, { vi: 'tệp bộ tiêu chí', en: 'catalog files' })
  const report = await validateCatalogFiles(files, ctx.lang)
  if (!report.ok) throw new CliError(report.lines.join('\n'))
  for (const line of report.lines) ctx.out(line)
}

/** Results of an evaluation file; a bad file → every problem, named by its path in the file. */
export async function compute(ctx: CliContext, fileArg: string | undefined): Promise<void> {
  const file = need(ctx, fileArg, { vi: 'tệp đánh giá (.json)', en: 'the evaluation file (.json)' })
  const parsed = parseEvaluationFile(await readJsonFile(ctx, file), ctx.lang)
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => `${file}: ${issueToString(i)}`).join('\n'))
  ctx.out(JSON.stringify(computeResults(parsed.value), null, 2))
}

export async function ahpCommand(ctx: CliContext, fileArg: string | undefined): Promise<void> {
  const file = need(ctx, fileArg, { vi: 'tệp ma trận (.json)', en: 'the matrix file (.json)' })
  const shaped = AhpInput.safeParse(await readJsonFile(ctx, file), zodParseOptions(ctx.lang))
  if (!shaped.success) throw new CliError(zodIssues(shaped.error).map((i) => `${file}: ${issueToString(i)}`).join('\n'))
  try {
    const r = ahp(shaped.data.matrix, ctx.lang)
    ctx.out(JSON.stringify({ weights: r.weights, lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr, riTable: r.riTable, consistent: r.consistent }, null, 2))
  } catch (err) {
    if (err instanceof ValidationError) throw new CliError(err.issues.map((i) => `${file}: ${issueToString(i)}`).join('\n'))
    throw err
  }
}
