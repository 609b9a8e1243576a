// The audit log as a reader may see it, blind until review (§2, §7). Verification (§7) is in
// audit-verify.ts.
import type { Db } from '../db/database.ts'
import { listAuditEntries } from '../db/audit-repository.ts'
import type { AuditEntry } from '../db/records.ts'
import { listUsers as listUserRows } from '../db/user-repository.ts'
import { isSystem, type Actor } from './actor.ts'
import { loadAccess, requireRole } from './access.ts'
import { verifyAudit, type AuditVerification } from './audit-verify.ts'
import type { Lang } from '../domain/messages.ts'

export interface AuditEntryView {
  /** The entry's place in the chain; null while blind once scoring has begun (see listAudit). */
  readonly seq: number | null
  readonly at: string
  /** Username of who acted, or "system". */
  readonly actor: string
  readonly onBehalfOf: string | null
  readonly action: string
  readonly entity: string | null
  readonly before: unknown
  readonly after: unknown
  readonly reason: string | null
  /** The entry's chain hash; null while blind once scoring has begun (see listAudit). */
  readonly hash: string | null
  /** True when other raters' ratings were taken out of the entry (an imported file, while blind). */
  readonly redacted: boolean
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * What a blind reader may see of an entry (non-interference, §7): nothing of another rater's
 * rating save — neither its content nor its hash, nor even that it exists or when: how often
 * and when a rater saves depends on their ratings beyond the counts of criteria rated, which the
 * progress page shows; an imported file without the other raters' ratings; the rest as it is.
 */
function blindView(e: AuditEntry, own: string | undefined): { before: unknown; after: unknown; redacted: boolean } | null {
  const mine = (r: unknown) => own !== undefined && isObj(r) && r.member === own
  if (e.action === 'rating.save') return mine(e.after) ? { before: e.before, after: e.after, redacted: false } : null
  if (e.action === 'evaluation.import' && isObj(e.after) && Array.isArray(e.after.ratings)) {
    return { before: e.before, after: { ...e.after, ratings: e.after.ratings.filter(mine) }, redacted: true }
  }
  return { before: e.before, after: e.after, redacted: false }
}

/**
 * §12: until the price stage a price record shows that a price was recorded for a candidate, and
 * nothing of the amounts (nor its reason, nor — since the hash covers them — its hash or any
 * later one's).
 */
function sealedView(e: AuditEntry): { before: unknown; after: unknown; reason: null; redacted: true } {
  const recorded = (v: unknown) => (isObj(v) ? { candidate: v.candidate, recorded: true } : null)
  return { before: recorded(e.before), after: recorded(e.after), reason: null, redacted: true }
}

/** After the move into scoring, entries hidden from a blind reader may come anywhere in the chain. */
const entersScoring = (e: AuditEntry) => e.action === 'evaluation.transition' && isObj(e.after) && e.after.status === 'scoring'

/**
 * The log as the actor may read it (chair, secretary). Until review (draft and scoring), for
 * anyone but the machine: other raters' rating saves are left out (`blindView`), and every entry
 * after the move into scoring (or from the first redacted one) shows neither `seq` nor `hash`,
 * since each hash covers every earlier entry and each seq counts the hidden ones before it. What
 * stays — who did what and when, except others' ratings — is the same whatever those ratings,
 * comments and reasons are.
 */
export async function listAudit(db: Db, actor: Actor, id: number): Promise<AuditEntryView[]> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  const blind = blindLog(actor, access.head.status)
  const sealed = pricesSealed(actor, access.head.status)
  const [entries, users] = await Promise.all([listAuditEntries(db, id), listUserRows(db)])
  const names = new Map(users.map((u) => [u.id, u.username]))
  const own = access.member?.code
  const out: AuditEntryView[] = []
  let chained = true
  for (const e of entries) {
    const seal = sealed && e.action === 'price.set'
    const shown = seal ? sealedView(e) : blind ? blindView(e, own) : { before: e.before, after: e.after, redacted: false }
    if ((blind || seal) && (shown === null || shown.redacted)) chained = false
    if (shown !== null) {
      out.push({
        seq: chained ? e.seq : null,
        at: e.at,
        actor: e.actorUserId === null ? 'system' : (names.get(e.actorUserId) ?? String(e.actorUserId)),
        onBehalfOf: e.onBehalfOf,
        action: e.action,
        entity: e.entity,
        reason: e.reason,
        hash: chained ? e.hash : null,
        ...shown,
      })
    }
    if (blind && entersScoring(e)) chained = false
  }
  return out
}

const blindLog = (actor: Actor, status: string) => !isSystem(actor) && (status === 'draft' || status === 'scoring')
/** §12: price amounts are sealed for everyone (the machine aside) until the price stage. */
const pricesSealed = (actor: Actor, status: string) => !isSystem(actor) && status !== 'price' && status !== 'finalized'

/** The chain's state for the history page: while blind, only whether it holds (counts and problems name hidden entries). */
export type AuditChainView = (AuditVerification & { readonly blind: false }) | { readonly ok: boolean; readonly blind: true }

export async function auditChain(db: Db, actor: Actor, id: number, lang: Lang = 'vi'): Promise<AuditChainView> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  const chain = await verifyAudit(db, id, lang)
  // A problem about a sealed price would name its amount: only whether the chain holds, then.
  const sealedProblem = pricesSealed(actor, access.head.status) && chain.details.some((d) => d.table === 'prices' || d.entry?.action === 'price.set')
  return blindLog(actor, access.head.status) || sealedProblem ? { ok: chain.ok, blind: true } : { ...chain, blind: false }
}
