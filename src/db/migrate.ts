// Schema changes only through Kysely migrations (§7). The provider is static: migrations are
// imported here by name, so the set is fixed at build time and no directory is scanned.
import { DEFAULT_MIGRATION_TABLE, type Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { Db } from './database.ts'
import * as m001 from './migrations/2026-11-28-001-initial.ts'
import * as m002 from './migrations/2026-11-28-002-catalogs.ts'
import * as m030 from './migrations/2026-12-01-030-session-user.ts'
import * as m040 from './migrations/2026-12-01-040-paper-ahp.ts'
import * as m050 from './migrations/2026-12-01-050-consensus.ts'
import * as m080 from './migrations/2026-12-01-080-price-envelope.ts'
import * as m085 from './migrations/2026-12-01-085-archived.ts'
import * as m090 from './migrations/2026-12-01-090-app-secrets.ts'

const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28-001-initial': m001,
  '2026-11-28-002-catalogs': m002,
  '2026-12-01-030-session-user': m030,
  '2026-12-01-040-paper-ahp': m040,
  '2026-12-01-050-consensus': m050,
  '2026-12-01-080-price-envelope': m080,
  '2026-12-01-085-archived': m085,
  '2026-12-01-090-app-secrets': m090,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    const cause = error instanceof Error ? error.message : String(error)
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error })
  }
}

/**
 * Migrations the database has recorded that this code does not know: it was written by a newer
 * version, and running this one on it could lose data (§15, bad configuration). Empty for a new
 * database.
 */
export async function unknownMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  if (!tables.some((t) => t.name === DEFAULT_MIGRATION_TABLE)) return []
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own table is not in the app's schema.
  const rows = await (db as unknown as Kysely<any>).selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute()
  return rows.map((r) => String(r.name)).filter((name) => !(name in MIGRATIONS)).sort()
}
