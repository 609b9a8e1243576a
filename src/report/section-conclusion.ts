// Section V: the chair's conclusion, then the computed recommendation (§3): the best-ranked
// qualified candidate, or that none qualified, or that a tie is for the committee to decide.
import type { Content } from 'pdfmake/interfaces.js'
import { joinNames } from './format.ts'
import { candidateLabel, type ReportContext } from './report-context.ts'
import { paragraphs } from './report-layout.ts'

export function recommendationSentence(ctx: ReportContext): string {
  const { s, results } = ctx
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

export function sectionConclusion(ctx: ReportContext): Content[] {
  const { s, file, results } = ctx
  const conclusion = file.report?.conclusion?.trim()
  const incomplete = results.candidates.some((c) => !c.complete)
  return [
    { text: s.s5, style: 'heading' },
    ...(conclusion ? paragraphs(conclusion) : [{ text: s.noConclusion, style: 'note' }]),
    { text: recommendationSentence(ctx), style: 'emphasis' },
    ...(incomplete ? [{ text: s.incompleteWarning, style: 'note' }] : []),
  ]
}
