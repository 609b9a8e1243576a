// fast-check generators of valid evaluation files: random trees (depth ≤ 3, pass/fail criteria,
// zero weights, thresholds), scales, raters, abstentions and partly missing ratings.
import fc from 'fast-check'
import type { CriterionNode } from '../../src/domain/criteria.ts'
import type { EvaluationFile, Rating } from '../../src/domain/evaluation-file.ts'

interface Shape {
  readonly w: number
  readonly pf?: boolean
  readonly threshold?: number | null
  readonly children?: readonly Shape[]
}

const { node: shapeArb } = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'criteria' },
    { arbitrary: fc.record({ w: fc.integer({ min: 0, max: 5 }) }), weight: 4 },
    { arbitrary: fc.record({ w: fc.constant(0), pf: fc.constant(true) }), weight: 1 },
    {
      arbitrary: fc.record({
        w: fc.integer({ min: 0, max: 5 }),
        threshold: fc.option(fc.integer({ min: 0, max: 100 }), { freq: 3 }),
        children: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
      }),
      weight: 2,
    },
  ),
}))

/** Shapes → a valid tree: positive sums in every scored sibling set, a scored criterion in every group. */
function toTree(shapes: readonly Shape[]): CriterionNode[] {
  let next = 0
  const build = (list: readonly Shape[]): CriterionNode[] => {
    const nodes: CriterionNode[] = list.map((s) => {
      const id = `N${++next}`
      const title = { vi: `Tiêu chí ${id}`, en: `Criterion ${id}` }
      if (s.children) {
        const node: CriterionNode = { id, title, weight: s.w, children: build(s.children) }
        if (s.threshold !== undefined && s.threshold !== null) node.threshold = s.threshold
        return node
      }
      return s.pf ? { id, title, type: 'pass_fail' } : { id, title, weight: s.w }
    })
    const scored = nodes.filter((n) => n.type !== 'pass_fail')
    if (scored.length === 0) nodes.push({ id: `N${++next}`, title: { vi: 'Bổ sung' }, weight: 1 })
    else if (scored.every((n) => (n.weight ?? 0) === 0)) scored[0]!.weight = 1
    return nodes
  }
  return build(shapes)
}

function leafIds(nodes: readonly CriterionNode[]): { id: string; pf: boolean }[] {
  return nodes.flatMap((n) => (n.children ? leafIds(n.children) : [{ id: n.id, pf: n.type === 'pass_fail' }]))
}

export interface FileOptions {
  readonly minCandidates?: number
  readonly withThreshold?: boolean
}

export const evaluationFileArb = (opts: FileOptions = {}): fc.Arbitrary<EvaluationFile> =>
  fc.record({
    shapes: fc.array(shapeArb, { minLength: 1, maxLength: 4 }),
    candidates: fc.integer({ min: opts.minCandidates ?? 1, max: 4 }),
    raters: fc.integer({ min: 1, max: 4 }),
    min: fc.integer({ min: -2, max: 1 }),
    span: fc.integer({ min: 1, max: 5 }),
    aggregation: fc.constantFrom('mean' as const, 'median' as const, 'trimmed' as const),
    threshold: opts.withThreshold === false ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: 100 }), { freq: 3 }),
  }).chain((base) => {
    const criteria = toTree(base.shapes)
    const leaves = leafIds(criteria)
    const cells = base.raters * base.candidates * leaves.length
    return fc.record({
      // per rater × candidate × criterion: missing (null) or a level offset within the span
      values: fc.array(fc.option(fc.integer({ min: 0, max: base.span }), { freq: 6 }), { minLength: cells, maxLength: cells }),
      abstain: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: base.raters * base.candidates, maxLength: base.raters * base.candidates }),
    }).map(({ values, abstain }): EvaluationFile => {
      const candidates = Array.from({ length: base.candidates }, (_, i) => ({ id: `P${i + 1}`, name: `Phần mềm ${i + 1}` }))
      const members = Array.from({ length: base.raters }, (_, i) => ({ id: `m${i + 1}`, name: `Thành viên ${i + 1}`, role: i === 0 ? 'chair' as const : 'member' as const }))
      const abstentions: EvaluationFile['abstentions'] = []
      const ratings: Rating[] = []
      members.forEach((m, r) => { candidates.forEach((c, p) => {
        if (abstain[r * base.candidates + p] === 0) {
          abstentions.push({ member: m.id, candidate: c.id, reason: 'Xung đột lợi ích' })
          return
        }
        leaves.forEach((leaf, k) => {
          const v = values[(r * base.candidates + p) * leaves.length + k]
          if (v === null || v === undefined) return
          ratings.push(leaf.pf
            ? { member: m.id, candidate: c.id, criterion: leaf.id, pass: v % 2 === 0 }
            : { member: m.id, candidate: c.id, criterion: leaf.id, value: base.min + v })
        })
      }) })
      return {
        format: 'eoffice-eval/evaluation@1',
        evaluation: {
          title: 'Thử nghiệm',
          aggregation: base.aggregation,
          ...(base.threshold !== null ? { threshold: base.threshold } : {}),
          monteCarlo: { draws: 200, concentration: 100, seed: 1 },
        },
        scale: { min: base.min, max: base.min + base.span, levels: [] },
        criteria,
        candidates,
        members,
        abstentions,
        ratings,
      }
    })
  })

/** A permutation of `list` drawn by fast-check. */
export const shuffled = <T>(list: readonly T[]): fc.Arbitrary<T[]> =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: list.length, maxLength: list.length })
    .map((keys) => list.map((x, i) => [keys[i]!, x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x))
