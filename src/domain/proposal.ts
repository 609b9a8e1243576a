// The chair's proposal against the computed recommendation (§2): to finalize, the conclusion is
// written and the proposal equals the computed one ("none" when none qualifies or on a tie), or
// a deviation reason is recorded. Pure: the transitions service and the page call it alike.
import type { ReportBlock } from './evaluation-file.ts'
import type { Results } from './results.ts'

export const NO_PROPOSAL = 'none'

/** What the proposal must be without a deviation: the recommended candidate's id, or "none". */
export const computedProposal = (results: Pick<Results, 'recommended'>): string => results.recommended ?? NO_PROPOSAL

/** True when the proposal is set and differs from the computed recommendation. */
export const proposalDeviates = (report: ReportBlock | undefined, results: Pick<Results, 'recommended'>): boolean =>
  report?.proposal !== undefined && report.proposal !== computedProposal(results)

export type ProposalProblem = 'needConclusion' | 'needProposal' | 'needDeviation'

/** What keeps the report block from being finalized, each with the field it concerns. */
export function proposalProblems(report: ReportBlock | undefined, results: Pick<Results, 'recommended'>): { path: string; problem: ProposalProblem }[] {
  const out: { path: string; problem: ProposalProblem }[] = []
  if (!report?.conclusion?.trim()) out.push({ path: 'report.conclusion', problem: 'needConclusion' })
  if (report?.proposal === undefined) out.push({ path: 'report.proposal', problem: 'needProposal' })
  else if (proposalDeviates(report, results) && !report.deviation?.trim()) out.push({ path: 'report.deviation', problem: 'needDeviation' })
  return out
}
