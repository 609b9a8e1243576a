// The results of an evaluation kept between views (§10: the results page of a large evaluation,
// also right after a rating changed). What is kept are the parts of the results
// (domain/results-state.ts), under the audit head's seq and the revision they were read at.
// Every change appends to the audit log and every change other than a rating bumps the revision,
// so: same revision and seq → the kept results; same revision, later seq → the entries since
// then are rating saves, the cells they name are read again and only what depends on those cells
// is computed again; anything else (another kind of entry, another revision, too many changes) →
// the whole evaluation is read again, as the first time.
import type { Db } from '../db/database.ts'
import { listChangesAfter } from '../db/rating-change-repository.ts'
import { findRatings, ratingKeyOf, type RatingKey } from '../db/rating-repository.ts'
import type { EvaluationHead } from '../db/records.ts'
import type { Results } from '../domain/results.ts'
import { resultsOf, resultsState, spreadsOf, withRatings, type RatingChange, type ResultsState } from '../domain/results-state.ts'
import type { Spread } from '../domain/spreads.ts'
import { readEvaluationFile } from './evaluation-file-builder.ts'
import { savedByEntry } from './rating-rules.ts'

export interface Computed {
  readonly results: Results
  readonly spreads: readonly Spread[]
}

/** More changes than this since the kept results: reading everything again is as cheap. */
const MAX_CHANGES = 1000

interface Kept {
  readonly seq: number
  readonly revision: number
  readonly state: ResultsState
  /** Codes → row ids, for reading the cells an audit entry names. */
  readonly memberIds: ReadonlyMap<string, number>
  readonly candidateIds: ReadonlyMap<string, number>
  /** Results with and without Monte Carlo, made on first use. */
  readonly computed: Map<boolean, Computed>
}

const kept = new WeakMap<object, Map<number, Kept>>()

/**
 * The results of evaluation `id` as of `head` or later (the head was read before anything else:
 * whatever is read after it is at least as new as the key it is kept under). A copy, so a caller
 * that sorts or edits what it got cannot change the kept results.
 */
export async function keptResults(db: Db, id: number, head: EvaluationHead, monteCarlo: boolean): Promise<Computed> {
  let perDb = kept.get(db)
  if (!perDb) {
    perDb = new Map()
    kept.set(db, perDb)
  }
  const hit = perDb.get(id)
  let k = hit && hit.revision === head.revision
    ? hit.seq >= head.auditSeq ? hit : await afterRatingSaves(db, id, hit)
    : undefined
  k ??= await readAll(db, id, head)
  const current = perDb.get(id)
  // Concurrent views may finish out of order: keep the newest.
  if (!current || current.revision < k.revision || (current.revision === k.revision && current.seq <= k.seq)) perDb.set(id, k)
  let computed = k.computed.get(monteCarlo)
  if (!computed) {
    computed = { results: resultsOf(k.state, { monteCarlo }), spreads: spreadsOf(k.state) }
    k.computed.set(monteCarlo, computed)
  }
  return structuredClone(computed)
}

async function readAll(db: Db, id: number, head: EvaluationHead): Promise<Kept> {
  const { file, state } = await readEvaluationFile(db, id)
  return {
    seq: head.auditSeq,
    revision: head.revision,
    state: resultsState(file),
    memberIds: new Map(state.members.map((m) => [m.code, m.id])),
    candidateIds: new Map(state.candidates.map((c) => [c.code, c.id])),
    computed: new Map(),
  }
}

/** The kept state with the rating saves since it applied, or undefined when anything else happened. */
async function afterRatingSaves(db: Db, id: number, k: Kept): Promise<Kept | undefined> {
  const entries = await listChangesAfter(db, id, k.seq, MAX_CHANGES + 1)
  if (entries.length === 0 || entries.length > MAX_CHANGES) return undefined
  const cells = new Map<string, RatingKey & { member: string; candidate: string }>()
  for (const e of entries) {
    const cell = savedByEntry(e)
    const memberId = cell && k.memberIds.get(cell.member)
    const candidateId = cell && k.candidateIds.get(cell.candidate)
    if (!cell || memberId === undefined || candidateId === undefined) return undefined
    cells.set(ratingKeyOf({ memberId, candidateId, criterion: cell.criterion }), { ...cell, memberId, candidateId })
  }
  // The rows as they are now, which may already be newer than the last entry read: harmless, a
  // later view reads the entries after it again and reads those cells again.
  const rows = new Map((await findRatings(db, id, [...cells.values()])).map((r) => [ratingKeyOf(r), r]))
  const changes: RatingChange[] = [...cells].map(([key, cell]) => {
    const row = rows.get(key)
    return {
      member: cell.member, candidate: cell.candidate, criterion: cell.criterion,
      ...(row?.value == null ? {} : { value: row.value }),
      ...(row?.pass == null ? {} : { pass: row.pass }),
    }
  })
  return { ...k, seq: entries.at(-1)!.seq, state: withRatings(k.state, changes), computed: new Map() }
}
