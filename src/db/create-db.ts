// Opens the SQLite database with the durability settings of §7. The only place that knows the
// driver; everything else sees a `Kysely<Database>`.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely'
import type { Database, Db } from './database.ts'
import { migrateToLatest } from './migrate.ts'

const handles = new WeakMap<object, SQLite.Database>()

export function createDb(file: string): Db {
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

/** Opens and migrates: what the server and the CLI call. */
export async function openDb(file: string): Promise<Db> {
  const db = createDb(file)
  try {
    await migrateToLatest(db)
  } catch (err) {
    await db.destroy()
    throw err
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
