// A session names its user in a column of its own (§7: a password change or reset ends that
// user's other sessions, found by this column rather than by reading every session's JSON).
// Sessions made before this migration have no user_id; they end within 12 hours anyway.
// Frozen: never import application code here.
import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('user_id', 'integer').execute()
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_user_id').execute()
  await db.schema.alterTable('sessions').dropColumn('user_id').execute()
}
