// The application's own secrets, in one row (issue #14, §15): today the key that signs session
// cookies. It lived in DATA_DIR/session-key, so app servers with their own DATA_DIR on one
// database signed with different keys and a session made on one failed on the others; in the
// database every server reads the same key. `check (id = 1)`: there is only ever one row, so
// two servers creating it at once collide on the key and one insert wins (ON CONFLICT DO NOTHING).
// The same column types on both engines (no dialect helper needed). Frozen: never import
// application code here.
import { type Kysely, sql } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createTable('app_secrets')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('session_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('app_secrets_one_row', sql`id = 1`)
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema as it was that day, not the app's types.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_secrets').execute()
}
