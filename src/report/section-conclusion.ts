// Section V: the chair's conclusion, the computed recommendation (§3) with the sensitivity of
// every group in one sentence, the proposal (§2) and, when it differs, the deviation reason; then
// the closing request to the recipient, which stays with "Nơi nhận" and the signature.
import type { Content } from 'pdfmake/interfaces.js'
import { proposalDeviates } from '../domain/proposal.ts'
import { joinNames } from './format.ts'
import { candidateLabel, isPassFail, type ReportContext } from './report-context.ts'
import { paragraphs } from './report-layout.ts'
import { priceRecommendation } from './section-price.ts'

export function recommendationSentence(ctx: ReportContext): string {
  const { s, results } = ctx
  // §12: with the price envelope open, the final ranking speaks.
  const final = priceRecommendation(ctx)
  if (final !== null) return final
  const byId = new Map(ctx.candidates.map((c) => [c.id, c]))
  if (results.recommended !== null) {
    const c = byId.get(results.recommended)
    const score = ctx.result(results.recommended)?.score ?? 0
    return s.recommend(c ? candidateLabel(c) : results.recommended, ctx.n(score))
  }
  if (results.tied.length > 0) {
    const names = results.tied.map((id) => {
      const c = byId.get(id)
      return c ? candidateLabel(c) : id
    })
    const score = ctx.result(results.tied[0] as string)?.score ?? 0
    return s.tied(joinNames(names, s.and), ctx.n(score))
  }
  return s.noneQualified
}

/** One sentence on the sensitivity of every top-level group (none left out), from §3 (a). */
export function sensitivitySummary(ctx: ReportContext): string | null {
  const { s } = ctx
  const tops = ctx.file.criteria.filter((g) => !isPassFail(g))
  if (tops.length <= 1) return null
  if (tops.some((g) => ctx.results.sensitivity.groups[g.id]?.flipAt === 0)) return s.tiedAll
  const stable: string[] = []
  const moving: string[] = []
  for (const g of tops) {
    const sens = ctx.results.sensitivity.groups[g.id]
    const now = 100 * (ctx.weights.get(g.id)?.local ?? 0)
    if (!sens || (sens.down === null && sens.up === null)) {
      stable.push(g.id)
      continue
    }
    const parts: string[] = []
    if (sens.down !== null) parts.push(s.movesBelow(g.id, ctx.n(now + sens.down)))
    if (sens.up !== null) parts.push(s.movesAbove(g.id, ctx.n(now + sens.up)))
    moving.push(parts.join(` ${s.or} `))
  }
  const stableText = stable.length === 0 ? '' : stable.length === 1 ? s.groupWord(stable[0] as string) : s.groupsWord(joinNames(stable, s.and))
  return s.sensitivityAll(stableText, joinNames(moving, s.or))
}

/** The proposal and, when it differs from the computed recommendation, the reason (§2). */
function proposalLines(ctx: ReportContext): Content[] {
  const { s, file } = ctx
  const proposal = file.report?.proposal
  if (proposal === undefined) return [{ text: s.proposalMissing, style: 'note' }]
  const c = ctx.candidates.find((x) => x.id === proposal)
  const out: Content[] = [{ text: c ? s.proposal(ctx.self, candidateLabel(c)) : s.proposalNone(ctx.self), style: 'emphasis' }]
  const reason = file.report?.deviation?.trim()
  if (proposalDeviates(file.report, ctx.results) && reason) out.push({ text: s.deviation(reason), style: 'body' })
  return out
}

/** Text that may move to the next page with the signature block (kept short on purpose). */
const TAIL_CHARS = 700
const length = (c: Content): number => (typeof c === 'object' && c !== null && 'text' in c && typeof c.text === 'string' ? c.text.length : TAIL_CHARS)

/**
 * Section V as the running part (`body`) and the last lines (`tail`): the closing request, with
 * the proposal lines before it when short, to be kept on the page of the signature block.
 */
export function sectionConclusion(ctx: ReportContext): { body: Content[]; tail: Content[] } {
  const { s, file, results } = ctx
  const conclusion = file.report?.conclusion?.trim()
  const incomplete = results.candidates.some((c) => !c.complete)
  const summary = sensitivitySummary(ctx)
  const lines: Content[] = [
    { text: s.s5, style: 'heading' },
    ...(conclusion ? paragraphs(conclusion) : [{ text: s.noConclusion, style: 'note' }]),
    { text: recommendationSentence(ctx), style: 'body' },
    ...(summary ? [{ text: summary, style: 'body' }] : []),
    ...proposalLines(ctx),
    ...(incomplete ? [{ text: s.incompleteWarning, style: 'note' }] : []),
  ]
  const tail: Content[] = [{ text: s.closing({ self: ctx.self, recipient: ctx.recipient }), style: 'body' }]
  let room = TAIL_CHARS - length(tail[0] as Content)
  while (lines.length > 1) {
    const last = lines[lines.length - 1] as Content
    if (length(last) > room) break
    room -= length(last)
    tail.unshift(last)
    lines.pop()
  }
  return { body: lines, tail }
}
