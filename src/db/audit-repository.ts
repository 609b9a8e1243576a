import type { Db } from './database.ts'
import { toAuditEntry } from './audit-mapper.ts'
import type { AuditEntry } from './records.ts'

/** An entry as written: before/after already serialized (canonical JSON) by the caller. */
export interface NewAuditRow {
  readonly evaluationId: number | null
  readonly seq: number
  readonly at: string
  readonly actorUserId: number | null
  readonly onBehalfOf: string | null
  readonly action: string
  readonly entity: string | null
  readonly before: string | null
  readonly after: string | null
  readonly reason: string | null
  readonly prevHash: string | null
  readonly hash: string
}

export async function insertAuditEntry(db: Db, e: NewAuditRow): Promise<void> {
  await db.insertInto('audit_log').values({
    evaluation_id: e.evaluationId,
    seq: e.seq,
    at: e.at,
    actor_user_id: e.actorUserId,
    on_behalf_of: e.onBehalfOf,
    action: e.action,
    entity: e.entity,
    before: e.before,
    after: e.after,
    reason: e.reason,
    prev_hash: e.prevHash,
    hash: e.hash,
  }).execute()
}

export async function listAuditEntries(db: Db, evaluationId: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('evaluation_id', '=', evaluationId).orderBy('seq').execute()
  return rows.map(toAuditEntry)
}

/** The last system (evaluation-less) entry: the head of the system chain. */
export async function lastSystemEntry(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_log').select(['seq', 'hash']).where('evaluation_id', 'is', null)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst()
}

export async function listSystemEntries(db: Db): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('evaluation_id', 'is', null).orderBy('seq').execute()
  return rows.map(toAuditEntry)
}
