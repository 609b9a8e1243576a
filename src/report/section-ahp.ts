// Part of section II when a group's weights came from AHP (§3): the pairwise matrix, the
// principal-eigenvector weights, λmax, CI, CR and the random-index table used.
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import { ahp } from '../domain/ahp.ts'
import { walk } from '../domain/criteria.ts'
import type { ReportContext } from './report-context.ts'
import { gridTable, td, th } from './report-layout.ts'

/** Saaty entries read best as "1/3" below 1 and as whole numbers above. */
function saaty(ctx: ReportContext, x: number): string {
  if (x < 1) {
    const k = Math.round(1 / x)
    if (Math.abs(k * x - 1) <= 0.01) return `1/${k}`
  }
  return Number.isInteger(x) ? String(x) : ctx.n(x)
}

export function sectionAhp(ctx: ReportContext): Content[] {
  const { s } = ctx
  const out: Content[] = []
  let riTable: readonly number[] | null = null
  for (const { node } of walk(ctx.file.criteria)) {
    if (!node.ahp || !node.children) continue
    let result: ReturnType<typeof ahp>
    try {
      result = ahp(node.ahp.matrix, ctx.lang)
    } catch {
      continue // an invalid matrix never reaches a finalized evaluation; nothing to report
    }
    riTable = result.riTable.values
    // The matrix's rows name their criteria (`ids`) when stored so; else the children in order.
    const given = (node.ahp as { ids?: readonly string[] }).ids
    const ids = given && given.length === node.ahp.matrix.length ? [...given] : node.children.map((c) => c.id)
    const rows = node.ahp.matrix.map((row, i): TableCell[] => [
      td(ids[i] ?? '', 'tdGroup'),
      ...row.map((x) => td(saaty(ctx, x), 'tdCenter')),
      td(ctx.n(100 * (result.weights[i] ?? 0)), 'tdNum', { bold: true }),
    ])
    const cellWidth = Math.min(40, 300 / Math.max(1, ids.length))
    out.push(
      { text: s.ahpIntro(`${node.id} (${ctx.title(node)})`), style: 'body' },
      gridTable([44, ...ids.map(() => cellWidth), 60], [th(''), ...ids.map((id) => th(id)), th(s.colWeight)], rows),
      {
        text: s.ahpFigures({ lambda: ctx.n(result.lambdaMax, 4), ci: ctx.n(result.ci, 4), cr: ctx.n(result.cr, 4), ok: result.consistent }),
        style: 'body',
      },
    )
  }
  if (!out.length || !riTable) return []
  const values = riTable
  return [
    { text: s.s2Ahp, style: 'subheading' },
    ...out,
    { text: s.ahpRiTable, style: 'body' },
    gridTable(
      [22, ...values.map(() => '*')],
      [th('n'), ...values.map((_, i) => th(String(i + 1)))],
      [[td('RI', 'tdGroup'), ...values.map((v) => td(ctx.n(v), 'tdCenter', { fontSize: 9 }))]],
    ),
  ]
}
