// §12 the price envelope: the evaluation's method and technical weight K, and one sealed price
// proposal per candidate (VND as a 64-bit integer: `bigint` is INTEGER affinity in SQLite and
// int8 in PostgreSQL). Frozen: never import application code here.
import type { Kysely } from 'kysely'
import { doubleType, idColumn } from './dialect.ts'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('evaluations').addColumn('method', 'text').execute()
  await db.schema.alterTable('evaluations').addColumn('price_k', doubleType(db)).execute()
  await db.schema.createTable('prices')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('evaluation_id', 'integer', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('price', 'bigint', (c) => c.notNull())
    /** JSON: [{ label, amount }]. */
    .addColumn('adjustments', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('prices_unique', ['evaluation_id', 'candidate_id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prices').execute()
  await db.schema.alterTable('evaluations').dropColumn('price_k').execute()
  await db.schema.alterTable('evaluations').dropColumn('method').execute()
}
