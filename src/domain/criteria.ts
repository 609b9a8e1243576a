// The criteria tree: one shape for catalogs (§4), evaluations and the evaluation file (§9).
// A node with `children` is a group; a node without is a criterion, scored (with a weight) or
// pass/fail (`type: pass_fail`, no weight).
import { z } from 'zod'
import { formatPath, type Issue, type PathSegment } from './issues.ts'
import { message, type Lang } from './messages.ts'

export const LocalizedText = z.object({
  vi: z.string().min(1),
  en: z.string().min(1).optional(),
}).strict()
export type LocalizedText = z.infer<typeof LocalizedText>

export const NodeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  message: 'id: letters, digits, ".", "_" or "-" (at most 64)',
})

export const Weight = z.number().finite().nonnegative()
/** Minimum in % of a node's max points (or of 100 for the total). */
export const Threshold = z.number().finite().min(0).max(100)

export const AhpInput = z.object({
  /** Reciprocal pairwise matrix over the node's children, in children order (Saaty 1–9). */
  matrix: z.array(z.array(z.number().finite().positive())),
}).strict()

export const CriterionNode = z.object({
  id: NodeId,
  title: LocalizedText,
  weight: Weight.optional(),
  type: z.enum(['scored', 'pass_fail']).optional(),
  threshold: Threshold.optional(),
  description: LocalizedText.optional(),
  guidance: LocalizedText.optional(),
  source: z.string().optional(),
  ahp: AhpInput.optional(),
  get children() {
    return z.array(CriterionNode).min(1).optional()
  },
}).strict()
export type CriterionNode = z.infer<typeof CriterionNode>

export const CriteriaTree = z.array(CriterionNode).min(1)

export const isGroup = (n: CriterionNode): boolean => n.children !== undefined
export const isPassFail = (n: CriterionNode): boolean => !isGroup(n) && n.type === 'pass_fail'
export const isScored = (n: CriterionNode): boolean => !isGroup(n) && n.type !== 'pass_fail'

/** Every node in tree order (pre-order), with its path of ancestors' ids. */
export function* walk(
  nodes: readonly CriterionNode[],
  ancestors: readonly CriterionNode[] = [],
): Generator<{ node: CriterionNode; ancestors: readonly CriterionNode[] }> {
  for (const node of nodes) {
    yield { node, ancestors }
    if (node.children) yield* walk(node.children, [...ancestors, node])
  }
}

export function leaves(nodes: readonly CriterionNode[]): CriterionNode[] {
  return [...walk(nodes)].map((w) => w.node).filter((n) => !isGroup(n))
}

export function findNode(nodes: readonly CriterionNode[], id: string): CriterionNode | undefined {
  for (const { node } of walk(nodes)) if (node.id === id) return node
  return undefined
}

/**
 * The rules zod's shape cannot say (§3): unique ids, weights where they belong, a positive sum in
 * every sibling set of scored nodes, at least one scored criterion in every group.
 */
export function checkCriteriaTree(
  nodes: readonly CriterionNode[],
  lang: Lang,
  base: readonly PathSegment[] = ['criteria'],
): Issue[] {
  const issues: Issue[] = []
  const seen = new Map<string, string>()
  const add = (path: readonly PathSegment[], msg: string) => issues.push({ path: formatPath(path), message: msg })

  const visit = (siblings: readonly CriterionNode[], path: readonly PathSegment[]): boolean => {
    let sum = 0
    let anyScored = false
    siblings.forEach((node, i) => {
      const here = [...path, i]
      if (seen.has(node.id)) add([...here, 'id'], message(lang, 'duplicateId', { id: node.id }))
      else seen.set(node.id, formatPath(here))
      if (node.children) {
        if (node.type === 'pass_fail') add([...here, 'type'], message(lang, 'weightOnPassFail', { id: node.id }))
        if (node.weight === undefined) add([...here, 'weight'], message(lang, 'missingWeight', { id: node.id }))
        const childScored = visit(node.children, [...here, 'children'])
        if (!childScored) add(here, message(lang, 'emptyGroup', { id: node.id }))
        sum += node.weight ?? 0
        anyScored = true
      } else if (node.type === 'pass_fail') {
        if (node.weight !== undefined) add([...here, 'weight'], message(lang, 'weightOnPassFail', { id: node.id }))
        if (node.threshold !== undefined) add([...here, 'threshold'], message(lang, 'thresholdOnPassFail', { id: node.id }))
      } else {
        if (node.weight === undefined) add([...here, 'weight'], message(lang, 'missingWeight', { id: node.id }))
        sum += node.weight ?? 0
        anyScored = true
      }
    })
    if (anyScored && !(sum > 0)) add(path, message(lang, 'zeroWeightSiblings'))
    return anyScored
  }

  if (!visit(nodes, base)) add(base, message(lang, 'noCriteria'))
  return issues
}
