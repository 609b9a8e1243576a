import type { Db } from './database.ts'
import type { User } from './records.ts'
import { toUser } from './user-mapper.ts'

export interface NewUser {
  readonly username: string
  readonly displayName: string
  readonly passwordHash: string
  readonly admin: boolean
  readonly createdAt: string
}

export async function insertUser(db: Db, u: NewUser): Promise<number> {
  const row = await db.insertInto('users').values({
    username: u.username,
    display_name: u.displayName,
    password_hash: u.passwordHash,
    is_admin: u.admin ? 1 : 0,
    created_at: u.createdAt,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toUser(row)
}

/** Several users in one query, by id. */
export async function findUsersByIds(db: Db, ids: readonly number[]): Promise<Map<number, User>> {
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, toUser(r)]))
}

export async function findUserByUsername(db: Db, username: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
  return row && toUser(row)
}

/** The user and the stored hash, for signing in only. */
export async function findCredentials(db: Db, username: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
  return row && { user: toUser(row), passwordHash: row.password_hash }
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute()
  return rows.map(toUser)
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function updatePasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, failed_logins: 0, last_failed_at: null }).where('id', '=', id).execute()
}

export async function recordFailedLogin(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), last_failed_at: at }))
    .where('id', '=', id).execute()
}

export async function clearFailedLogins(db: Db, id: number): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, last_failed_at: null }).where('id', '=', id).where('failed_logins', '>', 0).execute()
}
