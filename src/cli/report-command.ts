// `report <id or evaluation.json> --out file.pdf [--lang vi|en]`: the §6 report. A number names an
// evaluation in the database; anything else is an evaluation file (§9), so the CLI and the server
// print the same thing from the same data.
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseEvaluationFile, type EvaluationFile } from '../domain/evaluation-file.ts'
import { issueToString } from '../domain/issues.ts'
import { renderReport } from '../report/render-report.ts'
import { exportEvaluationFile } from '../services/exchange-service.ts'
import { CliError, evaluationId, readJsonFile, type CliContext } from './context.ts'

export async function reportCommand(ctx: CliContext, source: string | undefined, out: string | undefined): Promise<void> {
  if (source === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'mã cuộc đánh giá hoặc tệp .json' : 'an evaluation id or .json file' }), 2)
  if (out === undefined) throw new CliError(ctx.msg('missingArgument', { what: '--out' }), 2)
  const file = /^\d+$/.test(source) ? await fromDatabase(ctx, source) : await fromFile(ctx, source)
  const pdf = await renderReport(file, { lang: ctx.lang })
  await writeFile(out, pdf)
  ctx.out(ctx.msg('exported', { file: resolve(out) }))
}

async function fromDatabase(ctx: CliContext, idText: string): Promise<EvaluationFile> {
  return exportEvaluationFile(await ctx.db(), evaluationId(ctx, idText))
}

async function fromFile(ctx: CliContext, path: string): Promise<EvaluationFile> {
  const parsed = parseEvaluationFile(await readJsonFile(ctx, path), ctx.lang)
  if (!parsed.ok) throw new CliError(parsed.issues.map((i) => `${path}: ${issueToString(i)}`).join('\n'))
  return parsed.value
}
