// The results as a plain-text table for a terminal: rank, candidate, total, group subtotals,
// qualified or not (with what failed), then the recommendation. Numbers rounded for display
// with the one rounding function (§3).
import type { CriterionNode } from '../domain/criteria.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { roundHalfAwayFromZero, roundParts } from '../domain/round.ts'
import { cliMessage } from './messages.ts'

export interface TableInput {
  readonly title: string
  readonly status: string
  readonly criteria: readonly CriterionNode[]
  readonly candidates: readonly { readonly id: string; readonly name: string }[]
  readonly results: Results
}

const STATUS: Record<Lang, Record<string, string>> = {
  vi: { draft: 'dự thảo', scoring: 'đang chấm điểm', review: 'xem xét', finalized: 'đã hoàn thành' },
  en: { draft: 'draft', scoring: 'scoring', review: 'review', finalized: 'finalized' },
}

const fmt = (x: number, lang: Lang): string => {
  const s = roundHalfAwayFromZero(x, 2).toFixed(2)
  return lang === 'vi' ? s.replace('.', ',') : s
}

export function resultsTable(input: TableInput, lang: Lang): string {
  const m = (k: Parameters<typeof cliMessage>[1], p?: Record<string, string | number>) => cliMessage(lang, k, p)
  const names = new Map(input.candidates.map((c) => [c.id, c.name]))
  const groups = input.criteria.filter((n) => n.children !== undefined || n.type !== 'pass_fail')
  const header = [m('rank'), m('candidate'), m('total'), ...groups.map((g) => g.id), m('qualified')]
  const rows = [...input.results.candidates]
    .sort((a, b) => a.rank - b.rank || input.candidates.findIndex((c) => c.id === a.id) - input.candidates.findIndex((c) => c.id === b.id))
    .map((c) => [
      String(c.rank),
      `${names.get(c.id) ?? c.id}${c.complete ? '' : ` ${m('incomplete')}`}`,
      fmt(c.score, lang),
      // The group columns add up to the total as printed (largest remainder, §6).
      ...roundParts(groups.map((g) => c.groups[g.id] ?? 0), 2, c.score).map((v) => fmt(v, lang)),
      c.qualified ? m('pass') : `${m('fail')} (${m('failedList', { list: c.failed.join(', ') })})`,
    ])
  const numeric = new Set([0, 2, ...groups.map((_, i) => 3 + i)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()
  const out = [m('statusLine', { title: input.title, status: STATUS[lang][input.status] ?? input.status }), '', line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '']
  const legend = groups.map((g) => `${g.id}: ${g.title[lang] ?? g.title.vi}`)
  out.push(...legend, '')
  const r = input.results
  if (r.recommended !== null) out.push(m('recommended', { name: names.get(r.recommended) ?? r.recommended }))
  else if (r.tied.length > 0) out.push(m('tied', { list: r.tied.map((id) => names.get(id) ?? id).join(', ') }))
  else out.push(m('noneQualified'))
  return out.join('\n')
}
