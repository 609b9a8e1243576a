// Who is acting. Routes build it from the session's user; the CLI acts as the machine itself.
import type { Lang } from '../domain/messages.ts'
import type { User } from '../db/records.ts'

export interface Actor {
  /** Null for the machine itself (the CLI): it passes every authorization check. */
  readonly userId: number | null
  readonly username: string
  /** System-wide: users, catalogs, creating and importing evaluations. */
  readonly admin: boolean
  /** The language validation details are written in (default vi). */
  readonly lang?: Lang
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, username: 'system', admin: true })

export function actorOf(user: User, lang?: Lang): Actor {
  return { userId: user.id, username: user.username, admin: user.admin, lang }
}

export const isSystem = (actor: Actor): boolean => actor.userId === null
export const langOf = (actor: Actor): Lang => actor.lang ?? 'vi'
