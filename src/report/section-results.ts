// Section III: points per top-level group, the summary (totals, ranks, ĐẠT/KHÔNG ĐẠT and why),
// and the bar and radar charts (SVG shared with the results page).
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import { barChart } from '../charts/bar-chart.ts'
import { radarChart } from '../charts/radar-chart.ts'
import type { CriterionNode } from '../domain/criteria.ts'
import type { CandidateResult } from '../domain/results.ts'
import { isGroup, isPassFail, treeRows, type ReportContext } from './report-context.ts'
import { CONTENT_WIDTH, gridTable, td, th } from './report-layout.ts'

export function sectionResults(ctx: ReportContext): Content[] {
  const { s } = ctx
  return [
    { text: s.s3, style: 'heading' },
    { text: s.s3Appendix, style: 'body' },
    { text: s.s3Groups, style: 'subheading' },
    ...candidateKey(ctx),
    ...ctx.file.criteria.flatMap((g) => groupTable(ctx, g)),
    { text: s.s3Summary, style: 'subheading' },
    summaryTable(ctx),
    ...charts(ctx),
  ]
}

/** Long names go into a numbered key above the tables, which then head their columns "(1)", "(2)"… */
function candidateKey(ctx: ReportContext): Content[] {
  if (!ctx.numbered) return []
  return [
    { text: ctx.s.candidateKey, style: 'body' },
    ...ctx.candidates.map((c, i) => ({ text: `(${i + 1}) ${c.name}`, style: 'td', margin: [28, 0, 0, 2] }) as Content),
    { text: '', margin: [0, 0, 0, 4] },
  ]
}

export const candidateHeader = (ctx: ReportContext, i: number, name: string): string => (ctx.numbered ? `(${i + 1})` : name)

function groupTable(ctx: ReportContext, group: CriterionNode): Content[] {
  const { s } = ctx
  const results = ctx.candidates.map((c) => ctx.result(c.id))
  const n = ctx.candidates.length
  const candWidth = Math.max(34, Math.min(62, (CONTENT_WIDTH - 40 - 46 - 130) / n))
  const widths = [40, '*', 46, ...ctx.candidates.map(() => candWidth)]
  const header = [th(s.colId), th(s.colCriterion), th(s.colMaxPoints), ...ctx.candidates.map((c, i) => th(candidateHeader(ctx, i, c.name)))]
  const rows: TableCell[][] = treeRows(isGroup(group) ? (group.children ?? []) : [group]).map(({ node, depth }) => {
    const sub = isGroup(node)
    const style = sub ? 'tdGroup' : 'td'
    const numStyle = sub ? 'tdGroupNum' : 'tdNum'
    const cells = results.map((r): TableCell => {
      if (!r) return td('')
      if (isPassFail(node)) return td(r.failed.includes(node.id) ? s.fail : s.pass, 'tdCenter')
      return td(ctx.n(ctx.pointsShown(r.id).get(node.id) ?? 0), numStyle)
    })
    const max = isPassFail(node) ? s.gate : ctx.n(ctx.maxShown.get(node.id) ?? 0)
    return [td(node.id, style), td(ctx.title(node), style, { margin: [depth * 8, 0, 0, 0] }), td(max, isPassFail(node) ? 'tdCenter' : numStyle), ...cells]
  })
  const max = ctx.weights.get(group.id)?.maxPoints
  if (isGroup(group) && max !== undefined) {
    rows.push([
      td('', 'tdGroup'), td(s.groupTotal, 'tdGroup'), td(ctx.n(ctx.maxShown.get(group.id) ?? 0), 'tdGroupNum'),
      ...results.map((r) => td(r ? ctx.n(ctx.pointsShown(r.id).get(group.id) ?? 0) : '', 'tdGroupNum')),
    ])
  }
  const title = max !== undefined ? s.groupTableTitle(group.id, ctx.title(group), ctx.n(ctx.maxShown.get(group.id) ?? max)) : `${group.id}. ${ctx.title(group)}`
  // A short group's table moves to the next page whole rather than leave its total row alone.
  const table = gridTable(widths, header, rows)
  if (rows.length <= 12) return [{ stack: [{ text: title, style: 'tableTitle' }, table], unbreakable: true }]
  return [{ text: title, style: 'tableTitle' }, table]
}

/** Why a candidate did not qualify, in words, each failed id with its title. */
export function failureReasons(ctx: ReportContext, r: CandidateResult): string[] {
  const { s } = ctx
  return r.failed.map((id) => {
    if (id === 'threshold') return s.failedThreshold(ctx.n(ctx.settings.threshold ?? 0))
    const node = ctx.nodes.get(id)
    if (!node) return id
    if (isPassFail(node)) return s.failedGate(id, ctx.title(node))
    return s.failedNode(id, ctx.title(node), ctx.n(node.threshold ?? 0, 0))
  })
}

function summaryTable(ctx: ReportContext): Content {
  const { s } = ctx
  const rows = ctx.candidates.map((c, i): TableCell[] => {
    const r = ctx.result(c.id)
    const detail = [c.vendor, c.version].filter(Boolean).join(', ')
    const name: TableCell = {
      stack: [
        { text: c.name, bold: true },
        ...(detail ? [{ text: detail, style: 'tdSmall' }] : []),
        ...(r && !r.complete ? [{ text: s.incomplete, style: 'tdSmall' }] : []),
      ],
      style: 'td',
    } as TableCell
    if (!r) return [td(String(i + 1), 'tdCenter'), name, td(''), td(''), td(''), td('')]
    return [
      td(String(i + 1), 'tdCenter'),
      name,
      td(ctx.n(r.score), 'tdNum', { bold: true }),
      td(String(r.rank), 'tdCenter'),
      td(r.qualified ? s.PASS : s.FAIL, 'tdCenter', { bold: true }),
      td(failureReasons(ctx, r).map((t) => `- ${t}`).join('\n')),
    ]
  })
  return gridTable([26, 104, 50, 44, 66, '*'], [th(s.colNo), th(s.colCandidate), th(s.colTotal), th(s.colRank), th(s.colResult), th(s.colReasons)], rows)
}

/**
 * The SVG strings of the two charts, also useful to the results page. Generic font family:
 * pdfmake maps it to the document's font, a browser to its own serif.
 */
export function reportCharts(ctx: ReportContext): { totals: string; groups: string | null } {
  const { s } = ctx
  const threshold = ctx.settings.threshold
  const totals = barChart(
    ctx.candidates.map((c) => ({ label: c.name, value: ctx.result(c.id)?.score ?? 0, max: 100, highlight: ctx.results.recommended === c.id })),
    {
      width: 440,
      max: 100,
      format: (v) => ctx.n(v),
      title: s.chartTotals,
      ...(threshold !== undefined ? { marker: { value: threshold, label: s.thresholdMarker(ctx.n(threshold)) } } : {}),
    },
  )
  const tops = ctx.file.criteria.filter((g) => !isPassFail(g))
  const groups = tops.length >= 3
    ? radarChart(
        ctx.candidates.map((c) => {
          const r = ctx.result(c.id)
          return {
            name: c.name,
            values: tops.map((g) => {
              const max = ctx.weights.get(g.id)?.maxPoints ?? 0
              return r && max > 0 ? (r.groups[g.id] ?? 0) / max : 0
            }),
          }
        }),
        tops.map((g) => g.id),
        { size: 300, title: s.chartGroups },
      )
    : null
  return { totals, groups }
}

function charts(ctx: ReportContext): Content[] {
  const { s } = ctx
  const { totals, groups } = reportCharts(ctx)
  const out: Content[] = [
    { text: s.s3Charts, style: 'subheading' },
    { svg: totals, width: 420, alignment: 'center' } as Content,
    { text: s.chartTotals, style: 'caption' },
  ]
  if (groups) {
    out.push({ svg: groups, width: 280, alignment: 'center', unbreakable: true } as Content, { text: s.chartGroups, style: 'caption' })
  }
  return out
}
