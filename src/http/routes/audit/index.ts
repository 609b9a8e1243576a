// The audit log (chair, secretary): GET /api/v1/evaluations/:id/audit and the history page
// GET /evaluations/:id/history?member=&candidate=, with the chain's status (auditChain: blind
// until review, like the entries).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { t, type Lang } from '../../../i18n/index.ts'
import type { AuditEntryView } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { entryNamer, entryWords } from './entry-words.ts'

const AuditOut = z.array(z.object({
  seq: z.number().nullable().describe('null while blind (draft, scoring) after the move into scoring'),
  at: z.string(),
  actor: z.string(),
  onBehalfOf: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  hash: z.string().nullable().describe('null while blind (draft, scoring) after the move into scoring'),
  redacted: z.boolean(),
}))

const HistoryQuery = z.object({
  member: z.string().optional(),
  candidate: z.string().optional(),
  page: z.coerce.number().int().positive().optional(),
}).loose()

/** Entries per history page: a large evaluation has tens of thousands. */
export const HISTORY_PAGE = 200

/** Entries about a member (`member:m2`, `rating:m2/…`) or a candidate (`candidate:A`, `rating:…/A/…`). */
export function filterAudit(entries: readonly AuditEntryView[], member?: string, candidate?: string): AuditEntryView[] {
  return entries.filter((e) => {
    const entity = e.entity ?? ''
    const rating = /^rating:([^/]+)\/([^/]+)\//.exec(entity)
    if (member && !(rating?.[1] === member || entity === `member:${member}`)) return false
    if (candidate && !(rating?.[2] === candidate || entity === `candidate:${candidate}`)) return false
    return true
  })
}

const BRIEF = 160

type Rated = { value?: number | null; pass?: boolean | null; comment?: string | null } | null | undefined

/** A rating or a status change in words ("3 → 4", "Đang chấm điểm → Xem xét"); null otherwise. */
export function describeChange(e: AuditEntryView, lang: Lang): string | null {
  if (e.redacted) return null
  if (e.action === 'rating.save') {
    const mark = (r: Rated) => {
      if (!r) return '—'
      if (typeof r.value === 'number') return String(r.value)
      if (typeof r.pass === 'boolean') return t(lang, r.pass ? 'common.pass' : 'common.fail')
      return '—'
    }
    const after = e.after as Rated
    const comment = after?.comment ? ` · ${after.comment}` : ''
    return `${mark(e.before as Rated)} → ${mark(after)}${comment}`
  }
  if (e.action === 'evaluation.transition') {
    const status = (x: unknown) => {
      const s = (x as { status?: unknown } | null)?.status
      return typeof s === 'string' ? t(lang, `status.${s}`) : '—'
    }
    return `${status(e.before)} → ${status(e.after)}`
  }
  return null
}

/** The action in words ("Chấm điểm"); an action without a label shows its code. */
export function actionLabel(action: string, lang: Lang): string {
  const key = `auditAction.${action.replace('.', '_')}`
  const label = t(lang, key)
  return label === key ? action : label
}

type EntryRef = { seq: number; at: string; action: string }

/** What broke, in words: the first broken entry and each problem with the entry that recorded the value (not while blind). */
export function chainDetails(chain: object, lang: Lang): { broken: EntryRef | null; problems: { message: string; entry: EntryRef | null }[] } {
  const c = chain as { details?: { message: string; entry?: EntryRef }[]; brokenAt?: EntryRef | null }
  const words = (e: EntryRef | null | undefined): EntryRef | null => (e ? { ...e, action: actionLabel(e.action, lang) } : null)
  return { broken: words(c.brokenAt), problems: (c.details ?? []).map((d) => ({ message: d.message, entry: words(d.entry) })) }
}

/** A change as JSON; a long one (a whole criteria tree) shows its start, the rest on demand. */
function brief(value: unknown): { text: string; more: string } | null {
  if (value === null || value === undefined) return null
  const text = JSON.stringify(value)
  return text.length <= BRIEF ? { text, more: '' } : { text: `${text.slice(0, BRIEF)}…`, more: text }
}

export const auditApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/audit', {
    schema: { tags: ['audit'], summary: 'The audit log (chair, secretary); until review others\' rating saves are left out and entries after the move into scoring carry no seq or hash', params: EvaluationParams, response: { 200: AuditOut, ...errors(401, 403, 404) } },
  }, async (req) => app.services.listAudit(app.db, requireActor(req), req.params.id))
}

export const auditPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/history', { schema: { params: EvaluationParams, querystring: HistoryQuery } }, async (req, reply) => {
    const actor = requireActor(req)
    const entries = await app.services.listAudit(app.db, actor, req.params.id)
    const ev = await app.services.getEvaluation(app.db, actor, req.params.id)
    const chain = await app.services.auditChain(app.db, actor, req.params.id, req.lang)
    const { member, candidate } = req.query
    const namer = entryNamer(ev, req.lang)
    const newestFirst = filterAudit(entries, member, candidate).reverse()
    const pages = Math.max(1, Math.ceil(newestFirst.length / HISTORY_PAGE))
    const page = Math.min(req.query.page ?? 1, pages)
    const link = (p: number) => {
      const q = new URLSearchParams({ ...(member ? { member } : {}), ...(candidate ? { candidate } : {}), page: String(p) })
      return `/evaluations/${ev.id}/history?${q.toString()}`
    }
    return reply.page('evaluations/history', req.t('history.title'), {
      ev,
      nav: evaluationNav(ev, 'history'),
      chain,
      ...chainDetails(chain, req.lang),
      paging: pages > 1 ? { page, pages, newer: page > 1 ? link(page - 1) : null, older: page < pages ? link(page + 1) : null } : null,
      entries: newestFirst.slice((page - 1) * HISTORY_PAGE, page * HISTORY_PAGE).map((e) => ({
        ...e,
        ...entryWords(e, namer),
        words: describeChange(e, req.lang),
        actionLabel: actionLabel(e.action, req.lang),
        before: brief(e.before),
        after: brief(e.after),
      })),
      members: ev.members.map((m) => ({ ...m, selected: m.id === member })),
      candidates: ev.candidates.map((c) => ({ ...c, selected: c.id === candidate })),
    })
  })
}
