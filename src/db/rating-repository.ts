import type { OnConflictBuilder } from 'kysely'
import type { Database, Db } from './database.ts'
import { toRating } from './rating-mapper.ts'
import type { RatingRecord } from './records.ts'

export interface RatingKey {
  readonly memberId: number
  readonly candidateId: number
  readonly criterion: string
}

export interface RatingValue {
  readonly value: number | null
  readonly pass: boolean | null
  readonly comment: string | null
  /** Entered by the secretary on the rater's behalf (§2); absent = by the rater. */
  readonly onBehalf?: boolean
}

/** The row of one rating as stored. */
export function ratingRow(evaluationId: number, k: RatingKey, v: RatingValue, at: string) {
  return {
    evaluation_id: evaluationId,
    member_id: k.memberId,
    candidate_id: k.candidateId,
    criterion_id: k.criterion,
    value: v.value,
    pass: v.pass === null ? null : v.pass ? 1 : 0,
    comment: v.comment,
    updated_at: at,
    on_behalf: v.onBehalf ? 1 : 0,
  }
}

export const ratingKeyOf = (k: RatingKey) => `${k.memberId}\u0000${k.candidateId}\u0000${k.criterion}`

/** Rows per multi-row statement: 9 parameters each (3 per key when reading). */
const RATING_ROWS_PER_STATEMENT = 200

/** The ratings with a key given twice kept once, with its last value (one statement may not update a row twice). */
export function lastPerKey<R extends RatingKey>(rows: readonly R[]): R[] {
  const last = new Map<string, R>()
  for (const r of rows) {
    const key = ratingKeyOf(r)
    last.delete(key)
    last.set(key, r)
  }
  return [...last.values()]
}

/** An upsert's conflict clause: the row of the same key takes the new value. */
export const onRatingConflict = (oc: OnConflictBuilder<Database, 'ratings'>) =>
  oc.columns(['evaluation_id', 'member_id', 'candidate_id', 'criterion_id']).doUpdateSet((eb) => ({
    value: eb.ref('excluded.value'),
    pass: eb.ref('excluded.pass'),
    comment: eb.ref('excluded.comment'),
    updated_at: eb.ref('excluded.updated_at'),
    on_behalf: eb.ref('excluded.on_behalf'),
  }))

/** Inserts or replaces several ratings in a few multi-row statements (group commit); a key given twice keeps its last value. */
export async function upsertRatings(
  db: Db, evaluationId: number, rows: readonly (RatingKey & RatingValue & { readonly at: string })[],
): Promise<void> {
  const unique = lastPerKey(rows)
  for (let i = 0; i < unique.length; i += RATING_ROWS_PER_STATEMENT) {
    await db.insertInto('ratings')
      .values(unique.slice(i, i + RATING_ROWS_PER_STATEMENT).map((r) => ratingRow(evaluationId, r, r, r.at)))
      .onConflict(onRatingConflict)
      .execute()
  }
}

/** The stored ratings among `keys` (those not rated yet are simply absent). */
export async function findRatings(db: Db, evaluationId: number, keys: readonly RatingKey[]): Promise<RatingRecord[]> {
  const found: RatingRecord[] = []
  for (let i = 0; i < keys.length; i += RATING_ROWS_PER_STATEMENT) {
    const chunk = keys.slice(i, i + RATING_ROWS_PER_STATEMENT)
    const rows = await db.selectFrom('ratings').selectAll()
      .where('evaluation_id', '=', evaluationId)
      .where((eb) => eb.or(chunk.map((k) => eb.and([
        eb('member_id', '=', k.memberId), eb('candidate_id', '=', k.candidateId), eb('criterion_id', '=', k.criterion),
      ]))))
      .execute()
    found.push(...rows.map(toRating))
  }
  return found
}

export async function listRatings(db: Db, evaluationId: number, memberId?: number): Promise<RatingRecord[]> {
  let q = db.selectFrom('ratings').selectAll().where('evaluation_id', '=', evaluationId)
  if (memberId !== undefined) q = q.where('member_id', '=', memberId)
  const rows = await q.orderBy('id').execute()
  return rows.map(toRating)
}

export async function countRatingsByMember(db: Db, evaluationId: number, memberId: number): Promise<number> {
  const row = await db.selectFrom('ratings').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('evaluation_id', '=', evaluationId).where('member_id', '=', memberId).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Ratings per member × candidate (counts only: progress never reads values). */
export async function countRatingsBySheet(db: Db, evaluationId: number): Promise<{ memberId: number; candidateId: number; n: number }[]> {
  const rows = await db.selectFrom('ratings')
    .select(['member_id', 'candidate_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('evaluation_id', '=', evaluationId)
    .groupBy(['member_id', 'candidate_id']).execute()
  return rows.map((r) => ({ memberId: r.member_id, candidateId: r.candidate_id, n: Number(r.n) }))
}

export async function countRatingsByEvaluation(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('ratings')
    .select(['evaluation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('evaluation_id', 'in', ids).groupBy('evaluation_id').execute()
  return new Map(rows.map((r) => [r.evaluation_id, Number(r.n)]))
}

/** Many new ratings at once (import): multi-row inserts, a few hundred rows per statement. */
export async function insertRatings(
  db: Db, evaluationId: number, rows: readonly (RatingKey & RatingValue)[], at: string,
): Promise<void> {
  const CHUNK = 400 // × 9 parameters, well under SQLite's limit of 32 766
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto('ratings').values(rows.slice(i, i + CHUNK).map((r) => ratingRow(evaluationId, r, r, at))).execute()
  }
}
