// AHP (§3): weights for one sibling set from a reciprocal pairwise comparison matrix on Saaty's
// 1–9 scale, by the principal eigenvector (not the row geometric mean, which gives slightly
// different weights: the drinks example's Coffee .177 vs .179), with Saaty's consistency ratio.
import { ValidationError, formatPath, type Issue } from './issues.ts'
import { message, type Lang } from './messages.ts'

/**
 * Saaty's random index RI(n) for n = 1..15, from T. L. Saaty, The Analytic Hierarchy Process
 * (McGraw-Hill, 1980): 0, 0, .58, .90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57,
 * 1.59. It reproduces the published CR of Saaty's drinks example (2008): CI 0.02944 / RI(7) 1.32
 * = 0.0223 → 0.022. (The later table AHPy codes, RI(7) = 1.35, gives 0.0218: also 0.022 to three
 * places; we keep the 1980 table, the one most reports cite.)
 */
export const RANDOM_INDEX = Object.freeze({
  name: 'Saaty 1980',
  values: Object.freeze([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]),
})

export const AHP_MAX_SIZE = RANDOM_INDEX.values.length
/** CR above this is inconsistent: shown as such, weights applied only after confirmation. */
export const CONSISTENCY_LIMIT = 0.1
/** a_ij × a_ji may differ from 1 by this much, so entries typed as 0.333 or 0.111 are accepted. */
export const RECIPROCAL_TOLERANCE = 0.01
const CONVERGENCE = 1e-12
const MAX_ITERATIONS = 100_000

export interface AhpResult {
  readonly n: number
  /** Principal eigenvector normalized to sum 1, in the matrix's row order. */
  readonly weights: readonly number[]
  readonly lambdaMax: number
  /** (λmax − n) / (n − 1); 0 for n ≤ 2. */
  readonly ci: number
  /** CI / RI(n); 0 for n ≤ 2. */
  readonly cr: number
  readonly riTable: { readonly name: string; readonly values: readonly number[] }
  /** cr ≤ 0.10 */
  readonly consistent: boolean
  readonly method: 'eigenvector (power iteration)'
}

type Matrix = readonly (readonly number[])[]

/** Square, 1..15 rows, positive finite entries on Saaty's 1/9..9 scale, 1 on the diagonal, reciprocal. */
export function checkAhpMatrix(matrix: Matrix, lang: Lang = 'vi', base: string = 'matrix'): Issue[] {
  const issues: Issue[] = []
  const at = (...path: number[]) => formatPath([base, ...path])
  // Matrices arrive from JSON (API, CLI): check the shape before trusting the type.
  if (!Array.isArray(matrix) || matrix.length === 0) return [{ path: base, message: message(lang, 'ahpEmpty') }]
  const n = matrix.length
  if (n > AHP_MAX_SIZE) return [{ path: base, message: message(lang, 'ahpTooLarge', { n, max: AHP_MAX_SIZE }) }]
  matrix.forEach((row: unknown, i) => {
    const length = Array.isArray(row) ? row.length : 0
    if (length !== n) issues.push({ path: at(i), message: message(lang, 'ahpNotSquare', { length, n }) })
  })
  if (issues.length) return issues

  const lowest = (1 / 9) * (1 - RECIPROCAL_TOLERANCE)
  const highest = 9 * (1 + RECIPROCAL_TOLERANCE)
  const entry = (i: number, j: number) => (matrix[i] as readonly number[])[j] as number
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = entry(i, j)
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
        issues.push({ path: at(i, j), message: message(lang, 'ahpNotPositive', { value: String(v) }) })
      } else if (i === j && Math.abs(v - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({ path: at(i, j), message: message(lang, 'ahpDiagonal', { value: v }) })
      } else if (v < lowest || v > highest) {
        issues.push({ path: at(i, j), message: message(lang, 'ahpOutOfScale', { value: v }) })
      }
    }
  }
  if (issues.length) return issues
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = entry(i, j)
      const other = entry(j, i)
      if (Math.abs(v * other - 1) > RECIPROCAL_TOLERANCE) {
        const expected = v >= 1 ? `1/${v}` : String(1 / v)
        issues.push({ path: at(j, i), message: message(lang, 'ahpNotReciprocal', { i, j, value: v, other, expected }) })
      }
    }
  }
  return issues
}

/** Weights and consistency of a pairwise matrix; throws ValidationError (localized) when invalid. */
export function ahp(matrix: Matrix, lang: Lang = 'vi'): AhpResult {
  const issues = checkAhpMatrix(matrix, lang)
  if (issues.length) throw new ValidationError(issues)
  const n = matrix.length
  const row = (i: number) => matrix[i] as readonly number[]

  // Power iteration: the matrix is positive, so by Perron–Frobenius it converges to the
  // principal eigenvector from any positive start.
  let w = new Float64Array(n).fill(1 / n)
  let next = new Float64Array(n)
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    let sum = 0
    for (let i = 0; i < n; i++) {
      let s = 0
      const a = row(i)
      for (let j = 0; j < n; j++) s += (a[j] as number) * (w[j] as number)
      next[i] = s
      sum += s
    }
    let change = 0
    for (let i = 0; i < n; i++) {
      next[i] = (next[i] as number) / sum
      change = Math.max(change, Math.abs((next[i] as number) - (w[i] as number)))
    }
    ;[w, next] = [next, w]
    if (change < CONVERGENCE) break
  }

  // With Σ w = 1, λmax = Σ_i (A w)_i.
  let lambdaMax = 0
  for (let i = 0; i < n; i++) {
    const a = row(i)
    for (let j = 0; j < n; j++) lambdaMax += (a[j] as number) * (w[j] as number)
  }
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1)
  const cr = n <= 2 ? 0 : ci / (RANDOM_INDEX.values[n - 1] as number)
  return {
    n,
    weights: [...w],
    lambdaMax,
    ci,
    cr,
    riTable: { name: RANDOM_INDEX.name, values: [...RANDOM_INDEX.values] },
    consistent: cr <= CONSISTENCY_LIMIT,
    method: 'eigenvector (power iteration)',
  }
}
