// Which table and column the audit verification (§7) compares, and how a stored row is put in
// the replay's form (audit-replay.ts). Every column of every table is listed here once: compared,
// part of the row's key, covered by the hash chain, or not compared with the reason why — a test
// (test/services/audit-verify.test.ts) reads the schema and fails on a column listed nowhere.
import type { RawRow } from '../db/table-rows.ts'
import { abstentionKey, catalogKey, consensusKey, passwordDigest, ratingKey } from './audit-replay.ts'

/** Stored ids → the codes and usernames the replay uses. */
export interface Lookup {
  readonly memberCode: ReadonlyMap<number, string>
  readonly candidateCode: ReadonlyMap<number, string>
  readonly username: ReadonlyMap<number, string>
}

export interface TableCheck {
  readonly table: string
  /** Whose chain rebuilds the rows: an evaluation's, the system's (users, catalogs), or none. */
  readonly chain: 'evaluation' | 'system' | 'none'
  /** The column tying a row to its evaluation (`evaluation` chain only). */
  readonly scope?: string
  /** Columns that name a row: a changed one shows as a row missing and another unexpected. */
  readonly keyColumns: readonly string[]
  /** Columns compared value by value with the replay. */
  readonly compared: readonly string[]
  /** Columns the hash-chain walk checks (the audit log itself, the evaluation's head). */
  readonly chained?: readonly string[]
  /** Columns deliberately not compared, each with why. */
  readonly notCompared: Readonly<Record<string, string>>
  /** The replay's key of a stored row; absent when the table is not compared row by row. */
  readonly key?: (row: RawRow, ctx: Lookup) => string
  /** A stored value → the replay's form (JSON parsed, ids as codes, a digest); others as stored. */
  readonly decode?: Readonly<Record<string, (value: unknown, ctx: Lookup) => unknown>>
}

/** JSON text parsed; text that is not JSON stays as it is (and so differs). */
export const json = (v: unknown): unknown => {
  if (typeof v !== 'string') return v
  try {
    return JSON.parse(v) as unknown
  } catch {
    return v
  }
}
const idOf = (map: ReadonlyMap<number, string>) => (v: unknown): unknown =>
  v === null ? null : (map.get(Number(v)) ?? `#${String(v)}`)
const member = (v: unknown, c: Lookup) => idOf(c.memberCode)(v)
const candidate = (v: unknown, c: Lookup) => idOf(c.candidateCode)(v)
const user = (v: unknown, c: Lookup) => idOf(c.username)(v)
const s = (v: unknown): string => String(v)

const ROW_ID = 'a row id: rows are matched by their codes'

export const TABLE_CHECKS: readonly TableCheck[] = [
  {
    table: 'evaluations',
    chain: 'evaluation',
    scope: 'id',
    keyColumns: ['id'],
    compared: [
      'title', 'basis', 'status', 'deadline', 'catalog_id', 'catalog_version', 'aggregation', 'threshold',
      'disagreement_spread', 'monte_carlo', 'scale', 'criteria', 'report', 'ahp', 'method', 'price_k', 'archived', 'created_by', 'created_at',
    ],
    chained: ['audit_head', 'audit_seq'],
    notCompared: {
      revision: 'the cache key of the frozen parts, bumped by changes',
      updated_at: 'the time of the last change, bookkeeping',
    },
    key: (r) => s(r.id),
    decode: { monte_carlo: json, scale: json, criteria: json, report: json, ahp: json },
  },
  {
    table: 'candidates',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'code'],
    compared: ['name', 'vendor', 'version', 'position'],
    notCompared: { id: ROW_ID },
    key: (r) => s(r.code),
  },
  {
    table: 'members',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'code'],
    compared: ['user_id', 'username', 'name', 'role', 'declared_at', 'position', 'paper'],
    notCompared: { id: ROW_ID },
    key: (r) => s(r.code),
    decode: { user_id: user },
  },
  {
    table: 'abstentions',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'member_id', 'candidate_id'],
    compared: ['reason'],
    notCompared: { id: ROW_ID },
    key: (r, c) => abstentionKey(s(member(r.member_id, c)), s(candidate(r.candidate_id, c))),
  },
  {
    table: 'ratings',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'member_id', 'candidate_id', 'criterion_id'],
    compared: ['value', 'pass', 'comment', 'updated_at', 'on_behalf'],
    notCompared: { id: ROW_ID },
    key: (r, c) => ratingKey(s(member(r.member_id, c)), s(candidate(r.candidate_id, c)), s(r.criterion_id)),
  },
  {
    table: 'consensus',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'candidate_id', 'criterion_id'],
    compared: ['value', 'pass', 'reason', 'updated_at'],
    notCompared: { id: ROW_ID },
    key: (r, c) => consensusKey(s(candidate(r.candidate_id, c)), s(r.criterion_id)),
  },
  {
    table: 'prices',
    chain: 'evaluation',
    scope: 'evaluation_id',
    keyColumns: ['evaluation_id', 'candidate_id'],
    compared: ['price', 'adjustments', 'updated_at'],
    notCompared: { id: ROW_ID },
    key: (r, c) => s(candidate(r.candidate_id, c)),
    // int8 may come back as text (PostgreSQL).
    decode: { price: (v) => (v === null ? null : Number(v)), adjustments: json },
  },
  {
    table: 'audit_log',
    chain: 'none',
    keyColumns: [],
    compared: [],
    chained: ['evaluation_id', 'seq', 'at', 'actor_user_id', 'on_behalf_of', 'action', 'entity', 'before', 'after', 'reason', 'prev_hash', 'hash'],
    notCompared: { id: 'a row id: entries are ordered by seq' },
  },
  {
    table: 'users',
    chain: 'system',
    keyColumns: ['id'],
    compared: ['username', 'display_name', 'password_hash', 'is_admin', 'created_at'],
    notCompared: {
      failed_logins: 'sign-in throttling, not a record',
      last_failed_at: 'sign-in throttling, not a record',
    },
    key: (r) => s(r.id),
    decode: { password_hash: (v) => (typeof v === 'string' ? passwordDigest(v) : v) },
  },
  {
    table: 'catalogs',
    chain: 'system',
    keyColumns: ['catalog_id', 'version'],
    compared: ['title', 'yaml', 'source_evaluation_id', 'created_by', 'created_at'],
    notCompared: {},
    key: (r) => catalogKey(s(r.catalog_id), s(r.version)),
    decode: { title: json },
  },
  {
    table: 'sessions',
    chain: 'none',
    keyColumns: [],
    compared: [],
    notCompared: {
      sid: 'sign-in sessions, not a record', data: 'sign-in sessions, not a record', expires_at: 'sign-in sessions, not a record',
      user_id: 'sign-in sessions, not a record',
    },
  },
  {
    // The session cookies' signing key (§15): a secret of the servers, not a record of anyone's
    // work, so no chain covers it. It is never exported, shown or written to the audit log.
    table: 'app_secrets',
    chain: 'none',
    keyColumns: [],
    compared: [],
    notCompared: {
      id: 'the one row\'s fixed key (always 1)',
      session_key: 'the key signing session cookies, a secret of the servers, not a record',
      created_at: 'when the key was made, bookkeeping',
    },
  },
]

export const checksOf = (chain: TableCheck['chain']): TableCheck[] => TABLE_CHECKS.filter((t) => t.chain === chain && t.key)
