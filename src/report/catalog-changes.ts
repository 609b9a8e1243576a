// What the evaluation changed in the catalog its criteria came from (§6: "có điều chỉnh" with
// the changes listed): criteria added, removed or reworded, weights (as shares within their
// group) and minimums changed, the scale changed. Pure; the catalog comes from the registry.
import type { Catalog } from '../domain/catalog.ts'
import { walk, type CriterionNode } from '../domain/criteria.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { nodeWeights } from '../domain/weights.ts'
import { localized } from './format.ts'
import type { ReportContext } from './report-context.ts'

/** At most this many changes are listed one by one; the rest are counted. */
const LISTED = 12

export function catalogChanges(ctx: ReportContext, file: EvaluationFile, catalog: Catalog): string[] {
  const { s } = ctx
  const before = new Map<string, CriterionNode>()
  for (const { node } of walk(catalog.criteria)) before.set(node.id, node)
  const after = new Map<string, CriterionNode>()
  for (const { node } of walk(file.criteria)) after.set(node.id, node)
  const wBefore = nodeWeights(catalog.criteria)
  const name = (n: CriterionNode) => `${n.id} (${localized(n.title, ctx.lang)})`
  const pct = (x: number | undefined) => `${ctx.n(100 * (x ?? 0))}%`
  const out: string[] = []
  for (const [id, n] of after) {
    const old = before.get(id)
    if (!old) {
      out.push(s.changeAdded(name(n)))
      continue
    }
    if (localized(old.title, ctx.lang) !== localized(n.title, ctx.lang)) out.push(s.changeReworded(name(n)))
    const a = wBefore.get(id)?.local
    const b = ctx.weights.get(id)?.local
    if (a !== undefined && b !== undefined && ctx.n(100 * a) !== ctx.n(100 * b)) out.push(s.changeWeight(name(n), pct(a), pct(b)))
    if ((old.threshold ?? null) !== (n.threshold ?? null)) {
      const t = (x: number | undefined) => (x === undefined ? '—' : `${ctx.n(x, 0)}%`)
      out.push(s.changeThreshold(name(n), t(old.threshold), t(n.threshold)))
    }
  }
  for (const [id, n] of before) if (!after.has(id)) out.push(s.changeRemoved(name(n)))
  if (JSON.stringify(catalog.scale) !== JSON.stringify(file.scale)) out.push(s.changeScale)
  if (out.length <= LISTED + 1) return out
  return [...out.slice(0, LISTED), s.changeMore(out.length - LISTED)]
}
