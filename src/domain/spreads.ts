// The spread of the raters' ratings for every candidate × criterion (§3), as the disagreement
// heat map shows it. `Results.disagreements` lists only the cells at or over the evaluation's
// threshold; this gives every cell, from the same grid and with the same rules.
import type { EvaluationFile } from './evaluation-file.ts'
import { buildModel } from './scoring-model.ts'

export interface Spread {
  readonly candidate: string
  readonly criterion: string
  /** How many raters rated the cell (abstainers and non-raters do not count). */
  readonly rated: number
  /**
   * max − min of the raw levels (0 with a single rating); for a pass/fail criterion 1 when
   * judgments are mixed, else 0; null when nobody rated the cell.
   */
  readonly spread: number | null
}

/** Every candidate × criterion (leaf), candidates as listed, criteria in tree order. */
export function spreads(file: EvaluationFile): Spread[] {
  const { candidateIds, raterIds, leafIds, levels } = buildModel(file)
  const P = candidateIds.length
  const R = raterIds.length
  const L = leafIds.length
  const out: Spread[] = []
  for (let p = 0; p < P; p++) {
    for (let c = 0; c < L; c++) {
      let n = 0
      let lo = Number.POSITIVE_INFINITY
      let hi = Number.NEGATIVE_INFINITY
      for (let r = 0; r < R; r++) {
        const v = levels[(r * P + p) * L + c] as number
        if (Number.isNaN(v)) continue
        n++
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
      out.push({ candidate: candidateIds[p] as string, criterion: leafIds[c] as string, rated: n, spread: n === 0 ? null : hi - lo })
    }
  }
  return out
}
