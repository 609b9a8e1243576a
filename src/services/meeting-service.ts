// §13: the review meeting (biên bản họp Tổ đánh giá), kept as `report.meeting` of the §9 file.
// Recorded by the secretary or the chair while the evaluation is in review; audited with the
// whole block before and after.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { updateEvaluation as writeEvaluation } from '../db/evaluation-repository.ts'
import { checkMeeting, Meeting, type ReportBlock } from '../domain/evaluation-file.ts'
import { formatPath } from '../domain/issues.ts'
import { langOf, type Actor } from './actor.ts'
import { validationError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional()
const s = Meeting.shape

/** Key by key: a key left out is kept, `null` (or an empty text) clears it. */
export const MeetingPatch = z.object({
  startedAt: nullable(s.startedAt.unwrap()),
  endedAt: nullable(s.endedAt.unwrap()),
  place: nullable(z.string().max(500)),
  chairedBy: nullable(z.string().max(100)),
  present: nullable(z.array(z.string().max(100)).max(500)),
  absent: nullable(s.absent.unwrap().max(500)),
  notes: nullable(z.string().max(100_000)),
}).strict()
export type MeetingPatch = z.infer<typeof MeetingPatch>

/** Secretary or chair, in review. Returns the meeting block as stored (null when emptied). */
export async function updateMeeting(db: Db, actor: Actor, id: number, input: MeetingPatch): Promise<Meeting | null> {
  const patch = parseInput(MeetingPatch, input, actor)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair', 'secretary'])
    requireStatus(access, ['review'])
    const { evaluation: e, members } = await loadState(trx, id)
    const before = e.report?.meeting ?? null
    const merged: Record<string, unknown> = { ...(before ?? {}) }
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || (typeof v === 'string' && v.trim() === '')) delete merged[k]
      else if (v !== undefined) merged[k] = typeof v === 'string' ? v.trim() : v
    }
    const meeting = Object.keys(merged).length ? (merged as Meeting) : null
    if (meeting) {
      const issues = checkMeeting(meeting, new Set(members.map((m) => m.code)), langOf(actor))
      if (issues.length) throw validationError(issues.map((i) => ({ path: formatPath(i.path), message: i.message })))
    }
    const report: Record<string, unknown> = { ...(e.report ?? {}) }
    if (meeting) report.meeting = meeting
    else delete report.meeting
    const at = now()
    await writeEvaluation(trx, id, { report: Object.keys(report).length ? (report as ReportBlock) : null }, at)
    await appendAudit(trx, actor, access.head, { action: 'meeting.update', entity: `evaluation:${id}`, before, after: meeting }, at)
    return meeting
  })
}
