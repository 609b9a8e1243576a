// What every command gets: the language, output streams, and the database opened on first use
// (created and migrated in DATA_DIR), closed at the end.
import { readFile } from 'node:fs/promises'
import { databaseTarget, loadConfig, type Config } from '../config.ts'
import { closeDb, openDb } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import type { Lang } from '../domain/messages.ts'
import { cliMessage, type CliMessageKey } from './messages.ts'

/** A failure to report in a line or more and exit with `code` (1 by default). */
export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

export interface CliContext {
  readonly lang: Lang
  readonly config: Config
  out(line: string): void
  err(line: string): void
  msg(key: CliMessageKey, params?: Record<string, string | number>): string
  db(): Promise<Db>
  close(): Promise<void>
}

export function createContext(lang: Lang): CliContext {
  let opened: Promise<Db> | undefined
  let config: Config | undefined
  const ctx: CliContext = {
    lang,
    get config() {
      config ??= loadConfig()
      return config
    },
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    msg: (key, params) => cliMessage(lang, key, params),
    db: () => (opened ??= openDb(databaseTarget(ctx.config))),
    async close() {
      // A database that failed to open was reported already; there is nothing to close.
      const db = opened && (await opened.catch(() => undefined))
      if (db) await closeDb(db)
    },
  }
  return ctx
}

/** Reads and parses a JSON file; errors name the file. */
export async function readJsonFile(ctx: CliContext, file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new CliError(ctx.msg('unreadable', { file, detail: (err as NodeJS.ErrnoException).code ?? String(err) }))
  }
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new CliError(ctx.msg('badJson', { file, detail: (err as Error).message }))
  }
}

export function evaluationId(ctx: CliContext, text: string | undefined): number {
  if (text === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'mã cuộc đánh giá' : 'the evaluation id' }), 2)
  const id = Number(text)
  if (!Number.isInteger(id) || id <= 0) throw new CliError(ctx.msg('badId', { id: text }), 2)
  return id
}
