// The criteria tree: one shape for catalogs (§4), evaluations and the evaluation file (§9).
// A node with `children` is a group; a node without is a criterion, scored (with a weight) or
// pass/fail (`type: pass_fail`, no weight).
import { z } from 'zod'
import { ahp, checkAhpMatrix } from './ahp.ts'
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

/**
 * Bounds on every number that enters (§7 "Hostile input"): a weight of 1e308 would overflow the
 * sum and zero every score. Far beyond any real use, far below where float arithmetic breaks.
 */
export const WEIGHT_MAX = 1e6
/** An AHP judgement (Saaty: 1/9 … 9), and any scale value or spread, stays within ±this. */
export const NUMBER_BOUND = 1e6

export const Weight = z.number().finite().nonnegative().max(WEIGHT_MAX)
/** Minimum in % of a node's max points (or of 100 for the total). */
export const Threshold = z.number().finite().min(0).max(100)

export const AhpJudgement = z.number().finite().min(1 / NUMBER_BOUND).max(NUMBER_BOUND)
export const AhpMatrix = z.array(z.array(AhpJudgement))

/** A pairwise matrix alone (the CLI's `ahp` command). */
export const AhpInput = z.object({
  /** Reciprocal pairwise matrix on Saaty's 1–9 scale. */
  matrix: AhpMatrix,
}).strict()

/**
 * The AHP a sibling set's weights came from, as stored (on a group, and on the evaluation or the
 * catalog for the top level): `ids` names the scored siblings in the matrix's row order, so the
 * matrix reads alone, whatever pass/fail criteria sit among them.
 */
export const StoredAhp = z.object({
  ids: z.array(NodeId).min(1),
  matrix: AhpMatrix,
}).strict()
export type StoredAhp = z.infer<typeof StoredAhp>

export const CriterionNode = z.object({
  id: NodeId,
  title: LocalizedText,
  weight: Weight.optional(),
  type: z.enum(['scored', 'pass_fail']).optional(),
  threshold: Threshold.optional(),
  description: LocalizedText.optional(),
  guidance: LocalizedText.optional(),
  source: z.string().optional(),
  ahp: StoredAhp.optional(),
  get children() {
    return z.array(CriterionNode).min(1).optional()
  },
}).strict()
export type CriterionNode = z.infer<typeof CriterionNode>

export const CriteriaTree = z.array(CriterionNode).min(1)

export const isGroup = (n: CriterionNode): boolean => n.children !== undefined
export const isPassFail = (n: CriterionNode): boolean => !isGroup(n) && n.type === 'pass_fail'
export const isScored = (n: CriterionNode): boolean => !isGroup(n) && n.type !== 'pass_fail'
/** The siblings that carry a weight (groups and scored criteria): what an AHP matrix compares. */
export const weighted = <T extends CriterionNode>(siblings: readonly T[]): T[] => siblings.filter((c) => !isPassFail(c))

/** Relative tolerance between stored weights and the AHP eigenvector they came from. */
const AHP_WEIGHT_TOLERANCE = 1e-6

/**
 * A stored AHP against the sibling set it weighs: `ids` exactly the weighted siblings (each once),
 * a valid n×n reciprocal Saaty matrix, and the siblings' weights in the matrix's proportions.
 */
export function checkStoredAhp(
  stored: StoredAhp, siblings: readonly CriterionNode[], lang: Lang, path: readonly PathSegment[], siblingsPath: readonly PathSegment[],
): Issue[] {
  const at = (...rest: PathSegment[]) => formatPath([...path, ...rest])
  const scored = weighted(siblings)
  const expected = scored.map((c) => c.id)
  const same = stored.ids.length === expected.length && new Set(stored.ids).size === stored.ids.length && stored.ids.every((id) => expected.includes(id))
  if (!same) return [{ path: at('ids'), message: message(lang, 'ahpIds', { expected: expected.join(', '), got: stored.ids.join(', ') }) }]
  if (stored.matrix.length !== stored.ids.length) return [{ path: at('matrix'), message: message(lang, 'ahpIdsSize', { n: stored.matrix.length, m: stored.ids.length }) }]
  const issues = checkAhpMatrix(stored.matrix, lang, at('matrix'))
  if (issues.length) return issues
  const r = ahp(stored.matrix, lang)
  const byId = new Map(scored.map((c) => [c.id, c]))
  const sum = scored.reduce((s, c) => s + (c.weight ?? 0), 0)
  stored.ids.forEach((id, i) => {
    const node = byId.get(id) as CriterionNode
    const share = sum > 0 ? (node.weight ?? 0) / sum : 0
    const want = r.weights[i] as number
    if (Math.abs(share - want) > AHP_WEIGHT_TOLERANCE * Math.max(1, want)) {
      issues.push({ path: formatPath([...siblingsPath, siblings.indexOf(node), 'weight']), message: message(lang, 'ahpWeightsDiffer', { id, weight: share, expected: want }) })
    }
  })
  return issues
}

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
  /** The top level's stored AHP and where it sits (`evaluation.ahp` in §9, `ahp` in a catalog). */
  root?: { readonly ahp: StoredAhp | undefined; readonly path: readonly PathSegment[] },
): Issue[] {
  const issues: Issue[] = []
  const seen = new Map<string, string>()
  const add = (path: readonly PathSegment[], msg: string) => issues.push({ path: formatPath(path), message: msg })

  const visit = (siblings: readonly CriterionNode[], path: readonly PathSegment[]): boolean => {
    let sum = 0
    let anyScored = false
    siblings.forEach((node, i) => {
      const here = [...path, i]
      if (!node.children && node.ahp) add([...here, 'ahp'], message(lang, 'ahpIds', { expected: '—', got: node.ahp.ids.join(', ') }))
      if (seen.has(node.id)) add([...here, 'id'], message(lang, 'duplicateId', { id: node.id }))
      else seen.set(node.id, formatPath(here))
      if (node.children) {
        if (node.type === 'pass_fail') add([...here, 'type'], message(lang, 'weightOnPassFail', { id: node.id }))
        if (node.weight === undefined) add([...here, 'weight'], message(lang, 'missingWeight', { id: node.id }))
        const childScored = visit(node.children, [...here, 'children'])
        if (!childScored) add(here, message(lang, 'emptyGroup', { id: node.id }))
        else if (node.ahp) issues.push(...checkStoredAhp(node.ahp, node.children, lang, [...here, 'ahp'], [...here, 'children']))
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
  else if (root?.ahp) issues.push(...checkStoredAhp(root.ahp, nodes, lang, root.path, base))
  return issues
}
