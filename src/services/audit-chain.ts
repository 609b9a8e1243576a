// The audit log's hash chain (§7): each entry's hash is SHA-256 over the canonical JSON of the
// entry including the previous entry's hash; the evaluation row keeps the head.
import { canonicalJson, sha256Hex } from '../domain/canonical.ts'
import type { Db } from '../db/database.ts'
import { insertAuditEntries, insertAuditEntry, lastSystemEntry, type NewAuditRow } from '../db/audit-repository.ts'
import { setAuditHead } from '../db/evaluation-repository.ts'
import type { AuditEntry, EvaluationHead } from '../db/records.ts'
import type { Actor } from './actor.ts'

export interface AuditInput {
  readonly action: string
  readonly entity?: string
  readonly before?: unknown
  readonly after?: unknown
  readonly reason?: string
  readonly onBehalfOf?: string
}

/** The fields the hash covers, as they are stored: every column but the row id and the hash. */
export type HashedFields = Omit<AuditEntry, 'id' | 'hash'>

export function entryHash(f: HashedFields): string {
  return sha256Hex(canonicalJson({
    evaluationId: f.evaluationId,
    seq: f.seq,
    at: f.at,
    actor: f.actorUserId,
    onBehalfOf: f.onBehalfOf,
    action: f.action,
    entity: f.entity,
    before: f.before,
    after: f.after,
    reason: f.reason,
    prevHash: f.prevHash,
  }))
}

export const hashOfEntry = (e: AuditEntry): string => entryHash(e)

const toText = (v: unknown): string | null => (v === undefined || v === null ? null : canonicalJson(v))
const fromText = (t: string | null): unknown => (t === null ? null : JSON.parse(t))

/**
 * Appends entries of one evaluation inside the caller's transaction: each is hashed as it comes
 * (the chain continues in memory), and `finish` writes them all in multi-row inserts and moves
 * the head once, so a batch costs a couple of statements. Nothing is written before `finish`.
 */
export class AuditWriter {
  #seq: number
  #head: string | null
  #pending: NewAuditRow[] = []

  constructor(
    private readonly trx: Db,
    private readonly actor: Actor,
    private readonly evaluationId: number,
    head: Pick<EvaluationHead, 'auditHead' | 'auditSeq'>,
    private readonly at: string,
  ) {
    this.#seq = head.auditSeq
    this.#head = head.auditHead
  }

  /** The chain's head and length so far, written or not. */
  get head(): Pick<EvaluationHead, 'auditHead' | 'auditSeq'> {
    return { auditHead: this.#head, auditSeq: this.#seq }
  }

  /** One more entry; `by` and `at` when several actors' saves share this writer (group commit). */
  append(input: AuditInput, by: { actor: Actor; at: string } = { actor: this.actor, at: this.at }): void {
    this.#seq += 1
    const row = auditRow(this.evaluationId, this.#seq, this.#head, by.actor, input, by.at)
    this.#pending.push(row)
    this.#head = row.hash
  }

  /**
   * The entries appended so far and the head they lead to, for a caller that writes them with
   * other rows in one go (writeAuditedRatings); `undefined` when there are none.
   */
  take(): { rows: NewAuditRow[]; head: { hash: string; seq: number } } | undefined {
    if (this.#pending.length === 0 || this.#head === null) return undefined
    const rows = this.#pending
    this.#pending = []
    return { rows, head: { hash: this.#head, seq: this.#seq } }
  }

  async finish(): Promise<void> {
    if (this.#pending.length === 0) return
    await insertAuditEntries(this.trx, this.#pending)
    this.#pending = []
    if (this.#head !== null) await setAuditHead(this.trx, this.evaluationId, this.#head, this.#seq)
  }
}

/** An entry as stored, with its hash over the fields a reader will parse back. */
function auditRow(
  evaluationId: number | null, seq: number, prevHash: string | null, actor: Actor, input: AuditInput, at: string,
): NewAuditRow {
  const before = toText(input.before)
  const after = toText(input.after)
  const fields: HashedFields = {
    evaluationId,
    seq,
    at,
    actorUserId: actor.userId,
    onBehalfOf: input.onBehalfOf ?? null,
    action: input.action,
    entity: input.entity ?? null,
    // Hash what a reader will parse back, so verification recomputes the very same bytes.
    before: fromText(before),
    after: fromText(after),
    reason: input.reason ?? null,
    prevHash,
  }
  return { ...fields, before, after, hash: entryHash(fields) }
}

/** One audit entry of one evaluation, moving its head: the common case. */
export async function appendAudit(
  trx: Db, actor: Actor, head: Pick<EvaluationHead, 'id' | 'auditHead' | 'auditSeq'>, input: AuditInput, at: string,
): Promise<void> {
  const w = new AuditWriter(trx, actor, head.id, head, at)
  w.append(input)
  await w.finish()
}

/** A system event (users): chained among the evaluation-less entries. */
export async function appendSystemAudit(trx: Db, actor: Actor, input: AuditInput, at: string): Promise<void> {
  const last = await lastSystemEntry(trx)
  await insertAuditEntry(trx, auditRow(null, (last?.seq ?? 0) + 1, last?.hash ?? null, actor, input, at))
}
