// The setup page (GET /evaluations/:id): details and report block, candidates, members, the
// criteria tree with weights as % and max points, AHP per sibling set, transitions. Also
// re-rendered by a refused form (an inconsistent AHP matrix) with what was typed.
import { PRICE_METHODS } from '../../../domain/price.ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ahp } from '../../../domain/ahp.ts'
import { isGroup, isPassFail, walk, type CriterionNode } from '../../../domain/criteria.ts'
import { computedProposal } from '../../../domain/proposal.ts'
import { nodeWeights } from '../../../domain/weights.ts'
import type { EvaluationDetails } from '../../../services/index.ts'
import type { Lang } from '../../../domain/messages.ts'
import { noticeOf } from '../../notice.ts'
import { requireActor } from '../../plugins/auth.ts'
import type { FormState } from '../form.ts'
import { confirmHref, confirmation, movesFrom } from './confirm.ts'
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

/** Per sibling set of scored nodes: the sum of the weights as typed (the "total" the setup shows). */
function weightTotals(tree: readonly CriterionNode[]) {
  const sets: { id: string; title: CriterionNode['title'] | null; sum: number }[] = []
  const add = (id: string, title: CriterionNode['title'] | null, nodes: readonly CriterionNode[]) => {
    const scored = nodes.filter((c) => !isPassFail(c))
    if (scored.length) sets.push({ id, title, sum: scored.reduce((s, c) => s + (c.weight ?? 0), 0) })
  }
  add('', null, tree)
  for (const { node } of walk(tree)) if (node.children) add(node.id, node.title, node.children)
  return sets
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
          // "A.1 so với A.2": the screen reader's name of the cell (the table's headers are codes).
          row: c.title,
          col: s.children[j]?.title,
          input: j > i,
          diagonal: j === i,
          value: matrix ? matrix[i]?.[j] : j === i ? 1 : undefined,
        })),
      })),
    }
  })
}

/** The chair's stage moves, each behind its confirmation (confirm.ts). */
function transitionsFor(ev: EvaluationDetails, lang: Lang) {
  return movesFrom(ev.status).flatMap((to) => {
    const c = confirmation(ev, lang, `transition:${to}`)
    return c ? [{ to, c, href: confirmHref(ev.id, c.key) }] : []
  })
}

/** A delete's confirmation and the no-JavaScript confirm page's address. */
function deleteConfirm(ev: EvaluationDetails, lang: Lang, key: string) {
  const c = confirmation(ev, lang, key)
  return c ? { c, href: confirmHref(ev.id, key) } : undefined
}

/** Codes → names for the messages of a refused form (routes/form.ts). */
export const namesOf = (ev: EvaluationDetails) => ({ criteria: ev.criteria, candidates: ev.candidates, members: ev.members })

export interface SetupExtra {
  ahpPending?: AhpPending
  /** A refused form of this page (routes/form.ts): its messages beside its fields. */
  form?: FormState
}

export async function setupModel(app: FastifyInstance, req: FastifyRequest, id: number, extra: SetupExtra = {}) {
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
    // §2: the chair's proposal (a candidate or none) and, when it differs from the computed one, the reason.
    proposal: ev.myRole === 'chair' && ev.status === 'review' ? await proposalModel(app, req, id, ev, extra.form) : undefined,
    draft: ev.status === 'draft',
    rows: criteriaRows(ev.criteria).map((r) => ({ ...r, remove: editable ? deleteConfirm(ev, req.lang, `delete-criterion:${r.id}`) : undefined })),
    weightTotals: weightTotals(ev.criteria),
    groups: [...walk(ev.criteria)].filter((w) => isGroup(w.node)).map((w) => ({ id: w.node.id, title: w.node.title })),
    ahp: editable ? ahpForms(ev.criteria, extra.ahpPending) : [],
    transitions: ev.myRole === 'chair' ? transitionsFor(ev, req.lang) : [],
    form: extra.form,
    // A refusal of a form the page no longer shows (its stage is over): at the top of the page.
    formOrphan: extra.form !== undefined && !editable && !['transition', 'conclusion'].includes(extra.form.id),
    notice: extra.form ? undefined : noticeOf(req),
    // Accounts not on the committee yet, for the picker (several at once).
    userChoices: editable ? await app.services.memberChoices(app.db, requireActor(req), id) : [],
    // The chair is named when the evaluation is created; the form adds the other roles.
    roles: ['member', 'secretary', 'observer'],
    aggregations: ['mean', 'median', 'trimmed'],
    methods: PRICE_METHODS,
    copiesTo: (report.copiesTo ?? []).join('\n'),
    members: ev.members.map((m) => ({ ...m, rater: m.role === 'chair' || m.role === 'member', removable: editable && m.role !== 'chair', remove: editable && m.role !== 'chair' ? deleteConfirm(ev, req.lang, `delete-member:${m.id}`) : undefined })),
    candidates: ev.candidates.map((c) => ({ ...c, remove: editable ? deleteConfirm(ev, req.lang, `delete-candidate:${c.id}`) : undefined })),
    levels: ev.scale.levels,
  }
}

export async function renderSetup(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, id: number, extra: SetupExtra = {}) {
  const model = await setupModel(app, req, id, extra)
  return reply.page('evaluations/setup', model.ev.title, model)
}

/** The proposal control: candidates and "none", the computed recommendation, the deviation field open when it is needed. */
async function proposalModel(app: FastifyInstance, req: FastifyRequest, id: number, ev: EvaluationDetails, form: FormState | undefined) {
  const view = await app.services.getResults(app.db, requireActor(req), id, { monteCarlo: false })
  const computed = view.blind ? 'none' : computedProposal(view.results)
  const chosen = ev.report?.proposal
  const name = (pid: string) => (pid === 'none' ? req.t('setup.proposalNone') : (ev.candidates.find((c) => c.id === pid)?.name ?? pid))
  return {
    options: [...ev.candidates.map((c) => ({ value: c.id, label: c.name })), { value: 'none', label: req.t('setup.proposalNone') }]
      .map((o) => ({ ...o, selected: (chosen ?? computed) === o.value })),
    computed: name(computed),
    deviationOpen: (chosen !== undefined && chosen !== computed) || form?.id === 'conclusion',
  }
}
