// Audit verification (§7 "Tamper evidence is complete"): walk the chain from its first entry
// (contiguous seqs, each linked to the previous by hash, each hash recomputed, the last one being
// the head kept on the evaluation: a truncated tail fails), replay it into the whole evaluation
// (audit-replay.ts) and compare that, column by column, with what the tables hold
// (audit-tables.ts). The system chain (users, catalogs) is verified the same way.
import type { Db } from '../db/database.ts'
import { findEvaluationHead } from '../db/evaluation-repository.ts'
import type { AuditEntry } from '../db/records.ts'
import { tableRows, type RawRow } from '../db/table-rows.ts'
import { canonicalJson } from '../domain/canonical.ts'
import type { Lang } from '../domain/messages.ts'
import { AppError } from './app-error.ts'
import { hashOfEntry } from './audit-chain.ts'
import { auditMessage, columnLabel, tableLabel } from './audit-messages.ts'
import {
  EVALUATION_HANDLERS, SYSTEM_HANDLERS, refOf, replay, sourceOf, type EntryRef, type ReplayHandler, type ReplayState, type Row,
} from './audit-replay.ts'
import { checksOf, json, type Lookup, type TableCheck } from './audit-tables.ts'
import { serviceMessage } from './messages.ts'

export interface AuditProblem {
  readonly kind: 'chain' | 'replay' | 'missing' | 'extra' | 'differs'
  /** In the caller's language, values included. */
  readonly message: string
  /** The same without stored values (pages during blind scoring show this one). */
  readonly blindMessage: string
  readonly table?: string
  readonly key?: string
  readonly column?: string
  /** The entry that broke, or the one that last set the value that now differs. */
  readonly entry?: EntryRef
}

export interface AuditVerification {
  readonly ok: boolean
  readonly entries: number
  /** The problems' messages (`details[i].message`). */
  readonly problems: string[]
  readonly details: AuditProblem[]
  /** The first entry found broken (chain, then replay, then the source of a difference). */
  readonly brokenAt: EntryRef | null
}

/** Audit rows as stored, JSON parsed where it parses (text that does not fails its hash). */
function toEntry(r: RawRow): AuditEntry {
  const text = (v: unknown) => (v === null || v === undefined ? null : json(v))
  return {
    id: Number(r.id),
    evaluationId: r.evaluation_id === null ? null : Number(r.evaluation_id),
    seq: Number(r.seq),
    at: String(r.at),
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    onBehalfOf: (r.on_behalf_of as string | null) ?? null,
    action: String(r.action),
    entity: (r.entity as string | null) ?? null,
    before: text(r.before),
    after: text(r.after),
    reason: (r.reason as string | null) ?? null,
    prevHash: (r.prev_hash as string | null) ?? null,
    hash: String(r.hash),
  }
}

async function chainEntries(db: Db, evaluationId: number | null): Promise<AuditEntry[]> {
  const rows = await tableRows(db, 'audit_log', { column: 'evaluation_id', value: evaluationId })
  return rows.map(toEntry).sort((a, b) => a.seq - b.seq)
}

const chainProblem = (message: string, e: AuditEntry | undefined): AuditProblem =>
  ({ kind: 'chain', message, blindMessage: message, ...(e ? { entry: refOf(e) } : {}) })

/** Contiguous seqs from 1, each entry linked to the previous one, each hash recomputed. */
function walkChain(entries: readonly AuditEntry[], lang: Lang): AuditProblem[] {
  const problems: AuditProblem[] = []
  let prev: string | null = null
  entries.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(chainProblem(serviceMessage(lang, 'auditSeq', { seq: e.seq, expected: i + 1 }), e))
    if (e.prevHash !== prev) problems.push(chainProblem(serviceMessage(lang, 'auditLink', { seq: e.seq }), e))
    if (hashOfEntry(e) !== e.hash) problems.push(chainProblem(serviceMessage(lang, 'auditHash', { seq: e.seq }), e))
    prev = e.hash
  })
  return problems
}

function replayProblems(entries: readonly AuditEntry[], handlers: Readonly<Record<string, ReplayHandler>>, tables: readonly string[], lang: Lang) {
  const out = replay(entries, handlers, tables)
  const problems = out.failures.map((f): AuditProblem => {
    const message = f.unknownAction
      ? auditMessage(lang, 'unknownAction', { seq: f.entry.seq, action: f.entry.action })
      : auditMessage(lang, 'unreplayable', { seq: f.entry.seq, detail: f.detail })
    return { kind: 'replay', message, blindMessage: message, entry: f.entry }
  })
  return { state: out.state, problems }
}

const SHOWN = 80
const cut = (t: string) => (t.length > SHOWN ? `${t.slice(0, SHOWN)}…` : t)

function show(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return auditMessage(lang, 'empty')
  if (typeof v === 'string') return `"${cut(v)}"`
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return cut(canonicalJson(v))
}

/** The first place two JSON values differ: its path and both values there. */
function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown } {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    for (const k of keys) {
      if (canonicalJson(a[k] ?? null) !== canonicalJson(b[k] ?? null)) {
        return firstDifference(a[k] ?? null, b[k] ?? null, Array.isArray(a) ? `${path}[${k}]` : `${path}${path ? '.' : ''}${k}`)
      }
    }
  }
  return { path, a, b }
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null)

/** Compares the replayed rows of each table with the stored ones. */
async function compareTables(
  db: Db, checks: readonly TableCheck[], state: ReplayState, scope: number | null, ctx: Lookup, lang: Lang,
): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = []
  for (const check of checks) {
    const stored = await tableRows(db, check.table, check.scope && scope !== null ? { column: check.scope, value: scope } : null)
    const expected = state.tables[check.table] ?? new Map<string, Row>()
    const table = tableLabel(lang, check.table)
    const seen = new Set<string>()
    for (const raw of stored) {
      const key = check.key!(raw, ctx)
      seen.add(key)
      const want = expected.get(key)
      if (!want) {
        const message = auditMessage(lang, 'extra', { table, key })
        problems.push({ kind: 'extra', message, blindMessage: message, table: check.table, key })
        continue
      }
      for (const column of check.compared) {
        const decode = check.decode?.[column]
        const got = decode ? decode(raw[column] ?? null, ctx) : (raw[column] ?? null)
        const exp = want[column] ?? null
        if (same(got, exp)) continue
        const d = firstDifference(got, exp)
        const label = `${columnLabel(lang, check.table, column)}${d.path ? ` ${d.path}` : ''}`
        const p = { table, key, column: label }
        problems.push({
          kind: 'differs',
          message: auditMessage(lang, 'differs', { ...p, actual: show(d.a, lang), expected: show(d.b, lang) }),
          blindMessage: check.table === 'ratings' ? auditMessage(lang, 'differsHidden', p) : auditMessage(lang, 'differs', { ...p, actual: show(d.a, lang), expected: show(d.b, lang) }),
          table: check.table, key, column,
          ...entryOf(sourceOf(state, check.table, key, column)),
        })
      }
    }
    for (const key of expected.keys()) {
      if (seen.has(key)) continue
      const message = auditMessage(lang, 'missing', { table, key })
      problems.push({ kind: 'missing', message, blindMessage: message, table: check.table, key, ...entryOf(sourceOf(state, check.table, key, check.compared[0] ?? '')) })
    }
  }
  return problems
}

const entryOf = (ref: EntryRef | undefined): { entry?: EntryRef } => (ref ? { entry: ref } : {})

function result(entries: number, details: AuditProblem[]): AuditVerification {
  const broken = details.find((p) => p.kind === 'chain' && p.entry) ?? details.find((p) => p.kind === 'replay') ?? details.find((p) => p.entry)
  return { ok: details.length === 0, entries, problems: details.map((p) => p.message), details, brokenAt: broken?.entry ?? null }
}

const byId = (rows: readonly RawRow[], value: string) => new Map(rows.map((r) => [Number(r.id), String(r[value])]))

/**
 * Verifies an evaluation's audit chain and replays it into the whole evaluation, which must equal
 * the tables (every column that matters, audit-tables.ts). `not_found` for an unknown evaluation.
 */
export async function verifyAudit(db: Db, id: number, lang: Lang = 'vi'): Promise<AuditVerification> {
  const head = await findEvaluationHead(db, id)
  if (!head) throw new AppError('not_found', 'evaluationNotFound', { id })
  const entries = await chainEntries(db, id)
  const details = walkChain(entries, lang)
  const last = entries.at(-1)
  if ((last?.seq ?? 0) !== head.auditSeq) {
    details.push(chainProblem(serviceMessage(lang, 'auditHead', { headSeq: head.auditSeq, lastSeq: last?.seq ?? 0 }), last))
  } else if ((last?.hash ?? null) !== head.auditHead) {
    details.push(chainProblem(serviceMessage(lang, 'auditHeadHash'), last))
  }

  const checks = checksOf('evaluation')
  const replayed = replayProblems(entries, EVALUATION_HANDLERS, checks.map((c) => c.table), lang)
  details.push(...replayed.problems)
  const [members, candidates, users] = await Promise.all([
    tableRows(db, 'members', { column: 'evaluation_id', value: id }),
    tableRows(db, 'candidates', { column: 'evaluation_id', value: id }),
    tableRows(db, 'users'),
  ])
  const ctx: Lookup = { memberCode: byId(members, 'code'), candidateCode: byId(candidates, 'code'), username: byId(users, 'username') }
  details.push(...(await compareTables(db, checks, replayed.state, id, ctx, lang)))
  return result(entries.length, details)
}

/**
 * The system chain (entries without an evaluation): links and hashes, then a replay of users
 * (username, display name, admin flag, password changes) and stored catalogs, which must equal
 * those tables.
 */
export async function verifySystemAudit(db: Db, lang: Lang = 'vi'): Promise<AuditVerification> {
  const entries = await chainEntries(db, null)
  const details = walkChain(entries, lang)
  const checks = checksOf('system')
  const replayed = replayProblems(entries, SYSTEM_HANDLERS, checks.map((c) => c.table), lang)
  details.push(...replayed.problems)
  const ctx: Lookup = { memberCode: new Map(), candidateCode: new Map(), username: new Map() }
  details.push(...(await compareTables(db, checks, replayed.state, null, ctx, lang)))
  return result(entries.length, details)
}
