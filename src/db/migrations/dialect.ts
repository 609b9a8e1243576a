// Column types that differ between the engines (§15), for the migrations. Not a migration
// itself (migrate.ts lists those by name) and, like them, imports no application code: the
// engine is read from the Kysely instance the Migrator hands in. On SQLite every helper gives
// exactly what the migrations wrote before PostgreSQL existed, so existing files are unchanged.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was, not the app's types.
type AnyDb = Kysely<any>

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/**
 * A surrogate key: `integer primary key autoincrement` on SQLite, an identity column on
 * PostgreSQL (which has no autoincrement keyword). Use with the type `'integer'`.
 */
export function idColumn(db: AnyDb): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement()
}

/** A double: SQLite's `real` is 8 bytes, PostgreSQL's `real` only 4 (a threshold would lose digits). */
export function doubleType(db: AnyDb): 'real' | 'double precision' {
  return isPostgres(db) ? 'double precision' : 'real'
}
