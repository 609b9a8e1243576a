// Global weights and max points over a criteria tree of any depth (§3).
// Pass/fail criteria carry no weight: they are left out of every sum here.
import { isGroup, isPassFail, isScored, walk, type CriterionNode } from './criteria.ts'

export interface NodeWeight {
  /** w_node / Σ w of its scored siblings (pass/fail siblings ignored). */
  readonly local: number
  /** Product of `local` along the path from the root. */
  readonly global: number
  /** 100 × global for a criterion; for a group, the sum of its scored descendants' max points. */
  readonly maxPoints: number
}

/** Scored nodes (groups and scored criteria) of one sibling set; pass/fail criteria are not. */
const scoredSiblings = (nodes: readonly CriterionNode[]) => nodes.filter((n) => !isPassFail(n))

/**
 * Local shares of one sibling set. A set whose weights sum to 0 is a catalog error
 * (`checkCriteriaTree` reports it); here it gets shares of 0 rather than NaN.
 */
export function localShares(nodes: readonly CriterionNode[]): Map<string, number> {
  const scored = scoredSiblings(nodes)
  const sum = scored.reduce((s, n) => s + (n.weight ?? 0), 0)
  return new Map(scored.map((n) => [n.id, sum > 0 ? (n.weight ?? 0) / sum : 0]))
}

/** Weight facts of every scored node, groups included, keyed by id, in tree order. */
export function nodeWeights(tree: readonly CriterionNode[]): Map<string, NodeWeight> {
  const out = new Map<string, NodeWeight>()
  const visit = (nodes: readonly CriterionNode[], parentGlobal: number): number => {
    const shares = localShares(nodes)
    let points = 0
    for (const node of nodes) {
      const local = shares.get(node.id)
      if (local === undefined) continue
      const global = parentGlobal * local
      // Reserve the slot so the map stays in tree order (parents before children).
      out.set(node.id, { local, global, maxPoints: 0 })
      const maxPoints = node.children ? visit(node.children, global) : 100 * global
      out.set(node.id, { local, global, maxPoints })
      points += maxPoints
    }
    return points
  }
  visit(tree, 1)
  return out
}

/** Global weights W(c) of scored criteria, in tree order; they sum to 1. */
export function globalWeights(tree: readonly CriterionNode[]): Record<string, number> {
  const all = nodeWeights(tree)
  const out: Record<string, number> = {}
  for (const { node } of walk(tree)) if (isScored(node)) out[node.id] = all.get(node.id)?.global ?? 0
  return out
}

/** Max points of every scored node (criteria and groups), thang điểm 100. */
export function maxPoints(tree: readonly CriterionNode[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [id, w] of nodeWeights(tree)) out[id] = w.maxPoints
  return out
}

/**
 * The scored criteria under `node` with their weights relative to it (product of local shares
 * below it; they sum to 1). Defined even when the node's own weight is 0, which is what lets a
 * node's threshold be judged in % of its own max points whatever weight it has.
 */
export function relativeWeights(node: CriterionNode): Map<string, number> {
  const out = new Map<string, number>()
  const visit = (n: CriterionNode, w: number) => {
    if (!isGroup(n)) {
      if (isScored(n)) out.set(n.id, w)
      return
    }
    const shares = localShares(n.children ?? [])
    for (const child of n.children ?? []) {
      const share = shares.get(child.id)
      if (share !== undefined) visit(child, w * share)
    }
  }
  visit(node, 1)
  return out
}
