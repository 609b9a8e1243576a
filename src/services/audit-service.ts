// The audit log: listing with blind redaction. Verification (§7) is in audit-verify.ts.
import type { Db } from '../db/database.ts'
import { listAuditEntries } from '../db/audit-repository.ts'
import type { AuditEntry } from '../db/records.ts'
import { listUsers as listUserRows } from '../db/user-repository.ts'
import { isSystem, type Actor } from './actor.ts'
import { loadAccess, requireRole } from './access.ts'

export interface AuditEntryView {
  readonly seq: number
  readonly at: string
  /** Username of who acted, or "system". */
  readonly actor: string
  readonly onBehalfOf: string | null
  readonly action: string
  readonly entity: string | null
  readonly before: unknown
  readonly after: unknown
  readonly reason: string | null
  readonly hash: string
  /** True when rating values or comments were hidden (blind scoring). */
  readonly redacted: boolean
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Rating values and comments of anyone but `own` removed; who rated what stays (counts). */
function redact(e: AuditEntry, own: string | undefined): { before: unknown; after: unknown; redacted: boolean } {
  if (e.action === 'rating.save' && isObj(e.after) && e.after.member !== own) {
    const { member, candidate, criterion } = e.after
    return { before: e.before === null ? null : { hidden: true }, after: { member, candidate, criterion, hidden: true }, redacted: true }
  }
  if (e.action === 'evaluation.import' && isObj(e.after) && Array.isArray(e.after.ratings)) {
    const ratings = (e.after.ratings as Obj[]).map((r) => (r.member === own ? r : { member: r.member, candidate: r.candidate, criterion: r.criterion, hidden: true }))
    return { before: e.before, after: { ...e.after, ratings }, redacted: true }
  }
  return { before: e.before, after: e.after, redacted: false }
}

export async function listAudit(db: Db, actor: Actor, id: number): Promise<AuditEntryView[]> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  const blind = !isSystem(actor) && (access.head.status === 'draft' || access.head.status === 'scoring')
  const [entries, users] = await Promise.all([listAuditEntries(db, id), listUserRows(db)])
  const names = new Map(users.map((u) => [u.id, u.username]))
  const own = access.member?.code
  return entries.map((e) => {
    const shown = blind ? redact(e, own) : { before: e.before, after: e.after, redacted: false }
    return {
      seq: e.seq,
      at: e.at,
      actor: e.actorUserId === null ? 'system' : (names.get(e.actorUserId) ?? String(e.actorUserId)),
      onBehalfOf: e.onBehalfOf,
      action: e.action,
      entity: e.entity,
      reason: e.reason,
      hash: e.hash,
      ...shown,
    }
  })
}
