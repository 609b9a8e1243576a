// The command line (§8): `npm run cli -- <command>`. Calls the same services as the server.
// Vietnamese by default, `--lang en` for English. Exit 0 on success, 1 on a failure, 2 on misuse.
import { parseArgs } from 'node:util'
import { DatabaseOpenError } from './db/create-db.ts'
import { ValidationError } from './domain/issues.ts'
import type { Lang } from './domain/messages.ts'
import { AppError } from './services/app-error.ts'
import { catalogExport } from './cli/catalog-export-command.ts'
import { CliError, createContext, type CliContext } from './cli/context.ts'
import { ahpCommand, catalogValidate, compute } from './cli/file-commands.ts'
import { auditVerify, backupCommand, demo, exportCommand, importCommand, results } from './cli/evaluation-commands.ts'
import { cliMessage, databaseProblemMessage } from './cli/messages.ts'
import { hashCommand, reportCommand } from './cli/report-command.ts'
import { verifyCommand } from './cli/verify-command.ts'
import { userAdd } from './cli/user-command.ts'

async function run(ctx: CliContext, positionals: string[], values: Record<string, string | boolean | undefined>): Promise<void> {
  const [command, ...args] = positionals
  const sub = `${command ?? ''} ${args[0] ?? ''}`.trim()
  if (command === 'catalog' && args[0] === 'validate') return catalogValidate(ctx, args.slice(1))
  if (command === 'catalog' && args[0] === 'export') {
    return catalogExport(ctx, args[1], { id: values.id as string | undefined, version: values.version as string | undefined, title: values.title as string | undefined, out: values.out as string | undefined })
  }
  if (command === 'compute') return compute(ctx, args[0])
  if (command === 'ahp') return ahpCommand(ctx, args[0])
  if (command === 'user' && args[0] === 'add') {
    return userAdd(ctx, args[1], { admin: values.admin === true, password: values.password as string | undefined, name: values.name as string | undefined })
  }
  if (command === 'demo') return demo(ctx)
  if (command === 'results') return results(ctx, args[0])
  if (command === 'audit' && args[0] === 'verify') return auditVerify(ctx, args[1], values.system === true)
  if (command === 'export') return exportCommand(ctx, args[0], values.out as string | undefined)
  if (command === 'import') return importCommand(ctx, args[0])
  if (command === 'backup') return backupCommand(ctx, args[0])
  if (command === 'report' && args[0] === 'verify') return verifyCommand(ctx, args[1])
  if (command === 'report') return reportCommand(ctx, (values.blank as string | undefined) ?? args[0], values.out as string | undefined, { blank: values.blank !== undefined })
  if (command === 'hash') return hashCommand(ctx, args[0])
  if (command === undefined || command === 'help' || values.help === true) {
    ctx.out(ctx.msg('usage'))
    return
  }
  throw new CliError(`${ctx.msg('unknownCommand', { command: sub })}\n\n${ctx.msg('usage')}`, 2)
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      lang: { type: 'string', default: 'vi' },
      admin: { type: 'boolean' },
      system: { type: 'boolean' },
      password: { type: 'string' },
      name: { type: 'string' },
      out: { type: 'string' },
      blank: { type: 'string' },
      id: { type: 'string' },
      version: { type: 'string' },
      title: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>
  try {
    parsed = parseCommandLine(argv)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${cliMessage('vi', 'usage')}\n`)
    return 2
  }
  const lang: Lang = parsed.values.lang === 'en' ? 'en' : 'vi'
  const ctx = createContext(lang)
  try {
    await run(ctx, parsed.positionals, parsed.values)
    return 0
  } catch (err) {
    if (err instanceof CliError) {
      ctx.err(err.message)
      return err.exitCode
    }
    if (err instanceof AppError) {
      ctx.err(err.localized(lang))
      for (const d of err.details ?? []) ctx.err(d.path ? `  ${d.path}: ${d.message}` : `  ${d.message}`)
      return 1
    }
    if (err instanceof ValidationError) {
      ctx.err(err.message)
      return 1
    }
    if (err instanceof DatabaseOpenError) {
      ctx.err(databaseProblemMessage(lang, err))
      return 1
    }
    throw err
  } finally {
    await ctx.close()
  }
}

process.exitCode = await main(process.argv.slice(2))
