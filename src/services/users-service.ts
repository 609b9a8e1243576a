// Accounts: create, sign in, reset a password, the first admin, list.
import { z } from 'zod'
import { coalesced } from '../db/coalesce.ts'
import type { Db } from '../db/database.ts'
import type { User } from '../db/records.ts'
import {
  clearFailedLogins, countUsers, findCredentials, findUserById, findUserByUsername, findUsersByIds, insertUser,
  listUsers as listUserRows, recordFailedLogin, updatePasswordHash,
} from '../db/user-repository.ts'
import { destroyUserSessions } from '../db/session-repository.ts'
import { SYSTEM_ACTOR, isSystem, langOf, type Actor } from './actor.ts'
import { parseInput } from './parse-input.ts'
import { AppError, fieldError } from './app-error.ts'
import { appendSystemAudit } from './audit-chain.ts'
import { passwordDigest } from './audit-replay.ts'
import { now, requireAdmin } from './access.ts'
import { dummyHash, generatePassword, hashPassword, verifyPassword } from './password.ts'

export const Username = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/)

export const NewUserInput = z.object({
  username: Username,
  password: z.string().min(8).max(1024),
  displayName: z.string().trim().min(1).max(200),
  admin: z.boolean().optional(),
}).strict()
export type NewUserInput = z.infer<typeof NewUserInput>

export async function createUser(db: Db, actor: Actor, input: NewUserInput): Promise<{ id: number }> {
  requireAdmin(actor)
  const u = parseInput(NewUserInput, input, actor)
  const passwordHash = await hashPassword(u.password)
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, u.username)) throw new AppError('conflict', 'usernameTaken', { username: u.username })
    const at = now()
    const id = await insertUser(trx, { username: u.username, displayName: u.displayName, passwordHash, admin: u.admin ?? false, createdAt: at })
    await appendSystemAudit(trx, actor, {
      action: 'user.create', entity: `user:${id}`,
      after: { id, username: u.username, displayName: u.displayName, admin: u.admin ?? false, passwordDigest: passwordDigest(passwordHash) },
    }, at)
    return { id }
  })
}

/** Signs in: the user, or `unauthenticated`. Unknown users cost one scrypt too (no timing oracle). */
export async function verifyLogin(db: Db, username: string, password: string): Promise<User> {
  const cred = typeof username === 'string' ? await findCredentials(db, username.trim()) : undefined
  const ok = await verifyPassword(String(password ?? ''), cred?.passwordHash ?? (await dummyHash()))
  if (!cred || !ok) {
    if (cred) await recordFailedLogin(db, cred.user.id, now())
    throw new AppError('unauthenticated', 'badCredentials')
  }
  if (cred.user.failedLogins > 0) await clearFailedLogins(db, cred.user.id)
  return { ...cred.user, failedLogins: 0, lastFailedAt: null }
}

export async function getUser(db: Db, id: number): Promise<User | undefined> {
  return findUserById(db, id)
}

/**
 * `getUser` for the signed-in user of every request: the lookups of requests arriving together
 * are read in one query (coalesce.ts); nothing is cached, so a change to the user (deactivated,
 * renamed, made admin) holds from the next request on.
 */
export function userLookup(db: Db): (id: number) => Promise<User | undefined> {
  return coalesced((ids: readonly number[]) => findUsersByIds(db, ids))
}

export interface PasswordChange {
  /** Needed when users change their own password (§7), even an admin. */
  readonly currentPassword?: string
  /** The session asking, kept when it is the user's own (their other sessions end). */
  readonly keepSession?: string
}

/**
 * Sets a user's password (an admin, or the user themself with the current password) and ends
 * that user's sessions (§7): all of them after an admin's reset, all but `keepSession` after a
 * self-change, so a stolen session does not outlive the new password.
 */
export async function resetPassword(db: Db, actor: Actor, username: string, newPassword: string, change: PasswordChange = {}): Promise<void> {
  const self = actor.username === username && !isSystem(actor)
  if (!actor.admin && !self) throw new AppError('forbidden', 'forbidden')
  if (typeof newPassword !== 'string' || newPassword.length < 8) {
    throw fieldError('password', 'passwordTooShort', langOf(actor))
  }
  if (self) {
    const cred = await findCredentials(db, username)
    const given = typeof change.currentPassword === 'string' ? change.currentPassword : ''
    const ok = await verifyPassword(given, cred?.passwordHash ?? (await dummyHash()))
    if (!cred || !ok) throw fieldError('currentPassword', 'currentPasswordWrong', langOf(actor))
  }
  const passwordHash = await hashPassword(newPassword)
  await db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, username)
    if (!user) throw new AppError('not_found', 'userNotFound', { username })
    await updatePasswordHash(trx, user.id, passwordHash)
    await destroyUserSessions(trx, user.id, self ? change.keepSession : undefined)
    const at = now()
    await appendSystemAudit(trx, actor, { action: 'user.password', entity: `user:${user.id}`, after: { passwordDigest: passwordDigest(passwordHash) } }, at)
  })
}

/**
 * The first admin (§8): created only when there are no users. Returns the password when it made
 * one up, so the caller prints it once.
 */
export async function ensureFirstAdmin(db: Db, username: string, password?: string): Promise<{ created: boolean; password?: string }> {
  if ((await countUsers(db)) > 0) return { created: false }
  const chosen = password ?? generatePassword()
  try {
    await createUser(db, SYSTEM_ACTOR, { username, password: chosen, displayName: username, admin: true })
  } catch (err) {
    // Another process made the first user in the meantime.
    if (err instanceof AppError && err.code === 'conflict') return { created: false }
    throw err
  }
  return password === undefined ? { created: true, password: chosen } : { created: true }
}

export async function listUsers(db: Db, actor: Actor): Promise<User[]> {
  requireAdmin(actor)
  return listUserRows(db)
}
