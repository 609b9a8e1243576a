// §11: the committee's consensus for a candidate × criterion, recorded by the chair in review.
// One row per cell; removing a consensus deletes its row (the audit log keeps what it was).
// Frozen: never import application code here.
import type { Kysely } from 'kysely'
import { idColumn } from './dialect.ts'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('consensus')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull())
    .addColumn('value', 'integer')
    .addColumn('pass', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('consensus_unique', ['evaluation_id', 'candidate_id', 'criterion_id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consensus').execute()
}
