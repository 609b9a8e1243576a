// Reads the recalculated "Tổng hợp"/"Summary" sheet of a results workbook (CSV from LibreOffice)
// and compares every candidate's total, group subtotals (largest remainder, §6) and rank with the
// results, to 2 decimals.
import { expect } from 'vitest'
import type { Lang } from '../../src/domain/messages.ts'
import type { Results } from '../../src/domain/results.ts'
import { roundHalfAwayFromZero, roundParts } from '../../src/domain/round.ts'
import { LABELS } from '../../src/xlsx/labels.ts'
import type { Csv } from '../xlsx/recalc.ts'

export function expectSummaryEqualsResults(summary: Csv, results: Results, lang: Lang): number {
  const L = LABELS[lang]
  const h = summary.findIndex((row) => row[0] === L.id && row[1] === L.candidate)
  expect(h, 'summary header row').toBeGreaterThanOrEqual(0)
  const header = summary[h]!
  const scoreCol = header.indexOf(L.score)
  const rankCol = header.indexOf(L.rank)
  let compared = 0
  results.candidates.forEach((res, p) => {
    const row = summary[h + 1 + p]!
    expect(row[0]).toBe(res.id)
    const shown = (cell: string | undefined) => roundHalfAwayFromZero(Number(cell), 2)
    expect(row[scoreCol], `${res.id} total`).not.toBe('')
    expect(shown(row[scoreCol]), `${res.id} total`).toBe(roundHalfAwayFromZero(res.score, 2))
    expect(Number(row[rankCol]), `${res.id} rank`).toBe(res.rank)
    compared++
    // §6: subtotals are shown rounded by the largest remainder, so they add up to the shown total.
    const groups = Object.keys(res.groups)
    const parts = roundParts(groups.map((g) => res.groups[g]!), 2, res.score)
    groups.forEach((g, i) => {
      const col = header.findIndex((x) => x.endsWith(`(${g})`))
      expect(col, `column of group ${g}`).toBeGreaterThanOrEqual(0)
      expect(shown(row[col]), `${res.id} group ${g}`).toBe(parts[i])
      compared++
    })
  })
  return compared
}
