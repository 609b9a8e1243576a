// Drafts can be archived (put out of the evaluations list, and back): a flag on the evaluation,
// set through the audited settings like any other. Frozen: never import application code here.
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluations').addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluations').dropColumn('archived').execute()
}
