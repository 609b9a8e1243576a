// Authorization shared by routes and CLI: who the actor is in this evaluation, and the checks.
import type { Role, Status } from '../domain/evaluation-file.ts'
import type { Db } from '../db/database.ts'
import { findEvaluationHead, lockEvaluationHead } from '../db/evaluation-repository.ts'
import { findMemberByUser } from '../db/member-repository.ts'
import type { EvaluationHead, MemberRecord } from '../db/records.ts'
import { isSystem, type Actor } from './actor.ts'
import { AppError } from './app-error.ts'

export interface Access {
  readonly head: EvaluationHead
  readonly member: MemberRecord | undefined
  readonly role: Role | undefined
}

/** Inside a transaction (a write), the evaluation's head is locked until the commit (§15). */
export async function loadAccess(db: Db, actor: Actor, evaluationId: number): Promise<Access> {
  const head = db.isTransaction ? await lockEvaluationHead(db, evaluationId) : await findEvaluationHead(db, evaluationId)
  if (!head) throw new AppError('not_found', 'evaluationNotFound', { id: evaluationId })
  const member = actor.userId === null ? undefined : await findMemberByUser(db, evaluationId, actor.userId)
  return { head, member, role: member?.role }
}

export function requireAdmin(actor: Actor): void {
  if (!actor.admin) throw new AppError('forbidden', 'adminOnly')
}

/** One of the roles (the machine passes; an admin passes when `admin` is true). */
export function requireRole(actor: Actor, access: Access, roles: readonly Role[], opts: { admin?: boolean } = {}): void {
  if (isSystem(actor)) return
  if (opts.admin && actor.admin) return
  if (access.role && roles.includes(access.role)) return
  throw new AppError('forbidden', 'roleRequired', { roles: roles.join(',') })
}

export function requireStatus(access: Pick<Access, 'head'>, statuses: readonly Status[]): void {
  if (!statuses.includes(access.head.status)) throw new AppError('wrong_state', 'wrongState', { status: access.head.status })
}

export const now = (): string => new Date().toISOString()
