import type { Selectable } from 'kysely'
import type { CandidatesTable } from './database.ts'
import type { CandidateRecord } from './records.ts'

export function toCandidate(row: Selectable<CandidatesTable>): CandidateRecord {
  return { id: row.id, code: row.code, name: row.name, vendor: row.vendor, version: row.version, position: row.position }
}
