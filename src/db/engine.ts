// Which engine a database (or a transaction of it) runs on (§15), for the few repository
// functions that must differ: row locks on PostgreSQL, the online backup on SQLite.
import { PostgresAdapter, type Kysely } from 'kysely'

export type Engine = 'sqlite' | 'postgres'

// biome-ignore lint/suspicious/noExplicitAny: any database of any schema (and its transactions).
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
