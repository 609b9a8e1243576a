// The tabs of an evaluation's pages: which ones a user sees follows the role and the status
// (the routes enforce the same rules through the services; this only avoids dead links).
import type { Role, Status } from '../../../domain/evaluation-file.ts'
import type { PriceMethod } from '../../../domain/price.ts'

export type Tab = 'setup' | 'declaration' | 'sheet' | 'progress' | 'results' | 'review' | 'meeting' | 'prices' | 'history' | 'report' | 'exchange'

export interface NavInput {
  id: number
  title: string
  status: Status
  myRole: Role | null
  /** §12: with a price envelope the prices page is shown. */
  method?: PriceMethod
}

export function evaluationNav(ev: NavInput, current: Tab) {
  const role = ev.myRole
  const rater = role === 'chair' || role === 'member'
  const staff = role === 'chair' || role === 'secretary'
  const open = ev.status === 'review' || ev.status === 'price' || ev.status === 'finalized'
  const tabs: { key: Tab; href: string; show: boolean }[] = [
    { key: 'setup', href: `/evaluations/${ev.id}`, show: true },
    { key: 'declaration', href: `/evaluations/${ev.id}/declaration`, show: rater && ev.status !== 'draft' },
    { key: 'sheet', href: `/evaluations/${ev.id}/sheet`, show: rater && ev.status !== 'draft' },
    { key: 'progress', href: `/evaluations/${ev.id}/progress`, show: staff && ev.status !== 'draft' },
    { key: 'results', href: `/evaluations/${ev.id}/results`, show: (open && role !== null) || (staff && ev.status === 'scoring') },
    // §2 review: the workspace and the meeting, for the committee (observers read-only).
    { key: 'review', href: `/evaluations/${ev.id}/review`, show: open && role !== null },
    { key: 'meeting', href: `/evaluations/${ev.id}/meeting`, show: open && role !== null },
    // §12: the sealed envelope (what was recorded) for the committee; amounts only from `price`.
    { key: 'prices', href: `/evaluations/${ev.id}/prices`, show: role !== null && ev.method !== undefined && ev.method !== 'technical' },
    { key: 'history', href: `/evaluations/${ev.id}/history`, show: staff },
    { key: 'report', href: `/evaluations/${ev.id}/report`, show: role !== null },
    // Data in and out: the chair and secretary always (save criteria as a catalog, score sheets on
    // a rater's behalf); the rest of the committee once the results workbook exists (review on).
    { key: 'exchange', href: `/evaluations/${ev.id}/exchange`, show: staff || (open && role !== null) },
  ]
  // The exchange page's label lives with its own texts (exchange.tab), the others under tabs.*.
  const label = (key: Tab) => (key === 'exchange' ? 'exchange.tab' : `tabs.${key}`)
  return {
    id: ev.id,
    title: ev.title,
    status: ev.status,
    myRole: role,
    tabs: tabs.filter((t) => t.show).map((t) => ({ key: t.key, href: t.href, label: label(t.key), current: t.key === current })),
  }
}
