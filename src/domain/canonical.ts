// Canonical JSON (§9): keys sorted, no insignificant white space, strings NFC, numbers as
// JSON.stringify writes them. Array order is the caller's: `canonicalEvaluation` fixes it.
import { createHash } from 'node:crypto'
import type { EvaluationFile } from './evaluation-file.ts'

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value)
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'))
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.normalize('NFC'), v] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  throw new TypeError(`cannot serialize ${typeof value} as JSON`)
}

const byKeys = <T>(...keys: ((x: T) => string)[]) => (a: T, b: T): number => {
  for (const k of keys) {
    const x = k(a)
    const y = k(b)
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
}

/**
 * The evaluation file in its defined order: criteria in tree order, candidates and members as
 * listed, ratings and abstentions sorted by member, candidate (and criterion); consensus by
 * candidate and criterion (left out when empty).
 */
export function canonicalEvaluation(file: EvaluationFile): EvaluationFile {
  return {
    ...file,
    abstentions: file.abstentions ? [...file.abstentions].sort(byKeys((a) => a.member, (a) => a.candidate)) : undefined,
    ratings: [...file.ratings].sort(byKeys((r) => r.member, (r) => r.candidate, (r) => r.criterion)),
    consensus: file.consensus?.length ? [...file.consensus].sort(byKeys((c) => c.candidate, (c) => c.criterion)) : undefined,
    prices: file.prices ? [...file.prices].sort(byKeys((p) => p.candidate)) : undefined,
  }
}

export function serializeEvaluation(file: EvaluationFile): string {
  return canonicalJson(canonicalEvaluation(file))
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export function evaluationHash(file: EvaluationFile): string {
  return sha256Hex(serializeEvaluation(file))
}
