// Raw rows of any table, as stored: for the audit verification (§7), which compares every column
// of every table with what the audit log replays, so nothing a mapper leaves out escapes it.
// The one place rows leave src/db, as plain records of column → value.
import type { Kysely } from 'kysely'
import type { Db } from './database.ts'

export type RawRow = Readonly<Record<string, unknown>>

/** Every row of `table`, or those whose `scope.column` equals `scope.value` (null: is null). */
export async function tableRows(db: Db, table: string, scope: { column: string; value: number | null } | null = null): Promise<RawRow[]> {
  // The table name comes from the verification's own registry (audit-tables.ts), never from input.
  // biome-ignore lint/suspicious/noExplicitAny: a table chosen at run time has no static row type.
  const any = db as unknown as Kysely<any>
  let q = any.selectFrom(table).selectAll()
  if (scope) q = scope.value === null ? q.where(scope.column, 'is', null) : q.where(scope.column, '=', scope.value)
  return (await q.execute()) as RawRow[]
}

/** The schema as the database reports it: table → its columns (Kysely's own tables left out). */
export async function schemaColumns(db: Db): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables()
  return new Map(tables.filter((t) => !t.isView && !t.name.startsWith('kysely_')).map((t) => [t.name, t.columns.map((c) => c.name)]))
}
