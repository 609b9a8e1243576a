import { sql } from 'kysely'
import type { Db } from './database.ts'
import { engineOf } from './engine.ts'
import { toAuditEntry } from './audit-mapper.ts'
import type { AuditEntry } from './records.ts'

/** The advisory lock key of the system chain (any fixed number; only this code takes it). */
const SYSTEM_CHAIN_LOCK = 15_000_001

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

/** An entry's row as stored. */
export const auditRow = (e: NewAuditRow) => ({
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
})

export async function insertAuditEntry(db: Db, e: NewAuditRow): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(e)).execute()
}

/** Rows per multi-row insert: 12 parameters each, well under every engine's limit. */
const AUDIT_ROWS_PER_STATEMENT = 500

/** Several entries in order, a few hundred per statement (group commit, a sheet, an import). */
export async function insertAuditEntries(db: Db, entries: readonly NewAuditRow[]): Promise<void> {
  for (let i = 0; i < entries.length; i += AUDIT_ROWS_PER_STATEMENT) {
    await db.insertInto('audit_log').values(entries.slice(i, i + AUDIT_ROWS_PER_STATEMENT).map(auditRow)).execute()
  }
}

export async function listAuditEntries(db: Db, evaluationId: number): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('evaluation_id', '=', evaluationId).orderBy('seq').execute()
  return rows.map(toAuditEntry)
}

/**
 * The last system (evaluation-less) entry: the head of the system chain. Inside a transaction on
 * PostgreSQL the chain is first locked until the commit (an advisory lock: the chain has no row
 * of its own), so app servers appending at once never fork it (§15).
 */
export async function lastSystemEntry(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  if (db.isTransaction && engineOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${SYSTEM_CHAIN_LOCK})`.execute(db)
  return db.selectFrom('audit_log').select(['seq', 'hash']).where('evaluation_id', 'is', null)
    .orderBy('seq', 'desc').limit(1).executeTakeFirst()
}

export async function listSystemEntries(db: Db): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('evaluation_id', 'is', null).orderBy('seq').execute()
  return rows.map(toAuditEntry)
}
