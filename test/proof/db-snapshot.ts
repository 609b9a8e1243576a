// "The database unchanged": a SHA-256 over every row of every table, in rowid order, read
// straight from SQLite (no app code in between). Two things are not application state and are
// left out: a session's expiry (@fastify/session rolls it on every request) and, on a failed
// sign-in only, the account's failure counter (§7 limits failed sign-ins per account, so a
// refused sign-in is meant to count).
import { createHash } from 'node:crypto'
import { sqliteHandle } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'

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
  return { sid: row.sid, data }
}

/** Per table, a hash of its rows; compare two with `diffSnapshots`. */
export function snapshot(db: Db, o: SnapshotOptions = {}): Map<string, string> {
  const sqlite = sqliteHandle(db)
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  const out = new Map<string, string>()
  for (const table of tables) {
    const h = createHash('sha256')
    const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[]
    for (const raw of rows) {
      const row = table === 'sessions' ? sessionRow(raw) : { ...raw }
      for (const col of o.ignore ?? []) {
        const [t, c] = col.split('.')
        if (t === table && c) delete row[c]
      }
      h.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('hex') : v)))
      h.update('\n')
    }
    out.set(table, `${rows.length}:${h.digest('hex')}`)
  }
  return out
}

/** The tables whose content differs (empty when unchanged). */
export function diffSnapshots(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()])
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort()
}
