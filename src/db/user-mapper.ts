import type { Selectable } from 'kysely'
import type { UsersTable } from './database.ts'
import type { User } from './records.ts'

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    admin: row.is_admin === 1,
    failedLogins: row.failed_logins,
    lastFailedAt: row.last_failed_at,
    createdAt: row.created_at,
  }
}
