// Review pages (§2, §11, §13), working without JavaScript:
//   GET  /evaluations/:id/review[?group=KS&disagreements=1]   the workspace (committee, from review on)
//   POST /evaluations/:id/review/consensus/:candidateId/:criterionId          record (chair, review)
//   POST /evaluations/:id/review/consensus/:candidateId/:criterionId/remove   remove, with a reason
//   GET  /evaluations/:id/meeting   the meeting block and the minutes downloads
//   POST /evaluations/:id/meeting   record it (secretary or chair, review)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Meeting } from '../../../domain/evaluation-file.ts'
import type { MeetingPatch } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { namesOf } from '../evaluations/setup-page.ts'
import { blankToUndefined, formFailed, parseForm, type FormState } from '../form.ts'
import { ConsensusParams } from './index.ts'
import { cellAnchor, cellFormId, workspaceView, type WorkspaceQuery } from './view-model.ts'

const WorkspaceQuerySchema = z.object({
  group: z.string().max(64).optional(),
  disagreements: z.string().max(8).optional(),
}).loose()

const ConsensusForm = z.object({
  value: z.preprocess(blankToUndefined, z.coerce.number().int().optional()),
  pass: z.preprocess(blankToUndefined, z.enum(['true', 'false']).optional()),
  reason: z.string().max(5000).optional(),
  group: z.string().max(64).optional(),
  disagreements: z.string().max(8).optional(),
}).loose()

const RemoveForm = z.object({
  reason: z.string().max(5000).optional(),
  group: z.string().max(64).optional(),
  disagreements: z.string().max(8).optional(),
}).loose()

const queryOf = (q: { group?: string; disagreements?: string }): WorkspaceQuery => ({
  group: q.group || undefined,
  disagreements: q.disagreements === '1',
})

const backTo = (id: number, q: WorkspaceQuery, anchor?: string) => {
  const params = new URLSearchParams()
  if (q.group) params.set('group', q.group)
  if (q.disagreements) params.set('disagreements', '1')
  const qs = params.toString()
  return `/evaluations/${id}/review${qs ? `?${qs}` : ''}${anchor ? `#${anchor}` : ''}`
}

async function renderWorkspace(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, id: number, query: WorkspaceQuery, extra: { form?: FormState; saved?: string } = {}) {
  const ws = await app.services.getReviewWorkspace(app.db, requireActor(req), id)
  const ev = ws.evaluation
  return reply.page('evaluations/review', req.t('review.title'), {
    ev,
    nav: evaluationNav(ev, 'review'),
    view: workspaceView(ws, query, extra.form),
    query,
    ...extra,
  })
}

export const reviewPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/review', { schema: { params: EvaluationParams, querystring: WorkspaceQuerySchema } }, async (req, reply) =>
    renderWorkspace(app, req, reply, req.params.id, queryOf(req.query), { saved: (req.query as { saved?: string }).saved }))

  app.post('/evaluations/:id/review/consensus/:candidateId/:criterionId', { preHandler: app.csrfProtection, schema: { params: ConsensusParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const { id, candidateId, criterionId } = req.params
    let query: WorkspaceQuery = {}
    try {
      const f = parseForm(ConsensusForm, req)
      query = queryOf(f)
      await app.services.setConsensus(app.db, actor, id, candidateId, criterionId, {
        ...(f.value !== undefined ? { value: f.value } : {}),
        ...(f.pass !== undefined ? { pass: f.pass === 'true' } : {}),
        reason: f.reason,
      })
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, id)
      const spec = { id: cellFormId(candidateId, criterionId), labels: { value: 'review.agreedValue', pass: 'review.agreedValue', reason: 'review.reason' } }
      return formFailed(err, req, reply, spec, (form) => renderWorkspace(app, req, reply, id, query, { form }), namesOf(ev))
    }
    return reply.redirect(backTo(id, query, cellAnchor(candidateId, criterionId)), 303)
  })

  app.post('/evaluations/:id/review/consensus/:candidateId/:criterionId/remove', { preHandler: app.csrfProtection, schema: { params: ConsensusParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const { id, candidateId, criterionId } = req.params
    let query: WorkspaceQuery = {}
    try {
      const f = parseForm(RemoveForm, req)
      query = queryOf(f)
      await app.services.removeConsensus(app.db, actor, id, candidateId, criterionId, { reason: f.reason })
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, id)
      const spec = { id: `${cellFormId(candidateId, criterionId)}-remove`, labels: { reason: 'review.removeReason' } }
      return formFailed(err, req, reply, spec, (form) => renderWorkspace(app, req, reply, id, query, { form }), namesOf(ev))
    }
    return reply.redirect(backTo(id, query, cellAnchor(candidateId, criterionId)), 303)
  })

  app.get('/evaluations/:id/meeting', { schema: { params: EvaluationParams } }, async (req, reply) =>
    renderMeeting(app, req, reply, req.params.id, { saved: (req.query as { saved?: string }).saved === '1' }))

  app.post('/evaluations/:id/meeting', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const id = req.params.id
    try {
      const ev = await app.services.getEvaluation(app.db, actor, id)
      const patch = meetingPatchOf(parseForm(MeetingForm, req), ev.members.map((m) => m.id))
      await app.services.updateMeeting(app.db, actor, id, patch)
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, actor, id)
      const spec = {
        id: 'meeting',
        labels: { startedAt: 'meeting.startedAt', endedAt: 'meeting.endedAt', place: 'meeting.place', chairedBy: 'meeting.chairedBy', notes: 'meeting.notes' },
        // Attendance issues (present[1], absent[0].member) belong to that member's row.
        fieldOf: (path: string) => attendanceField(path, ev.members.map((m) => m.id), req.body as Record<string, unknown>),
      }
      return formFailed(err, req, reply, spec, (form) => renderMeeting(app, req, reply, id, { form }), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${id}/meeting?saved=1`, 303)
  })
}

// ---- the meeting form ------------------------------------------------------------------------

const MeetingForm = z.object({
  startedAt: z.string().max(40).optional(),
  endedAt: z.string().max(40).optional(),
  place: z.string().max(500).optional(),
  chairedBy: z.string().max(64).optional(),
  notes: z.string().max(100_000).optional(),
}).catchall(z.unknown())
type MeetingForm = z.infer<typeof MeetingForm>

/** `datetime-local` ("2015-05-20T08:30") is Viet Nam time: stored with its offset. */
export function fromLocal(v: string | undefined): string | null {
  const t = v?.trim()
  if (!t) return null
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(t) ? `${t}:00+07:00` : t
}

/** The stored time back in a `datetime-local` box, in Viet Nam time. */
export function toLocal(iso: string | undefined): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return ''
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 16)
}

function meetingPatchOf(f: MeetingForm, codes: readonly string[]): MeetingPatch {
  const present: string[] = []
  const absent: { member: string; reason: string }[] = []
  for (const code of codes) {
    const att = f[`att_${code}`]
    if (att === 'present') present.push(code)
    else if (att === 'absent') absent.push({ member: code, reason: String(f[`reason_${code}`] ?? '') })
  }
  return {
    startedAt: fromLocal(f.startedAt),
    endedAt: fromLocal(f.endedAt),
    place: f.place?.trim() || null,
    chairedBy: f.chairedBy?.trim() || null,
    present: present.length ? present : null,
    absent: absent.length ? absent : null,
    notes: f.notes?.trim() || null,
  }
}

/** `present[i]` / `absent[i].member|reason` → the row of that member on the form. */
function attendanceField(path: string, codes: readonly string[], body: Record<string, unknown>): string | undefined {
  const m = /^(present|absent)\[(\d+)\](?:\.(member|reason))?$/.exec(path)
  if (!m) return path
  const wanted = m[1] === 'present' ? 'present' : 'absent'
  const listed = codes.filter((c) => body[`att_${c}`] === wanted)
  const code = listed[Number(m[2])]
  if (!code) return undefined
  return m[3] === 'reason' ? `reason_${code}` : `att_${code}`
}

async function renderMeeting(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, id: number, extra: { form?: FormState; saved?: boolean } = {}) {
  const actor = requireActor(req)
  const ev = await app.services.getEvaluation(app.db, actor, id)
  const open = ev.status === 'review' || ev.status === 'finalized'
  const meeting: Meeting = ev.report?.meeting ?? {}
  const present = new Set(meeting.present ?? [])
  const absent = new Map((meeting.absent ?? []).map((a) => [a.member, a.reason]))
  const typed = extra.form?.values as Record<string, unknown> | undefined
  const members = ev.members.map((m) => {
    const att = typed ? String(typed[`att_${m.id}`] ?? '') : present.has(m.id) ? 'present' : absent.has(m.id) ? 'absent' : ''
    return {
      ...m,
      field: `att_${m.id}`,
      reasonField: `reason_${m.id}`,
      present: att === 'present',
      absent: att === 'absent',
      unknown: att === '',
      reason: typed ? String(typed[`reason_${m.id}`] ?? '') : absent.get(m.id) ?? '',
      chairs: (meeting.chairedBy ?? ev.members.find((x) => x.role === 'chair')?.id) === m.id,
    }
  })
  const base = `/api/v1/evaluations/${ev.id}`
  return reply.page('evaluations/meeting', req.t('meeting.title'), {
    ev,
    nav: evaluationNav(ev, 'meeting'),
    open,
    editable: ev.status === 'review' && (ev.myRole === 'chair' || ev.myRole === 'secretary'),
    meeting: { ...meeting, startedLocal: toLocal(meeting.startedAt), endedLocal: toLocal(meeting.endedAt) },
    members,
    minutes: open ? { vi: `${base}/minutes.pdf?lang=vi`, en: `${base}/minutes.pdf?lang=en` } : null,
    ...extra,
  })
}
