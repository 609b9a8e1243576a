// Display rounding of a criteria tree's numbers (§6): the whole first, then each sibling set by
// the largest remainder (roundParts), so every printed group adds up to its printed parts and the
// top-level groups to the printed total. Pure; pass/fail nodes carry no number.
import { isPassFail, type CriterionNode } from './criteria.ts'
import { roundParts } from './round.ts'

/**
 * Rounded values of every scored node under `nodes`: `leaf(id)` gives a criterion's own value; a
 * group's value is the sum of its scored children. `whole` (default: the sum of the top level)
 * is what the top level must add up to once rounded.
 */
export function roundTree(nodes: readonly CriterionNode[], leaf: (id: string) => number, decimals = 2, whole?: number): Map<string, number> {
  const exact = new Map<string, number>()
  const value = (n: CriterionNode): number => {
    const v = n.children ? n.children.reduce((sum, c) => sum + (isPassFail(c) ? 0 : value(c)), 0) : leaf(n.id)
    exact.set(n.id, v)
    return v
  }
  const out = new Map<string, number>()
  const assign = (siblings: readonly CriterionNode[], target: number | undefined) => {
    const scored = siblings.filter((n) => !isPassFail(n))
    const values = scored.map(value)
    const rounded = roundParts(values, decimals, target)
    scored.forEach((n, i) => {
      out.set(n.id, rounded[i] as number)
      if (n.children) assign(n.children, rounded[i])
    })
  }
  assign(nodes, whole)
  return out
}
