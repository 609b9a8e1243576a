// Catalogs added at run time (§4): imported through the admin pages or saved from an
// evaluation's criteria. Kept in the database so one backup holds them, and keyed by
// (catalog_id, version) so an existing version is never overwritten.
// Frozen: never import application code here.
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('catalogs')
    .addColumn('catalog_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('source_evaluation_id', 'integer', (c) => c.references('evaluations.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalogs_pk', ['catalog_id', 'version'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('catalogs').execute()
}
