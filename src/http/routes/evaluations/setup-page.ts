// The setup page (GET /evaluations/:id): details and report block, candidates, members, the
// criteria tree with weights as % and max points, AHP per sibling set, transitions. Also
// re-rendered by a refused form (an inconsistent AHP matrix) with what was typed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ahp } from '../../../domain/ahp.ts'
import { isGroup, isPassFail, walk, type CriterionNode } from '../../../domain/criteria.ts'
import { nodeWeights } from '../../../domain/weights.ts'
import type { EvaluationDetails } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { evaluationNav } from './nav.ts'

export interface AhpPending {
  group: string
  matrix: number[][]
  message: string
}

export function criteriaRows(tree: readonly CriterionNode[]) {
  const weights = nodeWeights(tree)
  const parentOf = new Map<string, string>()
  for (const { node, ancestors } of walk(tree)) {
    const p = ancestors.at(-1)
    if (p) parentOf.set(node.id, p.id)
  }
  return [...walk(tree)].map(({ node, ancestors }) => {
    const w = weights.get(node.id)
    return {
      id: node.id,
      title: node.title,
      depth: Math.min(ancestors.length, 4),
      parent: parentOf.get(node.id) ?? '',
      group: isGroup(node),
      passFail: isPassFail(node),
      weight: node.weight,
      local: w?.local,
      global: w?.global,
      maxPoints: w?.maxPoints,
      threshold: node.threshold,
    }
  })
}

function ahpForms(tree: readonly CriterionNode[], pending: AhpPending | undefined) {
  const sets: { id: string; title: CriterionNode['title'] | null; children: CriterionNode[]; stored?: number[][] }[] = [
    { id: '', title: null, children: tree.filter((c) => !isPassFail(c)) },
  ]
  for (const { node } of walk(tree)) {
    if (node.children) sets.push({ id: node.id, title: node.title, children: node.children.filter((c) => !isPassFail(c)), stored: node.ahp?.matrix })
  }
  return sets.filter((s) => s.children.length >= 2).map((s) => {
    const isPending = pending !== undefined && pending.group === s.id
    const matrix = isPending ? pending.matrix : s.stored && s.stored.length === s.children.length ? s.stored : undefined
    let result: { lambdaMax: number; ci: number; cr: number; consistent: boolean } | undefined
    if (matrix) {
      try {
        const r = ahp(matrix)
        result = { lambdaMax: r.lambdaMax, ci: r.ci, cr: r.cr, consistent: r.consistent }
      } catch {
        result = undefined
      }
    }
    const n = s.children.length
    return {
      id: s.id,
      title: s.title,
      pending: isPending,
      message: isPending ? pending.message : undefined,
      result,
      header: s.children.map((c) => ({ id: c.id, title: c.title })),
      rows: s.children.map((c, i) => ({
        id: c.id,
        title: c.title,
        cells: Array.from({ length: n }, (_, j) => ({
          name: `a.${i}.${j}`,
          input: j > i,
          diagonal: j === i,
          value: matrix ? matrix[i]?.[j] : j === i ? 1 : undefined,
        })),
      })),
    }
  })
}

function transitionsFor(ev: EvaluationDetails) {
  const to: Record<string, { to: string; label: string; reason: boolean }[]> = {
    draft: [{ to: 'scoring', label: 'setup.toScoring', reason: false }],
    scoring: [{ to: 'review', label: 'setup.toReview', reason: false }],
    review: [{ to: 'finalized', label: 'setup.toFinalized', reason: false }],
    finalized: [{ to: 'review', label: 'setup.reopen', reason: true }],
  }
  return to[ev.status] ?? []
}

export async function setupModel(app: FastifyInstance, req: FastifyRequest, id: number, extra: { ahpPending?: AhpPending } = {}) {
  const ev = await app.services.getEvaluation(app.db, requireActor(req), id)
  const staff = ev.myRole === 'chair' || ev.myRole === 'secretary'
  const editable = staff && ev.status === 'draft'
  const report = ev.report
  return {
    ev,
    nav: evaluationNav(ev, 'setup'),
    editable,
    isChair: ev.myRole === 'chair',
    canConclude: ev.myRole === 'chair' && ev.status === 'review',
    draft: ev.status === 'draft',
    rows: criteriaRows(ev.criteria),
    groups: [...walk(ev.criteria)].filter((w) => isGroup(w.node)).map((w) => ({ id: w.node.id, title: w.node.title })),
    ahp: editable ? ahpForms(ev.criteria, extra.ahpPending) : [],
    transitions: ev.myRole === 'chair' ? transitionsFor(ev) : [],
    // The chair is named when the evaluation is created; the form adds the other roles.
    roles: ['member', 'secretary', 'observer'],
    aggregations: ['mean', 'median', 'trimmed'],
    copiesTo: (report.copiesTo ?? []).join('\n'),
    members: ev.members.map((m) => ({ ...m, removable: editable && m.role !== 'chair' })),
    levels: ev.scale.levels,
  }
}

export async function renderSetup(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, id: number, extra: { ahpPending?: AhpPending } = {}) {
  const model = await setupModel(app, req, id, extra)
  return reply.page('evaluations/setup', model.ev.title, model)
}
