// "The database unchanged": a SHA-256 over every row of every table, read through kysely
// (`tableRows`, no mapper in between) on either engine (§15). The tables come from the schema
// as the database reports it (`schemaColumns`: sqlite_master on SQLite, the system catalog on
// PostgreSQL), never from a hand-kept list. Rows are compared as a set — each serialized with
// its columns in name order, the lines sorted — since PostgreSQL has no rowid order to read
// them in. Two things are not application state and are left out: a session's expiry
// (@fastify/session rolls it on every request) and, on a failed sign-in only, the account's
// failure counter (§7 limits failed sign-ins per account, so a refused sign-in is meant to
// count). `app_secrets` (the session signing key) is in: no request may change it.
import { createHash } from 'node:crypto'
import type { Db } from '../../src/db/database.ts'
import { schemaColumns, tableRows } from '../../src/db/table-rows.ts'

export interface SnapshotOptions {
  /** Columns to leave out, as `table.column`. */
  readonly ignore?: readonly string[]
}

function sessionRow(row: Record<string, unknown>): Record<string, unknown> {
  let data: unknown = row.data
  try {
    const parsed = JSON.parse(String(row.data)) as Record<string, unknown>
    delete parsed.cookie
    data = parsed
  } catch {
    // Not JSON: kept as it is, so a change still shows.
  }
  return { sid: row.sid, data, user_id: row.user_id }
}

/** One row as text: columns in name order, so both engines give the same line for the same row. */
function line(row: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.keys(row).sort().map((k) => [k, row[k]]))
  return JSON.stringify(sorted, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v))
}

const tablesOf = new WeakMap<Db, Promise<string[]>>()

/** Every table of the schema, by name; read once per database (tests do not migrate mid-run, and on PostgreSQL the catalog query is the slow part of a snapshot). */
export function tableNames(db: Db): Promise<string[]> {
  let names = tablesOf.get(db)
  if (!names) {
    names = schemaColumns(db).then((s) => [...s.keys()].sort())
    tablesOf.set(db, names)
  }
  return names
}

/** Per table, its row count and a hash of its rows; compare two with `diffSnapshots`. */
export async function snapshot(db: Db, o: SnapshotOptions = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const tables = await tableNames(db)
  // Read side by side (PostgreSQL's pool has several connections; SQLite runs them in turn).
  const contents = await Promise.all(tables.map((table) => tableRows(db, table)))
  for (const [i, table] of tables.entries()) {
    const rows = contents[i]!
    const lines = rows.map((raw) => {
      const row = table === 'sessions' ? sessionRow(raw) : { ...raw }
      for (const col of o.ignore ?? []) {
        const [t, c] = col.split('.')
        if (t === table && c) delete row[c]
      }
      return line(row)
    }).sort()
    const h = createHash('sha256')
    for (const l of lines) h.update(`${l}\n`)
    out.set(table, `${rows.length}:${h.digest('hex')}`)
  }
  return out
}

/** The tables whose content differs (empty when unchanged). */
export function diffSnapshots(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()])
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort()
}
