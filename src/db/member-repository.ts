import type { Role } from '../domain/evaluation-file.ts'
import type { Db } from './database.ts'
import { toMember } from './member-mapper.ts'
import type { MemberRecord } from './records.ts'

export interface NewMember {
  readonly code: string
  readonly userId: number | null
  readonly username: string | null
  readonly name: string
  readonly role: Role
  readonly declaredAt: string | null
  readonly position: number
  /** Rates on paper (§2); default false. */
  readonly paper?: boolean
}

export async function insertMember(db: Db, evaluationId: number, m: NewMember): Promise<number> {
  const row = await db.insertInto('members').values({
    evaluation_id: evaluationId,
    code: m.code,
    user_id: m.userId,
    username: m.username,
    name: m.name,
    role: m.role,
    declared_at: m.declaredAt,
    position: m.position,
    paper: m.paper ? 1 : 0,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

const memberQuery = (db: Db) => db.selectFrom('members')
  .leftJoin('users', 'users.id', 'members.user_id')
  .selectAll('members')
  .select('users.username as account')

export async function listMembers(db: Db, evaluationId: number): Promise<MemberRecord[]> {
  const rows = await memberQuery(db).where('members.evaluation_id', '=', evaluationId)
    .orderBy('members.position').orderBy('members.id').execute()
  return rows.map(toMember)
}

export async function findMemberByUser(db: Db, evaluationId: number, userId: number): Promise<MemberRecord | undefined> {
  const row = await memberQuery(db).where('members.evaluation_id', '=', evaluationId).where('members.user_id', '=', userId).executeTakeFirst()
  return row && toMember(row)
}

/** Every membership of a user: evaluation id → role. */
export async function rolesOfUser(db: Db, userId: number): Promise<Map<number, { role: Role; code: string }>> {
  const rows = await db.selectFrom('members').select(['evaluation_id', 'role', 'code']).where('user_id', '=', userId).execute()
  return new Map(rows.map((r) => [r.evaluation_id, { role: r.role as Role, code: r.code }]))
}

export async function deleteMember(db: Db, id: number): Promise<void> {
  await db.deleteFrom('members').where('id', '=', id).execute()
}

export async function setMemberPaper(db: Db, id: number, paper: boolean): Promise<void> {
  await db.updateTable('members').set({ paper: paper ? 1 : 0 }).where('id', '=', id).execute()
}

export async function setDeclaredAt(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('members').set({ declared_at: at }).where('id', '=', id).execute()
}

export async function countRatersByEvaluation(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('members')
    .select(['evaluation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('evaluation_id', 'in', ids).where('role', 'in', ['chair', 'member'])
    .groupBy('evaluation_id').execute()
  return new Map(rows.map((r) => [r.evaluation_id, Number(r.n)]))
}

export async function linkMemberToUser(db: Db, id: number, userId: number, username: string): Promise<void> {
  await db.updateTable('members').set({ user_id: userId, username }).where('id', '=', id).execute()
}
