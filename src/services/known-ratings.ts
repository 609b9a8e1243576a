// What this process knows of an evaluation's ratings as of one audit head (§10, §15): the head
// its last committed batch of rating saves left, and the cells (rater × candidate × criterion)
// that batch and the ones before it read or wrote under the heads leading there. Every change of
// an evaluation's ratings, members, criteria or status moves its head (audit chain, revision,
// status), so while the head in the database is still the one known here, so are the known cells:
// a save needs not read the ratings it replaces. Nothing here is trusted blindly: a batch in a
// transaction compares the head it locked with the known one before using the cells, and the
// direct write checks the head under the row's lock. When the head moved with the same revision
// (another server's saves, a sheet entered by the secretary), the audit entries in between say
// what changed — rating saves record the stored rating as `after` — and bring the cells forward;
// anything else between, and the cells are dropped and read again as needed.
//
// `direct` says whether the next batch may try its one-statement write without a transaction
// (PostgreSQL): it is on only when the last batch found the head where this process had left it
// (no other writer in between), and off once that write finds another writer's head — so with
// two app servers busy on one evaluation, each stops guessing and takes the lock first.
import type { ChangeEntry } from '../db/rating-change-repository.ts'
import { ratingKeyOf } from '../db/rating-repository.ts'
import type { EvaluationHead, RatingRecord } from '../db/records.ts'
import { savedByEntry } from './rating-rules.ts'

/**
 * Known cells, by rating key (ratingKeyOf): the stored rating, or null for "not rated". Once
 * filled from all the evaluation's ratings the set is `complete`: a cell not in it is not rated.
 */
export class Cells {
  readonly #map = new Map<string, RatingRecord | null>()
  #complete = false
  /** False once the evaluation proved too large to read whole (more than MAX_CELLS ratings). */
  fillable = true

  get complete(): boolean {
    return this.#complete
  }

  /** The cell's rating, null when not rated, undefined when not known. */
  get(key: string): RatingRecord | null | undefined {
    const v = this.#map.get(key)
    return v !== undefined ? v : this.#complete ? null : undefined
  }

  /** Up to the bound: a cell that does not fit is not known (and the set no longer complete). */
  set(key: string, value: RatingRecord | null): void {
    if (this.#map.size >= MAX_CELLS && !this.#map.has(key)) {
      this.#complete = false
      return
    }
    this.#map.set(key, value)
  }

  addAll(batch: ReadonlyMap<string, RatingRecord | null>): this {
    for (const [k, v] of batch) this.set(k, v)
    return this
  }

  /** Every rating of the evaluation, read at once. */
  fill(rows: readonly RatingRecord[]): void {
    this.#map.clear()
    for (const r of rows) this.#map.set(ratingKeyOf(r), r)
    this.#complete = true
  }

  clear(): void {
    this.#map.clear()
    this.#complete = false
  }
}

export interface KnownRatings {
  /** The head this process's last batch of saves left. */
  readonly head: EvaluationHead
  readonly cells: Cells
  /**
   * The head as of which each cell holds its value then or a later one: the cells are exact as
   * of `head` when it is `head`, else once caught up from it (a batch that found another
   * writer's head on PostgreSQL does not catch up: its write checks the cells it relies on).
   */
  readonly validAt: EvaluationHead
  direct: boolean
}

/** Cells kept per evaluation at most (a large evaluation has 60 000 ratings; this many is ~5 MB). */
export const MAX_CELLS = 20_000
/** Evaluations kept at most per database: the least recently saved one goes first. */
const MAX_EVALUATIONS = 16

const known = new WeakMap<object, Map<number, KnownRatings>>()

function of(root: object): Map<number, KnownRatings> {
  let m = known.get(root)
  if (!m) {
    m = new Map()
    known.set(root, m)
  }
  return m
}

export const sameHead = (a: EvaluationHead, b: EvaluationHead): boolean =>
  a.id === b.id && a.auditSeq === b.auditSeq && a.auditHead === b.auditHead && a.revision === b.revision && a.status === b.status

export function knownRatings(root: object, id: number): KnownRatings | undefined {
  return of(root).get(id)
}

/** After a commit: the evaluation is now at `head`, the cells as in `cells` (see KnownRatings). */
export function rememberRatings(root: object, head: EvaluationHead, cells: Cells, validAt: EvaluationHead, direct: boolean): void {
  const m = of(root)
  m.delete(head.id)
  m.set(head.id, { head, cells, validAt, direct })
  if (m.size > MAX_EVALUATIONS) m.delete(m.keys().next().value!)
}

/** Audit entries read to catch up at most; more, and the cells are read from the ratings. */
export const MAX_CATCH_UP = 1000

/** Whether cells valid at `from` may be brought to `head` from the audit entries in between (same revision: only ratings may differ). */
export const mayCatchUp = (from: EvaluationHead, head: EvaluationHead): boolean =>
  from.revision === head.revision && head.auditSeq > from.auditSeq && head.auditSeq - from.auditSeq <= MAX_CATCH_UP

/**
 * Brings `cells`, valid at `from`, to `head` from the audit entries after `from` — when they are
 * exactly the entries up to `head` and all rating saves (whose `after` is the stored rating).
 * Otherwise the cells are dropped. Either way they are then exact as of `head`; true when caught up.
 */
export function catchUp(
  cells: Cells, from: EvaluationHead, head: EvaluationHead, entries: readonly ChangeEntry[],
  codes: { readonly membersByCode: ReadonlyMap<string, { readonly id: number }>; readonly candidateIds: ReadonlyMap<string, number> },
): boolean {
  const complete = entries.length === head.auditSeq - from.auditSeq && entries.at(-1)?.seq === head.auditSeq
  if (complete) {
    const changed: [string, RatingRecord][] = []
    for (const e of entries) {
      const saved = savedByEntry(e)
      const memberId = saved && codes.membersByCode.get(saved.member)?.id
      const candidateId = saved && codes.candidateIds.get(saved.candidate)
      if (!saved || memberId === undefined || candidateId === undefined) break
      const r: RatingRecord = { id: 0, memberId, candidateId, criterion: saved.criterion, value: saved.value, pass: saved.pass, comment: saved.comment, updatedAt: '', onBehalf: false }
      changed.push([ratingKeyOf(r), r])
    }
    if (changed.length === entries.length) {
      for (const [k, r] of changed) cells.set(k, r)
      return true
    }
  }
  cells.clear()
  return false
}

/** The direct write found another writer's head: the next batch takes the lock first (and catches up from the known head). */
export function contendedRatings(known: KnownRatings): void {
  known.direct = false
}

/** A write's outcome is unknown (the connection broke): know nothing of the evaluation. */
export function forgetRatings(root: object, id: number): void {
  of(root).delete(id)
}
