import { describe, expect, it } from 'vitest'
import { computedProposal, proposalDeviates, proposalProblems } from '../../src/domain/proposal.ts'

describe('the chair’s proposal against the computed recommendation (§2)', () => {
  const won = { recommended: 'A' }
  const none = { recommended: null } // none qualified, or a tie
  it('is the recommended id, or "none" when there is none or a tie', () => {
    expect(computedProposal(won)).toBe('A')
    expect(computedProposal(none)).toBe('none')
  })
  it('finalizes with the conclusion and the computed proposal', () => {
    expect(proposalProblems({ conclusion: 'Kết luận', proposal: 'A' }, won)).toEqual([])
    expect(proposalProblems({ conclusion: 'Kết luận', proposal: 'none' }, none)).toEqual([])
  })
  it('asks for the conclusion and the proposal when missing', () => {
    expect(proposalProblems(undefined, won).map((p) => p.path)).toEqual(['report.conclusion', 'report.proposal'])
    expect(proposalProblems({ conclusion: '  ', proposal: 'A' }, won)).toEqual([{ path: 'report.conclusion', problem: 'needConclusion' }])
  })
  it('a different proposal needs a deviation reason', () => {
    expect(proposalDeviates({ proposal: 'B' }, won)).toBe(true)
    expect(proposalDeviates({ proposal: 'A' }, none)).toBe(true) // picking one of a tie deviates
    expect(proposalDeviates({ proposal: 'none' }, none)).toBe(false)
    expect(proposalProblems({ conclusion: 'K', proposal: 'B' }, won)).toEqual([{ path: 'report.deviation', problem: 'needDeviation' }])
    expect(proposalProblems({ conclusion: 'K', proposal: 'B', deviation: ' ' }, won)).toEqual([{ path: 'report.deviation', problem: 'needDeviation' }])
    expect(proposalProblems({ conclusion: 'K', proposal: 'B', deviation: 'Giá thấp hơn' }, won)).toEqual([])
  })
})
