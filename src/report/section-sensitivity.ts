// Section IV: flagged disagreements with the members' own comments, the weight sensitivity in
// words ("holds while group X stays between a% and b%") and the Monte Carlo win shares.
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import { formatCount, formatShare } from './format.ts'
import { isPassFail, type ReportContext } from './report-context.ts'
import { gridTable, td, th } from './report-layout.ts'

/** A scale distance: whole numbers as such, others to 2 decimals. */
const levels = (ctx: ReportContext, x: number) => (Number.isInteger(x) ? String(x) : ctx.n(x))

export function sectionSensitivity(ctx: ReportContext): Content[] {
  const { s } = ctx
  return [
    { text: s.s4, style: 'heading' },
    { text: s.s4Disagreements, style: 'subheading' },
    ...disagreements(ctx),
    { text: s.s4Sensitivity, style: 'subheading' },
    ...sensitivityLines(ctx).map((text) => ({ text, style: 'body' })),
    { text: s.s4MonteCarlo, style: 'subheading' },
    ...monteCarlo(ctx),
  ]
}

function disagreements(ctx: ReportContext): Content[] {
  const { s } = ctx
  const spread = levels(ctx, ctx.settings.disagreementSpread)
  const list = ctx.results.disagreements
  if (list.length === 0) return [{ text: s.noDisagreements(spread), style: 'body' }]
  const rows = list.map((d): TableCell[] => {
    const node = ctx.nodes.get(d.criterion)
    const gate = node !== undefined && isPassFail(node)
    const opinions = ctx.ratingsOf(d.candidate, d.criterion).map(({ member, rating }) => {
      const mark = rating.pass !== undefined ? (rating.pass ? s.pass : s.fail) : String(rating.value)
      return { text: [{ text: `${member.name}: `, bold: true }, `${mark}${rating.comment ? ` — ${rating.comment}` : ''}`] }
    })
    return [
      td(ctx.candidateName(d.candidate)),
      td(`${d.criterion}. ${ctx.nodeTitle(d.criterion)}`),
      td(gate ? s.gate : levels(ctx, d.spread), 'tdCenter'),
      { stack: opinions, style: 'td' } as TableCell,
    ]
  })
  const intro: Content = { text: s.disagreementIntro(spread), style: 'body' }
  const table = gridTable([70, 120, 42, '*'], [th(s.colCandidate), th(s.colCriterion), th(s.colSpread), th(s.colOpinions)], rows)
  // A short table moves with its lead-in; a long one keeps its header with its first row.
  return rows.length <= 6 && table.table.dontBreakRows ? [{ stack: [intro, table], unbreakable: true } as Content] : [intro, table]
}

/** One sentence per top-level group, from flipAt/down/up (§3 sensitivity (a)). */
export function sensitivityLines(ctx: ReportContext): string[] {
  const { s } = ctx
  const tops = ctx.file.criteria.filter((g) => !isPassFail(g))
  if (tops.length <= 1) return [s.sensitivitySingle]
  const lines = [s.sensitivityIntro]
  for (const g of tops) {
    const sens = ctx.results.sensitivity.groups[g.id]
    if (!sens) continue
    const now = 100 * (ctx.weights.get(g.id)?.local ?? 0)
    const label = `${g.id} (${ctx.title(g)})`
    if (sens.flipAt === 0) lines.push(s.sensitivityTiedNow(label))
    else if (sens.down === null && sens.up === null) lines.push(s.sensitivityStable(label, ctx.n(now)))
    else {
      // Where the ±50 pp search stopped short of 0% or 100%, the true limit lies beyond: "at least"/"at most".
      const low = sens.down !== null ? { value: ctx.n(now + sens.down), edge: false } : { value: ctx.n(Math.max(0, now - 50)), edge: now - 50 > 1e-9 }
      const high = sens.up !== null ? { value: ctx.n(now + sens.up), edge: false } : { value: ctx.n(Math.min(100, now + 50)), edge: now + 50 < 100 - 1e-9 }
      lines.push(s.sensitivityRange(label, g.id, ctx.n(now), low, high))
    }
  }
  return lines
}

function monteCarlo(ctx: ReportContext): Content[] {
  const { s, lang } = ctx
  const mc = ctx.results.sensitivity.monteCarlo
  if (!mc) return [{ text: s.monteCarloMissing, style: 'body' }]
  const rows: TableCell[][] = ctx.candidates.map((c) => [td(c.name), td(`${formatShare(mc.wins[c.id] ?? 0, lang)}%`, 'tdNum')])
  rows.push([td(s.monteCarloTied), td(`${formatShare(mc.tied, lang)}%`, 'tdNum')])
  rows.push([td(s.monteCarloNone), td(`${formatShare(mc.none, lang)}%`, 'tdNum')])
  // The lead-in stays with its table (§6): one unbreakable block, the table being short.
  return [{
    stack: [
      { text: s.monteCarloIntro({ draws: formatCount(mc.draws, lang), seed: mc.seed }), style: 'body' },
      gridTable(['*', 110], [th(s.colCandidate), th(s.colShare)], rows, { margin: [40, 2, 40, 8] }),
    ],
    unbreakable: rows.length <= 12,
  } as Content]
}
