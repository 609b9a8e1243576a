// Opens the database: SQLite with the durability settings of §7 (the default), or PostgreSQL
// when given a `postgres://` URL (§15, DATABASE_URL). The only place that knows the drivers;
// everything else sees a `Kysely<Database>`.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig,
} from 'kysely'
import type pg from 'pg'
import type { Database, Db } from './database.ts'
import { migrateToLatest, unknownMigrations } from './migrate.ts'

export { engineOf, type Engine } from './engine.ts'

const handles = new WeakMap<object, SQLite.Database>()

/** A `postgres://` (or `postgresql://`) URL selects PostgreSQL; anything else is a SQLite file (or `:memory:`). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target)
}

/** Pool size per app server: the group commit uses one connection; pages and reads the others. */
const PG_POOL_SIZE = 10

/**
 * int8 (bigint columns, `count(*)`) comes back from `pg` as text; here as a number, refusing what
 * a double cannot hold exactly (VND amounts are within 10¹⁵, counts far below).
 */
function int8(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} is beyond 2^53`)
  return n
}
function pgTypes(types: typeof pg.types) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === types.builtins.INT8 ? int8 : types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  }
}

function createPostgresDb(url: string): Db {
  // The driver loads with the first connection (kysely asks for the pool then): a server on
  // SQLite never loads it (§10: the server's memory).
  const pool = async () => {
    const { default: driver } = await import('pg')
    const p = new driver.Pool({ connectionString: url, max: PG_POOL_SIZE, types: pgTypes(driver.types), connectionTimeoutMillis: 10_000 })
    // An idle client losing its server (a restart) must not crash the process; the next query reconnects.
    p.on('error', () => undefined)
    return p
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

/** `target`: a SQLite file, `:memory:`, or a `postgres://` URL. Not migrated: see `openDb`. */
export function createDb(target: string): Db {
  if (isPostgresUrl(target)) return createPostgresDb(target)
  return createSqliteDb(target)
}

function createSqliteDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  // FULL: an acknowledged commit survives a power cut, not only a crash of the process.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) })
  handles.set(db, sqlite)
  return db
}

/**
 * Kysely's SQLite driver opens transactions with a plain (deferred) BEGIN. Ours all write, and a
 * deferred one that reads first cannot wait for another process's write lock (SQLITE_BUSY at
 * once, busy_timeout ignored); BEGIN IMMEDIATE takes the lock up front, waiting up to the
 * timeout. The driver's own hook does it, for `transaction()` and `startTransaction()` alike.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew; the hot path (saving a rating) runs the
 * same few statements over and over, so prepared statements are kept, keyed by their SQL text.
 * Safe because the driver runs one statement at a time on the single connection and never
 * leaves one mid-iteration (no streaming queries here).
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let stmt = cache.get(text)
      if (!stmt) {
        // Schema changes (migrations) invalidate nothing here: better-sqlite3 re-prepares itself.
        if (cache.size >= 256) cache.clear()
        stmt = sqlite.prepare(text)
        cache.set(text, stmt)
      }
      return stmt
    },
  }
}

/** Why a database could not be opened (§15, bad configuration): the server and the CLI name it and exit 1. */
export type DatabaseProblem = 'unreachable' | 'authentication' | 'no_database' | 'newer_schema' | 'cannot_open'

export class DatabaseOpenError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    /** The database, a URL's password left out. */
    readonly target: string,
    readonly detail: string,
  ) {
    super(`${problem}: ${target}: ${detail}`)
    this.name = 'DatabaseOpenError'
  }
}

/** A URL without its password, fit for a message. */
export function redactUrl(target: string): string {
  if (!isPostgresUrl(target)) return target
  try {
    const u = new URL(target)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'postgres://…'
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'])
const CANNOT_OPEN = /^(SQLITE_CANTOPEN|SQLITE_NOTADB|SQLITE_READONLY|SQLITE_PERM|EACCES|EPERM|ENOTDIR|EROFS)/

function classify(err: unknown, target: string): DatabaseOpenError | undefined {
  if (err instanceof DatabaseOpenError) return err
  const e = err as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } | null
  const first = e?.errors?.[0]?.code
  const code = typeof e?.code === 'string' ? e.code : typeof first === 'string' ? first : undefined
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(code ?? err)
  const where = redactUrl(target)
  if (isPostgresUrl(target)) {
    // 28P01 wrong password, 28000 not allowed to log in; SASL: the URL carries no password at all.
    if (code === '28P01' || code === '28000' || /^SASL:/.test(message)) return new DatabaseOpenError('authentication', where, message)
    if (code === '3D000') return new DatabaseOpenError('no_database', where, message)
    if ((code !== undefined && UNREACHABLE.has(code)) || /timeout|terminated|connect/i.test(message)) {
      return new DatabaseOpenError('unreachable', where, message)
    }
    return undefined
  }
  if (code !== undefined && CANNOT_OPEN.test(code)) return new DatabaseOpenError('cannot_open', where, message)
  return undefined
}

/**
 * Opens and migrates: what the server and the CLI call (`target` as in `createDb`). A database
 * that cannot be reached or opened, refuses the credentials, or carries migrations this code
 * does not know (a newer version wrote it) → `DatabaseOpenError`.
 */
export async function openDb(target: string): Promise<Db> {
  let db: Db
  try {
    db = createDb(target)
  } catch (err) {
    throw classify(err, target) ?? err
  }
  try {
    const unknown = await unknownMigrations(db)
    if (unknown.length > 0) throw new DatabaseOpenError('newer_schema', redactUrl(target), unknown.join(', '))
    await migrateToLatest(db)
  } catch (err) {
    await db.destroy().catch(() => undefined)
    throw classify(err, target) ?? err
  }
  return db
}

export async function closeDb(db: Db): Promise<void> {
  await db.destroy()
}

/** The driver handle behind a database made by `createDb` (for the online backup). */
export function sqliteHandle(db: Db): SQLite.Database {
  const h = handles.get(db)
  if (!h) throw new Error('not a database opened by createDb (a transaction has no handle)')
  return h
}
