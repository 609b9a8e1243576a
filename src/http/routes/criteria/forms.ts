// Turning the setup page's criteria forms into service inputs: the weights table (one field
// per node: `w.<id>`, `t.<id>`) and the AHP form (upper triangle `a.<i>.<j>`, "3" or "1/3").
import type { CriterionNode } from '../../../domain/criteria.ts'
import { walk } from '../../../domain/criteria.ts'
import { HttpProblem } from '../../http-problem.ts'

export interface WeightChange {
  id: string
  weight?: number
  threshold?: number | null
}

const num = (raw: unknown): number | undefined => {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined
  return Number(raw.trim().replace(',', '.'))
}

/** Only the nodes whose weight or threshold differ from the tree's are changed. */
export function weightChanges(tree: readonly CriterionNode[], body: Record<string, unknown>): WeightChange[] {
  const changes: WeightChange[] = []
  const bad: { path: string; key: string; params: Record<string, string>; message: string }[] = []
  const refuse = (path: string, key: string) => {
    const value = String(body[path] ?? '')
    bad.push({ path, key, params: { value }, message: value })
  }
  for (const { node } of walk(tree)) {
    const change: WeightChange = { id: node.id }
    const w = num(body[`w.${node.id}`])
    if (w !== undefined) {
      if (!Number.isFinite(w) || w < 0) refuse(`w.${node.id}`, 'forms.weightNumber')
      // The box shows the weight to 4 decimals (an AHP weight is 0.5454545…): the same value,
      // typed back unchanged, is no change.
      else if (node.weight === undefined || Math.round(node.weight * 1e4) / 1e4 !== w) change.weight = w
    }
    if (`t.${node.id}` in body) {
      const t = num(body[`t.${node.id}`])
      if (t !== undefined && (!Number.isFinite(t) || t < 0 || t > 100)) refuse(`t.${node.id}`, 'forms.thresholdNumber')
      else if ((t ?? null) !== (node.threshold ?? null)) change.threshold = t ?? null
    }
    if (change.weight !== undefined || change.threshold !== undefined) changes.push(change)
  }
  if (bad.length) throw new HttpProblem(400, 'validation', 'errors.validation', {}, bad)
  return changes
}

/** "3", "1/3", "0,333" → a number; anything else → NaN (the service's check names it). */
export function saatyValue(raw: unknown): number {
  if (typeof raw !== 'string') return Number.NaN
  const s = raw.trim().replace(',', '.')
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s)
  if (frac) return Number(frac[1]) / Number(frac[2])
  return s === '' ? Number.NaN : Number(s)
}

/** The full reciprocal matrix from the upper triangle the form asks for. */
export function ahpMatrix(n: number, body: Record<string, unknown>): number[][] {
  const m = Array.from({ length: n }, () => Array.from({ length: n }, () => 1))
  const bad: { path: string; key: string; params: Record<string, string>; message: string }[] = []
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = saatyValue(body[`a.${i}.${j}`])
      if (!Number.isFinite(v) || v <= 0) {
        const value = String(body[`a.${i}.${j}`] ?? '')
        bad.push({ path: `a.${i}.${j}`, key: 'forms.saatyValue', params: { value }, message: value })
      }
      m[i]![j] = v
      m[j]![i] = 1 / v
    }
  }
  if (bad.length) throw new HttpProblem(400, 'validation', 'errors.validation', {}, bad)
  return m
}
