// Confirmations before every stage move and every delete (issue #11 item 4): what will happen,
// in words, with names. The same model feeds the setup page's <dialog> (public/app.js opens it)
// and the confirm page GET /evaluations/:id/confirm?do=… that works without JavaScript.
import { isGroup, walk, type CriterionNode } from '../../../domain/criteria.ts'
import type { Status } from '../../../domain/evaluation-file.ts'
import type { Lang } from '../../../domain/messages.ts'
import { t } from '../../../i18n/index.ts'
import type { EvaluationDetails } from '../../../services/index.ts'

export interface Confirmation {
  /** `transition:scoring`, `delete-criterion:A.1`, … (the confirm page's `do`) */
  key: string
  title: string
  /** What will happen, one sentence or two. */
  text: string
  /** Items that go with it (a group's children). */
  items: string[]
  action: string
  fields: { name: string; value: string }[]
  reason: boolean
  button: string
  danger: boolean
  /** Where "Hủy" goes (the page and section the action came from). */
  back: string
}

const titleOf = (lang: Lang, n: CriterionNode): string =>
  (typeof n.title === 'string' ? n.title : lang === 'en' ? n.title.en ?? n.title.vi : n.title.vi) ?? n.id

/** The moves the chair may ask for from this status (§2); the service decides whether each holds. */
export function movesFrom(status: Status): Status[] {
  switch (status) {
    case 'draft': return ['scoring']
    case 'scoring': return ['review', 'draft']
    case 'review': return ['finalized']
    case 'finalized': return ['review']
    default: return []
  }
}

export function confirmation(ev: EvaluationDetails, lang: Lang, key: string): Confirmation | undefined {
  const colon = key.indexOf(':')
  if (colon < 0) return undefined
  const kind = key.slice(0, colon)
  const target = key.slice(colon + 1)
  const base = `/evaluations/${ev.id}`
  if (kind === 'transition') {
    const to = target as Status
    if (!movesFrom(ev.status).includes(to)) return undefined
    const move = `${ev.status}-${to}`
    const reason = move === 'scoring-draft' || move === 'finalized-review'
    return {
      key, title: t(lang, `confirm.move.${move}.title`), text: t(lang, `confirm.move.${move}.text`), items: [],
      action: `${base}/transitions`, fields: [{ name: 'to', value: to }], reason,
      button: t(lang, `confirm.move.${move}.button`), danger: move === 'review-finalized' || move === 'scoring-draft', back: `${base}#transitions`,
    }
  }
  if (kind === 'delete-criterion') {
    const hit = [...walk(ev.criteria)].find((w) => w.node.id === target)
    if (!hit) return undefined
    const node = hit.node
    const inside = isGroup(node) ? [...walk(node.children ?? [])].map((w) => `${titleOf(lang, w.node)}`) : []
    return {
      key,
      title: t(lang, isGroup(node) ? 'confirm.deleteGroup.title' : 'confirm.deleteCriterion.title', { name: titleOf(lang, node) }),
      text: t(lang, isGroup(node) ? 'confirm.deleteGroup.text' : 'confirm.deleteCriterion.text', { name: titleOf(lang, node), count: inside.length }),
      items: inside,
      action: `${base}/criteria/${encodeURIComponent(target)}/delete`, fields: [], reason: false,
      button: t(lang, 'confirm.delete'), danger: true, back: `${base}#criteria`,
    }
  }
  if (kind === 'delete-candidate') {
    const c = ev.candidates.find((x) => x.id === target)
    if (!c) return undefined
    return {
      key, title: t(lang, 'confirm.deleteCandidate.title', { name: c.name }), text: t(lang, 'confirm.deleteCandidate.text', { name: c.name }), items: [],
      action: `${base}/candidates/${encodeURIComponent(target)}/delete`, fields: [], reason: false,
      button: t(lang, 'confirm.delete'), danger: true, back: `${base}#candidates`,
    }
  }
  if (kind === 'delete-member') {
    const m = ev.members.find((x) => x.id === target)
    if (!m) return undefined
    return {
      key, title: t(lang, 'confirm.deleteMember.title', { name: m.name }), text: t(lang, 'confirm.deleteMember.text', { name: m.name, role: t(lang, `role.${m.role}`) }), items: [],
      action: `${base}/members/${encodeURIComponent(target)}/delete`, fields: [], reason: false,
      button: t(lang, 'confirm.remove'), danger: true, back: `${base}#members`,
    }
  }
  return undefined
}

/** The confirm page's URL for an action (the link the dialog enhances). */
export const confirmHref = (id: number, key: string) => `/evaluations/${id}/confirm?do=${encodeURIComponent(key)}`
