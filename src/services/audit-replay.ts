// Replaying the audit log (§7 "Tamper evidence is complete"): a registry of per-action handlers
// over a plain state of rows, shaped like the tables, so audit-verify.ts can compare the two
// column by column. An evaluation's log rebuilds its whole evaluation (evaluations, candidates,
// members, abstentions, ratings); the system chain rebuilds users and stored catalogs.
//
// A row holds each column as the table stores it, except: references to members, candidates and
// users are their codes / usernames (not row ids), JSON columns are parsed, and a password hash is
// its SHA-256 digest (the log never carries the hash itself). How to add a handler: README.md.
import type { AuditEntry } from '../db/records.ts'
import { sha256Hex } from '../domain/canonical.ts'

export type Row = Record<string, unknown>

/** An audit entry as a verification problem names it. */
export interface EntryRef {
  readonly seq: number
  readonly at: string
  readonly action: string
}

/** What the replay rebuilds: table → row key → row; and which entry last set each cell. */
export interface ReplayState {
  readonly tables: Record<string, Map<string, Row>>
  /** `table␀key␀column` → the entry that last set it. */
  readonly sources: Map<string, EntryRef>
}

/** A handler's refusal: the entry does not carry what its replay needs (`detail` names the field). */
export class ReplayError extends Error {}

export type ReplayHandler = (s: ReplayState, e: AuditEntry) => void

export const refOf = (e: AuditEntry): EntryRef => ({ seq: e.seq, at: e.at, action: e.action })

// ---- state helpers (handlers use these only) --------------------------------------------------

export function emptyState(tables: readonly string[]): ReplayState {
  return { tables: Object.fromEntries(tables.map((t) => [t, new Map<string, Row>()])), sources: new Map() }
}

const tableOf = (s: ReplayState, table: string): Map<string, Row> => {
  const t = s.tables[table]
  if (!t) throw new ReplayError(`no table ${table}`)
  return t
}

const mark = (s: ReplayState, e: AuditEntry, table: string, key: string, columns: Iterable<string>) => {
  const ref = refOf(e)
  for (const c of columns) s.sources.set(`${table}\u0000${key}\u0000${c}`, ref)
}

export const sourceOf = (s: ReplayState, table: string, key: string, column: string): EntryRef | undefined =>
  s.sources.get(`${table}\u0000${key}\u0000${column}`)

/** Sets a whole row. */
export function put(s: ReplayState, e: AuditEntry, table: string, key: string, row: Row): void {
  tableOf(s, table).set(key, { ...row })
  mark(s, e, table, key, Object.keys(row))
}

/** Changes some columns of an existing row. */
export function patch(s: ReplayState, e: AuditEntry, table: string, key: string, cols: Row): void {
  const row = tableOf(s, table).get(key)
  if (!row) throw new ReplayError(`${table} ${key} does not exist at this point`)
  Object.assign(row, cols)
  mark(s, e, table, key, Object.keys(cols))
}

export function drop(s: ReplayState, table: string, key: string): void {
  if (!tableOf(s, table).delete(key)) throw new ReplayError(`${table} ${key} does not exist at this point`)
}

/** Removes the rows a deletion cascades to. */
export function dropWhere(s: ReplayState, table: string, pred: (row: Row) => boolean): void {
  const t = tableOf(s, table)
  for (const [k, row] of t) if (pred(row)) t.delete(k)
}

// ---- payload readers ---------------------------------------------------------------------------

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) throw new ReplayError(`${what} is not an object`)
  return v
}
export function str(o: Obj, k: string, what: string): string {
  const v = o[k]
  if (typeof v !== 'string') throw new ReplayError(`${what}.${k} is missing`)
  return v
}
const optStr = (o: Obj, k: string): string | null => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null)
const orNull = (v: unknown): unknown => (v === undefined ? null : v)
const arr = (v: unknown, what: string): unknown[] => {
  if (v === undefined) return []
  if (!Array.isArray(v)) throw new ReplayError(`${what} is not a list`)
  return v
}

// ---- keys: the same keys audit-tables.ts derives from stored rows ------------------------------

export const ratingKey = (member: string, candidate: string, criterion: string): string => `${member}/${candidate}/${criterion}`
export const abstentionKey = (member: string, candidate: string): string => `${member}/${candidate}`
export const catalogKey = (id: string, version: string): string => `${id}@${version}`
export const consensusKey = (candidate: string, criterion: string): string => `${candidate}/${criterion}`

// ---- evaluation chain ------------------------------------------------------------------------------

/** The evaluation's settings as the services name them (`EvaluationFields`) → its columns. */
const EVALUATION_FIELDS: Readonly<Record<string, string>> = {
  title: 'title',
  basis: 'basis',
  status: 'status',
  deadline: 'deadline',
  aggregation: 'aggregation',
  threshold: 'threshold',
  disagreementSpread: 'disagreement_spread',
  monteCarlo: 'monte_carlo',
  scale: 'scale',
  criteria: 'criteria',
  report: 'report',
  /** The top level's AHP `{ ids, matrix }` (a group's own is in `criteria`). */
  ahp: 'ahp',
  /** §12: `technical` is stored as null. */
  method: 'method',
  priceK: 'price_k',
}

/** Settings (camelCase, as audited) → evaluation columns; an unknown setting is refused. */
export function evaluationColumns(fields: Obj, what: string): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'catalog') {
      const c = v === null || v === undefined ? null : obj(v, `${what}.catalog`)
      out.catalog_id = c ? str(c, 'id', `${what}.catalog`) : null
      out.catalog_version = c ? str(c, 'version', `${what}.catalog`) : null
    } else if (k === 'method') {
      out.method = v === 'technical' || v === undefined ? null : v
    } else if (k === 'archived') {
      out.archived = v === true ? 1 : 0
    } else if (EVALUATION_FIELDS[k]) {
      out[EVALUATION_FIELDS[k]] = orNull(v)
    } else {
      throw new ReplayError(`${what}.${k}: a setting without a column`)
    }
  }
  return out
}

const evaluationKey = (e: AuditEntry): string => String(e.evaluationId)

/** The code in an entry's entity (`candidate:A` → `A`). */
export function entityCode(e: AuditEntry, kind: string): string {
  const m = new RegExp(`^${kind}:(.+)$`).exec(e.entity ?? '')
  if (!m) throw new ReplayError(`entity is not ${kind}:…`)
  return m[1] as string
}

const memberRow = (m: Obj, what: string, position: number, linked: boolean, declaredAt: string | null): Row => {
  const username = optStr(m, 'username')
  return {
    code: str(m, 'id', what),
    user_id: linked ? username : null,
    username,
    name: str(m, 'name', what),
    role: str(m, 'role', what),
    declared_at: declaredAt,
    position,
    paper: m.paper === true ? 1 : 0,
  }
}

const nextPosition = (t: Map<string, Row>): number => {
  let p = 0
  for (const r of t.values()) p = Math.max(p, Number(r.position) + 1)
  return p
}

const ratingRow = (member: string, r: Obj, what: string, at: string, onBehalf: boolean): Row => ({
  member_id: member,
  candidate_id: str(r, 'candidate', what),
  criterion_id: str(r, 'criterion', what),
  value: typeof r.value === 'number' ? r.value : null,
  pass: typeof r.pass === 'boolean' ? (r.pass ? 1 : 0) : null,
  comment: optStr(r, 'comment'),
  updated_at: at,
  on_behalf: onBehalf ? 1 : 0,
})

/** A rating saved by its rater, or entered by the secretary on their behalf (`on_behalf_of`). */
function putRating(s: ReplayState, e: AuditEntry, r: Obj, what: string, onBehalf = e.onBehalfOf !== null): void {
  const member = str(r, 'member', what)
  const row = ratingRow(member, r, what, e.at, onBehalf)
  put(s, e, 'ratings', ratingKey(member, row.candidate_id as string, row.criterion_id as string), row)
}

/** §12: a candidate's price proposal (adjustments as stored: a list, empty when none). */
function putPrice(s: ReplayState, e: AuditEntry, p: Obj, what: string): void {
  const candidate = str(p, 'candidate', what)
  put(s, e, 'prices', candidate, { candidate_id: candidate, price: p.price, adjustments: p.adjustments ?? [], updated_at: e.at })
}

/** §11: the committee's consensus of one candidate × criterion. */
function putConsensus(s: ReplayState, e: AuditEntry, c: Obj, what: string): void {
  const candidate = str(c, 'candidate', what)
  const criterion = str(c, 'criterion', what)
  put(s, e, 'consensus', consensusKey(candidate, criterion), {
    candidate_id: candidate, criterion_id: criterion,
    value: typeof c.value === 'number' ? c.value : null,
    pass: typeof c.pass === 'boolean' ? (c.pass ? 1 : 0) : null,
    reason: str(c, 'reason', what),
    updated_at: e.at,
  })
}

function putAbstention(s: ReplayState, e: AuditEntry, member: string, candidate: string, reason: string): void {
  put(s, e, 'abstentions', abstentionKey(member, candidate), { member_id: member, candidate_id: candidate, reason })
}

/**
 * Criteria edits carry the whole tree after the edit (`after.criteria`, groups' AHP `{ ids, matrix }`
 * included) and the top level's AHP (`after.ahp`, the `evaluations.ahp` column) when they set it.
 */
const criteriaEdit: ReplayHandler = (s, e) => {
  const after = obj(e.after, 'after')
  if (!Array.isArray(after.criteria)) throw new ReplayError('after.criteria is missing')
  patch(s, e, 'evaluations', evaluationKey(e), { criteria: after.criteria, ...('ahp' in after ? { ahp: orNull(after.ahp) } : {}) })
}

export const EVALUATION_HANDLERS: Record<string, ReplayHandler> = {
  'evaluation.create': (s, e) => {
    const a = obj(e.after, 'after')
    const fields = obj(a.evaluation, 'after.evaluation')
    put(s, e, 'evaluations', evaluationKey(e), { archived: 0, ...evaluationColumns(fields, 'after.evaluation'), created_by: e.actorUserId, created_at: e.at })
    arr(a.members, 'after.members').forEach((m, i) => {
      const mo = obj(m, `after.members[${i}]`)
      put(s, e, 'members', str(mo, 'id', 'member'), memberRow(mo, `after.members[${i}]`, i, optStr(mo, 'username') !== null, null))
    })
  },

  'evaluation.import': (s, e) => {
    const file = obj(e.after, 'after')
    const h = obj(file.evaluation, 'after.evaluation')
    const report = isObj(file.report) && Object.keys(file.report).length ? file.report : null
    put(s, e, 'evaluations', evaluationKey(e), {
      archived: 0,
      ...evaluationColumns({
        title: h.title, basis: h.basis, status: h.status ?? 'draft', deadline: h.deadline, catalog: h.catalog, aggregation: h.aggregation,
        threshold: h.threshold, disagreementSpread: h.disagreementSpread, monteCarlo: h.monteCarlo,
        scale: file.scale, criteria: file.criteria, report, ahp: h.ahp, method: h.method, priceK: h.K,
      }, 'after'),
      created_by: e.actorUserId,
      created_at: e.at,
    })
    arr(file.candidates, 'after.candidates').forEach((c, i) => {
      const co = obj(c, `after.candidates[${i}]`)
      put(s, e, 'candidates', str(co, 'id', 'candidate'), { code: co.id, name: str(co, 'name', 'candidate'), vendor: optStr(co, 'vendor'), version: optStr(co, 'version'), position: i })
    })
    const linked = new Set(arr(file.linked, 'after.linked').map(String))
    arr(file.members, 'after.members').forEach((m, i) => {
      const mo = obj(m, `after.members[${i}]`)
      put(s, e, 'members', str(mo, 'id', 'member'), memberRow(mo, `after.members[${i}]`, i, linked.has(String(mo.id)), optStr(mo, 'declaredAt')))
    })
    for (const a of arr(file.abstentions, 'after.abstentions')) {
      const ao = obj(a, 'abstention')
      putAbstention(s, e, str(ao, 'member', 'abstention'), str(ao, 'candidate', 'abstention'), str(ao, 'reason', 'abstention'))
    }
    for (const r of arr(file.ratings, 'after.ratings')) {
      const ro = obj(r, 'rating')
      putRating(s, e, ro, 'rating', ro.onBehalf === true)
    }
    for (const c of arr(file.consensus, 'after.consensus')) putConsensus(s, e, obj(c, 'consensus'), 'consensus')
    if (s.tables.prices) for (const p of arr(file.prices, 'after.prices')) putPrice(s, e, obj(p, 'price'), 'price')
  },

  'evaluation.update': (s, e) => patch(s, e, 'evaluations', evaluationKey(e), evaluationColumns(obj(e.after, 'after'), 'after')),
  'evaluation.conclusion': (s, e) => patch(s, e, 'evaluations', evaluationKey(e), evaluationColumns(obj(e.after, 'after'), 'after')),
  'evaluation.transition': (s, e) => patch(s, e, 'evaluations', evaluationKey(e), { status: str(obj(e.after, 'after'), 'status', 'after') }),
  // A signed copy kept next to the archived report (§14): a file, no table changes.
  'report.signed': () => {},

  'candidate.add': (s, e) => {
    const a = obj(e.after, 'after')
    const t = tableOf(s, 'candidates')
    put(s, e, 'candidates', str(a, 'id', 'after'), {
      code: a.id, name: str(a, 'name', 'after'), vendor: optStr(a, 'vendor'), version: optStr(a, 'version'),
      position: typeof a.position === 'number' ? a.position : nextPosition(t),
    })
  },
  'candidate.update': (s, e) => {
    const code = entityCode(e, 'candidate')
    const a = obj(e.after, 'after')
    const cols: Row = {}
    if ('name' in a) cols.name = a.name
    if ('vendor' in a) cols.vendor = orNull(a.vendor)
    if ('version' in a) cols.version = orNull(a.version)
    patch(s, e, 'candidates', code, cols)
  },
  'candidate.remove': (s, e) => {
    const code = str(obj(e.before, 'before'), 'id', 'before')
    drop(s, 'candidates', code)
    for (const t of CANDIDATE_CASCADE) if (s.tables[t]) dropWhere(s, t, (r) => r.candidate_id === code)
  },

  'member.add': (s, e) => {
    const a = obj(e.after, 'after')
    const t = tableOf(s, 'members')
    const position = typeof a.position === 'number' ? a.position : nextPosition(t)
    put(s, e, 'members', str(a, 'id', 'after'), memberRow(a, 'after', position, optStr(a, 'username') !== null, null))
  },
  /** A member's settings changed (the `paper` flag; `name`, `role` if ever audited here). */
  'member.update': (s, e) => {
    const a = obj(e.after, 'after')
    const cols: Row = {}
    if ('paper' in a) cols.paper = a.paper === true ? 1 : 0
    if ('name' in a) cols.name = str(a, 'name', 'after')
    if ('role' in a) cols.role = str(a, 'role', 'after')
    patch(s, e, 'members', entityCode(e, 'member'), cols)
  },
  'member.remove': (s, e) => {
    const code = str(obj(e.before, 'before'), 'id', 'before')
    drop(s, 'members', code)
    dropWhere(s, 'ratings', (r) => r.member_id === code)
    dropWhere(s, 'abstentions', (r) => r.member_id === code)
  },
  'member.link': (s, e) => {
    const code = entityCode(e, 'member')
    const username = str(obj(e.after, 'after'), 'username', 'after')
    patch(s, e, 'members', code, { username, user_id: username })
  },
  'member.declare': (s, e) => {
    const a = obj(e.after, 'after')
    const member = str(a, 'member', 'after')
    patch(s, e, 'members', member, { declared_at: e.at })
    for (const c of arr(a.conflicts, 'after.conflicts')) {
      const co = obj(c, 'conflict')
      putAbstention(s, e, member, str(co, 'candidate', 'conflict'), str(co, 'reason', 'conflict'))
    }
  },

  'criterion.update': criteriaEdit,
  'criterion.add': criteriaEdit,
  'criterion.delete': criteriaEdit,
  'criterion.ahp': criteriaEdit,

  'rating.save': (s, e) => putRating(s, e, obj(e.after, 'after'), 'after'),

  'consensus.set': (s, e) => putConsensus(s, e, obj(e.after, 'after'), 'after'),
  'consensus.remove': (s, e) => {
    const b = obj(e.before, 'before')
    drop(s, 'consensus', consensusKey(str(b, 'candidate', 'before'), str(b, 'criterion', 'before')))
  },

  /** §13: the meeting block inside the report block; `after` is the whole meeting, or null. */
  'meeting.update': (s, e) => {
    const key = evaluationKey(e)
    const row = tableOf(s, 'evaluations').get(key)
    if (!row) throw new ReplayError(`evaluations ${key} does not exist at this point`)
    const report: Obj = { ...(isObj(row.report) ? row.report : {}) }
    if (e.after === null) delete report.meeting
    else report.meeting = obj(e.after, 'after')
    patch(s, e, 'evaluations', key, { report: Object.keys(report).length ? report : null })
  },

  /** §12: a candidate's price proposal. */
  'price.set': (s, e) => putPrice(s, e, obj(e.after, 'after'), 'after'),
}

/** Tables whose rows go with a removed candidate (foreign keys on delete cascade). */
const CANDIDATE_CASCADE = ['ratings', 'abstentions', 'consensus', 'prices']

// ---- system chain --------------------------------------------------------------------------------

/** What the log keeps of a password hash: its digest, never the hash. */
export const passwordDigest = (passwordHash: string): string => sha256Hex(`password-hash:${passwordHash}`)

const userKey = (e: AuditEntry): string => entityCode(e, 'user')

const catalogEntry: ReplayHandler = (s, e) => {
  const a = obj(e.after, 'after')
  const id = str(a, 'id', 'after')
  const version = str(a, 'version', 'after')
  put(s, e, 'catalogs', catalogKey(id, version), {
    catalog_id: id, version, title: orNull(a.title), yaml: str(a, 'yaml', 'after'),
    source_evaluation_id: typeof a.evaluation === 'number' ? a.evaluation : null,
    created_by: e.actorUserId, created_at: e.at,
  })
}

export const SYSTEM_HANDLERS: Record<string, ReplayHandler> = {
  'user.create': (s, e) => {
    const a = obj(e.after, 'after')
    put(s, e, 'users', userKey(e), {
      username: str(a, 'username', 'after'),
      display_name: str(a, 'displayName', 'after'),
      password_hash: str(a, 'passwordDigest', 'after'),
      is_admin: a.admin === true ? 1 : 0,
      created_at: e.at,
    })
  },
  'user.password': (s, e) => patch(s, e, 'users', userKey(e), { password_hash: str(obj(e.after, 'after'), 'passwordDigest', 'after') }),
  'catalog.import': catalogEntry,
  'catalog.save': catalogEntry,
}

export interface ReplayOutcome {
  readonly state: ReplayState
  /** Entries that could not be replayed, with why. */
  readonly failures: { readonly entry: EntryRef; readonly detail: string; readonly unknownAction: boolean }[]
}

/** Replays `entries` in order from an empty state of `tables`. */
export function replay(entries: readonly AuditEntry[], handlers: Readonly<Record<string, ReplayHandler>>, tables: readonly string[]): ReplayOutcome {
  const state = emptyState(tables)
  const failures: ReplayOutcome['failures'][number][] = []
  for (const e of entries) {
    const h = Object.hasOwn(handlers, e.action) ? handlers[e.action] : undefined
    if (!h) {
      failures.push({ entry: refOf(e), detail: e.action, unknownAction: true })
      continue
    }
    try {
      h(state, e)
    } catch (err) {
      if (!(err instanceof ReplayError)) throw err
      failures.push({ entry: refOf(e), detail: err.message, unknownAction: false })
    }
  }
  return { state, failures }
}
