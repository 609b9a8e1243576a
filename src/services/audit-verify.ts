// Audit verification (§7): walk the chain from the first entry to the head kept on the
// evaluation, then replay it and compare with the tables.
import type { Db } from '../db/database.ts'
import { listAuditEntries } from '../db/audit-repository.ts'
import { findEvaluation } from '../db/evaluation-repository.ts'
import { listRatings as listRatingRows } from '../db/rating-repository.ts'
import type { AuditEntry } from '../db/records.ts'
import type { Lang } from '../domain/messages.ts'
import { AppError } from './app-error.ts'
import { hashOfEntry } from './audit-chain.ts'
import { loadState } from './evaluation-state.ts'
import { serviceMessage } from './messages.ts'

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface AuditVerification {
  readonly ok: boolean
  readonly entries: number
  readonly problems: string[]
}

type Replayed = { value: number | null; pass: boolean | null; comment: string | null }
const show = (r: Replayed) => (r.value !== null ? String(r.value) : r.pass !== null ? (r.pass ? 'pass' : 'fail') : '—') + (r.comment ? ` "${r.comment}"` : '')
const same = (a: Replayed, b: Replayed) => a.value === b.value && a.pass === b.pass && a.comment === b.comment
const replayed = (r: Obj): Replayed => ({
  value: typeof r.value === 'number' ? r.value : null,
  pass: typeof r.pass === 'boolean' ? r.pass : null,
  comment: typeof r.comment === 'string' && r.comment !== '' ? r.comment : null,
})

/** Rebuilds the ratings from the log: imports, saves, and removals that cascade. */
function replay(entries: readonly AuditEntry[]): Map<string, Replayed> {
  const ratings = new Map<string, Replayed>()
  const keyOf = (r: Obj) => `${String(r.member)}/${String(r.candidate)}/${String(r.criterion)}`
  const dropWhere = (pred: (key: string[]) => boolean) => {
    for (const k of [...ratings.keys()]) if (pred(k.split('/'))) ratings.delete(k)
  }
  for (const e of entries) {
    if (e.action === 'evaluation.import' && isObj(e.after) && Array.isArray(e.after.ratings)) {
      for (const r of e.after.ratings as Obj[]) ratings.set(keyOf(r), replayed(r))
    } else if (e.action === 'rating.save' && isObj(e.after)) {
      ratings.set(keyOf(e.after), replayed(e.after))
    } else if (e.action === 'candidate.remove' && isObj(e.before)) {
      const code = String(e.before.id)
      dropWhere((k) => k[1] === code)
    } else if (e.action === 'member.remove' && isObj(e.before)) {
      const code = String(e.before.id)
      dropWhere((k) => k[0] === code)
    }
  }
  return ratings
}

/**
 * Checks an evaluation's audit chain: contiguous seqs from 1, each entry linked to the previous
 * by hash, each hash recomputed, the last entry being the head kept on the evaluation (a
 * truncated tail fails); then the replayed ratings must equal the ratings table.
 */
export async function verifyAudit(db: Db, id: number, lang: Lang = 'vi'): Promise<AuditVerification> {
  const evaluation = await findEvaluation(db, id)
  if (!evaluation) throw new AppError('not_found', 'evaluationNotFound', { id })
  const entries = await listAuditEntries(db, id)
  const problems: string[] = []
  let prev: string | null = null
  entries.forEach((e, i) => {
    if (e.seq !== i + 1) problems.push(serviceMessage(lang, 'auditSeq', { seq: e.seq, expected: i + 1 }))
    if (e.prevHash !== prev) problems.push(serviceMessage(lang, 'auditLink', { seq: e.seq }))
    if (hashOfEntry(e) !== e.hash) problems.push(serviceMessage(lang, 'auditHash', { seq: e.seq }))
    prev = e.hash
  })
  const last = entries.at(-1)
  if ((last?.seq ?? 0) !== evaluation.auditSeq) {
    problems.push(serviceMessage(lang, 'auditHead', { headSeq: evaluation.auditSeq, lastSeq: last?.seq ?? 0 }))
  } else if ((last?.hash ?? null) !== evaluation.auditHead) {
    problems.push(serviceMessage(lang, 'auditHeadHash'))
  }

  const expected = replay(entries)
  const s = await loadState(db, id)
  const candidateCode = new Map(s.candidates.map((c) => [c.id, c.code]))
  const memberCode = new Map(s.members.map((m) => [m.id, m.code]))
  const actual = new Map<string, Replayed>()
  for (const r of await listRatingRows(db, id)) {
    actual.set(`${memberCode.get(r.memberId)}/${candidateCode.get(r.candidateId)}/${r.criterion}`, { value: r.value, pass: r.pass, comment: r.comment })
  }
  for (const [key, want] of expected) {
    const got = actual.get(key)
    if (!got) problems.push(serviceMessage(lang, 'auditRatingMissing', { key }))
    else if (!same(got, want)) problems.push(serviceMessage(lang, 'auditRatingDiffers', { key, actual: show(got), expected: show(want) }))
  }
  for (const key of actual.keys()) if (!expected.has(key)) problems.push(serviceMessage(lang, 'auditRatingExtra', { key }))
  return { ok: problems.length === 0, entries: entries.length, problems }
}
