// The audit log's hash chain (§7): each entry's hash is SHA-256 over the canonical JSON of the
// entry including the previous entry's hash; the evaluation row keeps the head.
import { canonicalJson, sha256Hex } from '../domain/canonical.ts'
import type { Db } from '../db/database.ts'
import { insertAuditEntry, lastSystemEntry } from '../db/audit-repository.ts'
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
 * Appends entries of one evaluation inside the caller's transaction and moves the head once at
 * the end (`finish`), so a batch costs one head update.
 */
export class AuditWriter {
  #seq: number
  #head: string | null
  #dirty = false

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

  async append(input: AuditInput): Promise<void> {
    this.#seq += 1
    this.#head = await writeEntry(this.trx, this.evaluationId, this.#seq, this.#head, this.actor, input, this.at)
    this.#dirty = true
  }

  async finish(): Promise<void> {
    if (this.#dirty && this.#head !== null) await setAuditHead(this.trx, this.evaluationId, this.#head, this.#seq)
    this.#dirty = false
  }
}

async function writeEntry(
  trx: Db, evaluationId: number | null, seq: number, prevHash: string | null, actor: Actor, input: AuditInput, at: string,
): Promise<string> {
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
  const hash = entryHash(fields)
  await insertAuditEntry(trx, { ...fields, before, after, hash })
  return hash
}

/** One audit entry of one evaluation, moving its head: the common case. */
export async function appendAudit(
  trx: Db, actor: Actor, head: Pick<EvaluationHead, 'id' | 'auditHead' | 'auditSeq'>, input: AuditInput, at: string,
): Promise<void> {
  const w = new AuditWriter(trx, actor, head.id, head, at)
  await w.append(input)
  await w.finish()
}

/** A system event (users): chained among the evaluation-less entries. */
export async function appendSystemAudit(trx: Db, actor: Actor, input: AuditInput, at: string): Promise<void> {
  const last = await lastSystemEntry(trx)
  await writeEntry(trx, null, (last?.seq ?? 0) + 1, last?.hash ?? null, actor, input, at)
}
