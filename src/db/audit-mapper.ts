import type { Selectable } from 'kysely'
import type { AuditLogTable } from './database.ts'
import type { AuditEntry } from './records.ts'

export function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    evaluationId: row.evaluation_id,
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    onBehalfOf: row.on_behalf_of,
    action: row.action,
    entity: row.entity,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    reason: row.reason,
    prevHash: row.prev_hash,
    hash: row.hash,
  }
}
