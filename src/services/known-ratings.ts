// What this process knows of an evaluation's ratings as of one audit head (§10, §15): the head
// its last committed batch of rating saves left, and the cells (rater × candidate × criterion)
// that batch and the ones before it read or wrote under the heads leading there. Every change of
// an evaluation's ratings, members, criteria or status moves its head (audit chain, revision,
// status), so while the head in the database is still the one known here, so are the known cells:
// a save needs not read the ratings it replaces. Nothing here is trusted blindly — every write
// that relies on it checks, under the head row's lock, that the head has not moved (and on
// SQLite, where one process is the only writer, the locked head is compared before use).
//
// `direct` says whether the next batch may try its one-statement write without a transaction
// (PostgreSQL): it is on only when the last batch found the head where this process had left it
// (no other writer in between), and off once that write finds another writer's head — so with
// two app servers busy on one evaluation, each stops guessing and takes the lock first.
import type { EvaluationHead, RatingRecord } from '../db/records.ts'

export interface KnownRatings {
  readonly head: EvaluationHead
  /** By rating key (ratingKeyOf): the stored rating, or null when there is none. */
  readonly cells: Map<string, RatingRecord | null>
  direct: boolean
}

/** Cells kept per evaluation at most (a large evaluation has 60 000 ratings: ~10 MB kept). */
const MAX_CELLS = 20_000
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

/**
 * After a commit: the evaluation is now at `head`; `cells` were read or written on the way there.
 * `from` is the head the batch started from (under its lock): when it is the head known here,
 * the cells known before still hold and are kept.
 */
export function rememberRatings(
  root: object, from: EvaluationHead, head: EvaluationHead, cells: Iterable<readonly [string, RatingRecord | null]>,
): void {
  const m = of(root)
  const before = m.get(head.id)
  const carried = before !== undefined && sameHead(before.head, from)
  // Carried over in place: the entry is replaced below, and only one batch at a time uses it.
  const kept = carried ? before.cells : new Map<string, RatingRecord | null>()
  for (const [k, v] of cells) {
    if (kept.size >= MAX_CELLS && !kept.has(k)) continue
    kept.set(k, v)
  }
  m.delete(head.id)
  // The direct write is worth trying only while this process is the evaluation's one writer: the
  // batch found the head where the last one left it.
  m.set(head.id, { head, cells: kept, direct: carried })
  if (m.size > MAX_EVALUATIONS) m.delete(m.keys().next().value!)
}

/** The direct write found another writer's head: the cells may be stale, and the next batch takes the lock first. */
export function contendedRatings(root: object, known: KnownRatings): void {
  of(root).set(known.head.id, { head: known.head, cells: new Map(), direct: false })
}

/** A write's outcome is unknown (the connection broke): know nothing of the evaluation. */
export function forgetRatings(root: object, id: number): void {
  of(root).delete(id)
}
