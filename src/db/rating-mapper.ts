import type { Selectable } from 'kysely'
import type { RatingsTable } from './database.ts'
import type { RatingRecord } from './records.ts'

export function toRating(row: Selectable<RatingsTable>): RatingRecord {
  return {
    id: row.id,
    memberId: row.member_id,
    candidateId: row.candidate_id,
    criterion: row.criterion_id,
    value: row.value,
    pass: row.pass === null ? null : row.pass === 1,
    comment: row.comment,
    updatedAt: row.updated_at,
    onBehalf: row.on_behalf === 1,
  }
}
