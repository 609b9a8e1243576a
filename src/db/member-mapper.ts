import type { Selectable } from 'kysely'
import type { Role } from '../domain/evaluation-file.ts'
import type { MembersTable } from './database.ts'
import type { MemberRecord } from './records.ts'

/** A member row joined with its account's username. */
export type MemberRow = Selectable<MembersTable> & { account: string | null }

export function toMember(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    code: row.code,
    userId: row.user_id,
    username: row.account ?? row.username,
    name: row.name,
    role: row.role as Role,
    declaredAt: row.declared_at,
    position: row.position,
    paper: row.paper === 1,
  }
}
