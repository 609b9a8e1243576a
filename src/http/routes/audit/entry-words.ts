// One history entry in words (issue #11: "the history page shows raw JSON, ids and usernames"):
// who acted by name, what it was about by name ("Trần Minh Đức · eDoc Kinh Bắc · Tiếp nhận văn
// bản đến"), and a change as "Tên: …; Vai trò: …" rather than JSON. The codes stay available
// as tooltips for an auditor. Formatting only: the entries come from the audit service as they are.
import type { CriterionNode } from '../../../domain/criteria.ts'
import type { Lang } from '../../../domain/messages.ts'
import { formatNumber, hasKey, t } from '../../../i18n/index.ts'
import type { AuditEntryView, EvaluationDetails } from '../../../services/index.ts'

type Ev = Pick<EvaluationDetails, 'title' | 'criteria' | 'candidates' | 'members'>

const titleOf = (lang: Lang, n: CriterionNode): string =>
  (typeof n.title === 'string' ? n.title : lang === 'en' ? n.title.en ?? n.title.vi : n.title.vi) ?? n.id

function criterionTitles(tree: readonly CriterionNode[], lang: Lang, into = new Map<string, string>()): Map<string, string> {
  for (const n of tree) {
    into.set(n.id, titleOf(lang, n))
    if (n.children) criterionTitles(n.children, lang, into)
  }
  return into
}

export interface EntryNamer {
  actor(username: string): string
  entity(entity: string | null): string
  change(value: unknown): string | null
}

/** Names for one evaluation's entries, built once per page. */
export function entryNamer(ev: Ev, lang: Lang, users: ReadonlyMap<string, string> = new Map()): EntryNamer {
  const criteria = criterionTitles(ev.criteria, lang)
  const candidates = new Map(ev.candidates.map((c) => [c.id, c.name]))
  const members = new Map(ev.members.map((m) => [m.id, m.name]))
  const byUsername = new Map(ev.members.filter((m) => m.username).map((m) => [m.username!, m.name]))
  const field = (key: string) => (hasKey(`historyField.${key}`) ? t(lang, `historyField.${key}`) : key)
  const value = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—'
    if (typeof v === 'boolean') return t(lang, v ? 'common.yes' : 'common.no')
    if (typeof v === 'number') return formatNumber(lang, v, Number.isInteger(v) ? 0 : 2)
    if (typeof v === 'string') {
      if (key === 'role' && hasKey(`role.${v}`)) return t(lang, `role.${v}`)
      if (key === 'status' && hasKey(`status.${v}`)) return t(lang, `status.${v}`)
      if (key === 'aggregation' && hasKey(`aggregation.${v}`)) return t(lang, `aggregation.${v}`)
      if (key === 'candidate') return candidates.get(v) ?? v
      if (key === 'member') return members.get(v) ?? v
      if (key === 'criterion' || key === 'parent') return criteria.get(v) ?? v
      return v
    }
    if (Array.isArray(v)) return t(lang, 'history.items', { count: v.length })
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.vi === 'string') return lang === 'en' && typeof o.en === 'string' ? o.en : o.vi
      // A small block (the report's conclusion and proposal): its fields in words; a big one on demand.
      const inner = Object.entries(o).filter(([, x]) => x === null || typeof x !== 'object')
      if (inner.length > 0 && inner.length === Object.keys(o).length && inner.length <= 4) return inner.map(([k, x]) => `${field(k)}: ${value(k, x)}`).join(', ')
      return t(lang, 'history.details')
    }
    return String(v)
  }
  return {
    actor: (username) => (username === 'system' ? t(lang, 'history.system') : byUsername.get(username) ?? users.get(username) ?? members.get(username) ?? username),
    entity(entity) {
      if (!entity) return ''
      const [kind, rest = ''] = entity.split(/:(.*)/s) as [string, string?]
      if (kind === 'rating') {
        const [m = '', c = '', k = ''] = rest.split('/')
        return [members.get(m) ?? m, candidates.get(c) ?? c, criteria.get(k) ?? k].join(' · ')
      }
      if (kind === 'candidate') return `${t(lang, 'history.kind.candidate')} ${candidates.get(rest) ?? rest}`
      if (kind === 'member') return `${t(lang, 'history.kind.member')} ${members.get(rest) ?? rest}`
      if (kind === 'criterion' || kind === 'criteria') return rest ? `${t(lang, 'history.kind.criterion')} “${criteria.get(rest) ?? rest}”` : t(lang, 'history.kind.criteria')
      if (kind === 'evaluation') return t(lang, 'history.kind.evaluation')
      return hasKey(`history.kind.${kind}`) ? t(lang, `history.kind.${kind}`) : entity
    },
    change(v) {
      if (v === null || v === undefined) return null
      if (typeof v !== 'object' || Array.isArray(v)) return value('', v)
      const parts = Object.entries(v as Record<string, unknown>)
        .filter(([k]) => k !== 'id' && k !== 'username')
        .map(([k, x]) => `${field(k)}: ${value(k, x)}`)
      return parts.length ? parts.join('; ') : null
    },
  }
}

/** An entry's fields for the page: the words beside the codes (kept as tooltips). */
export function entryWords(e: AuditEntryView, namer: EntryNamer) {
  return {
    actorName: namer.actor(e.actor),
    onBehalfName: e.onBehalfOf ? namer.actor(e.onBehalfOf) : null,
    entityLabel: namer.entity(e.entity),
    beforeWords: e.redacted ? null : namer.change(e.before),
    afterWords: e.redacted ? null : namer.change(e.after),
  }
}
