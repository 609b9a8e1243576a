// Editing the evaluation's own copy of the criteria (draft only, chair or secretary): weights,
// titles, thresholds, adding and deleting nodes, and AHP weights for one sibling set.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { updateEvaluation as writeEvaluation } from '../db/evaluation-repository.ts'
import { ahp, CONSISTENCY_LIMIT, type AhpResult } from '../domain/ahp.ts'
import {
  AhpJudgement,
  CriterionNode, LocalizedText, Threshold, Weight, findNode, isGroup, isPassFail, walk, weighted, type StoredAhp,
} from '../domain/criteria.ts'
import { ValidationError, formatPath, type PathSegment } from '../domain/issues.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, fieldError, validationError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus, type Access } from './access.ts'
import { loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'

export const CriterionPatch = z.object({
  weight: Weight.optional(),
  title: z.union([z.string().trim().min(1), LocalizedText]).optional(),
  threshold: Threshold.nullable().optional(),
}).strict()
export type CriterionPatch = z.infer<typeof CriterionPatch>

export const AddCriterionInput = z.object({
  parent: z.string().nullable(),
  node: CriterionNode,
  /** Index among the parent's children; appended when absent. */
  position: z.number().int().nonnegative().optional(),
}).strict()
export type AddCriterionInput = z.infer<typeof AddCriterionInput>

export const AhpApplyInput = z.object({
  matrix: z.array(z.array(AhpJudgement)),
  confirm: z.boolean().optional(),
}).strict()
export type AhpApplyInput = z.infer<typeof AhpApplyInput>

type Tree = CriterionNode[]

/**
 * The tree being edited, with the top level's AHP (stored on the evaluation), and the AHP
 * matrices an edit dropped because the weighted sibling set they compare changed (§3).
 */
class Edit {
  readonly dropped: string[] = []
  constructor(readonly tree: Tree, public rootAhp: StoredAhp | null) {}

  /** Drops the AHP of the sibling set under `parent` (the top level when undefined). */
  dropAhp(parent: CriterionNode | undefined): void {
    if (parent ? parent.ahp : this.rootAhp) this.dropped.push(parent?.id ?? '')
    if (parent) delete parent.ahp
    else this.rootAhp = null
  }
}

/** What a criteria edit tells the user besides its result: the AHP matrices it dropped. */
export interface CriteriaEdited {
  /** Group ids whose AHP was dropped (`""` = the top level); each deserves a notice (`ahpDropped`). */
  readonly ahpDropped: string[]
}

/** Runs an edit on a copy of the tree and saves it with its audit entry, in one transaction. */
async function editTree<T>(
  db: Db, actor: Actor, id: number,
  edit: (e: Edit, access: Access) => { result: T; audit: { action: string; entity: string; before?: unknown; after?: unknown } } | null,
): Promise<(T & CriteriaEdited) | undefined> {
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair', 'secretary'])
    requireStatus(access, ['draft'])
    const { evaluation } = await loadState(trx, id)
    const e = new Edit(structuredClone(evaluation.criteria), evaluation.ahp)
    const out = edit(e, access)
    if (out === null) return undefined
    const tree = e.tree
    const shaped = z.array(CriterionNode).min(1).safeParse(tree)
    if (!shaped.success) throw validationError(shaped.error.issues.map((i) => ({ path: formatPath(['criteria', ...(i.path as PathSegment[])]), message: i.message })))
    const at = now()
    await writeEvaluation(trx, id, { criteria: tree, ahp: e.rootAhp }, at)
    // The whole tree and the top level's AHP after the edit, so that replaying the log rebuilds
    // them (§7); `ahpDropped` names the matrices the edit dropped.
    await appendAudit(trx, actor, access.head, {
      ...out.audit,
      after: { ...(out.audit.after as object | undefined), criteria: tree, ahp: e.rootAhp, ...(e.dropped.length ? { ahpDropped: e.dropped } : {}) },
    }, at)
    return { ...(out.result as T), ahpDropped: e.dropped }
  })
}

function nodeOrThrow(tree: Tree, criterionId: string): CriterionNode {
  const node = findNode(tree, criterionId)
  if (!node) throw new AppError('not_found', 'criterionNotFound', { id: criterionId })
  return node
}

/** The sibling list holding a node, and the parent (undefined at top level). */
function siblingsOf(tree: Tree, criterionId: string): { list: CriterionNode[]; parent: CriterionNode | undefined } {
  if (tree.some((n) => n.id === criterionId)) return { list: tree, parent: undefined }
  for (const { node } of walk(tree)) {
    if (node.children?.some((c) => c.id === criterionId)) return { list: node.children, parent: node }
  }
  throw new AppError('not_found', 'criterionNotFound', { id: criterionId })
}

const snapshot = (n: CriterionNode) => ({ weight: n.weight ?? null, title: n.title, threshold: n.threshold ?? null })

export async function updateCriterion(db: Db, actor: Actor, id: number, criterionId: string, input: CriterionPatch): Promise<CriteriaEdited> {
  const v = parseInput(CriterionPatch, input, actor)
  const out = await editTree(db, actor, id, (e) => {
    const node = nodeOrThrow(e.tree, criterionId)
    const before = snapshot(node)
    if (isPassFail(node) && (v.weight !== undefined || (v.threshold !== undefined && v.threshold !== null))) {
      throw fieldError(v.weight !== undefined ? 'weight' : 'threshold', 'passFailNoWeight', langOf(actor), { id: criterionId })
    }
    // A weight set by hand no longer comes from the AHP matrix of its sibling set.
    if (v.weight !== undefined && v.weight !== node.weight) e.dropAhp(siblingsOf(e.tree, criterionId).parent)
    if (v.weight !== undefined) node.weight = v.weight
    if (v.title !== undefined) node.title = typeof v.title === 'string' ? { ...node.title, vi: v.title } : v.title
    if (v.threshold === null) delete node.threshold
    else if (v.threshold !== undefined) node.threshold = v.threshold
    return { result: {}, audit: { action: 'criterion.update', entity: `criterion:${criterionId}`, before, after: snapshot(node) } }
  })
  return out as CriteriaEdited
}

export async function addCriterion(db: Db, actor: Actor, id: number, input: AddCriterionInput): Promise<{ id: string } & CriteriaEdited> {
  const v = parseInput(AddCriterionInput, input, actor)
  const result = await editTree(db, actor, id, (e) => {
    const existing = new Set([...walk(e.tree)].map((w) => w.node.id))
    for (const { node } of walk([v.node])) {
      if (existing.has(node.id)) throw new AppError('conflict', 'idTaken', { id: node.id })
      existing.add(node.id)
    }
    let list: CriterionNode[] = e.tree
    let parent: CriterionNode | undefined
    if (v.parent !== null) {
      parent = nodeOrThrow(e.tree, v.parent)
      if (!isGroup(parent)) throw new AppError('validation', 'notAGroup', { id: v.parent })
      list = parent.children as CriterionNode[]
    }
    list.splice(Math.min(v.position ?? list.length, list.length), 0, v.node)
    // A new weighted sibling changes what the matrix compares; a pass/fail one does not.
    if (!isPassFail(v.node)) e.dropAhp(parent)
    return { result: { id: v.node.id }, audit: { action: 'criterion.add', entity: `criterion:${v.node.id}`, after: { parent: v.parent, node: v.node } } }
  })
  return result as { id: string } & CriteriaEdited
}

export async function deleteCriterion(db: Db, actor: Actor, id: number, criterionId: string): Promise<CriteriaEdited> {
  const out = await editTree(db, actor, id, (e) => {
    const { list, parent } = siblingsOf(e.tree, criterionId)
    if (list.length === 1) throw new AppError('conflict', 'lastChild', { id: parent?.id ?? '' })
    const index = list.findIndex((n) => n.id === criterionId)
    const [removed] = list.splice(index, 1)
    if (removed && !isPassFail(removed)) e.dropAhp(parent)
    return { result: {}, audit: { action: 'criterion.delete', entity: `criterion:${criterionId}`, before: { parent: parent?.id ?? null, index, node: removed } } }
  })
  return out as CriteriaEdited
}

export type AhpApplied = Omit<AhpResult, 'method' | 'n'> & { readonly applied: boolean; readonly ids: string[] }

/**
 * AHP weights for a group's weighted children (top level when `groupId` is null), in their order.
 * CR > 0.10 is refused (409) unless `confirm` is true; then nothing changes. Stored as
 * `{ ids, matrix }` on the group (on the evaluation for the top level).
 */
export async function applyAhp(db: Db, actor: Actor, id: number, groupId: string | null, input: AhpApplyInput): Promise<AhpApplied> {
  const v = parseInput(AhpApplyInput, input, actor)
  const result = await editTree(db, actor, id, (e) => {
    let children: CriterionNode[] = e.tree
    let group: CriterionNode | undefined
    if (groupId !== null) {
      group = nodeOrThrow(e.tree, groupId)
      if (!isGroup(group)) throw new AppError('validation', 'notAGroup', { id: groupId })
      children = group.children as CriterionNode[]
    }
    const scored = weighted(children)
    if (v.matrix.length !== scored.length) throw new AppError('validation', 'ahpSize', { n: scored.length })
    let r: AhpResult
    try {
      r = ahp(v.matrix, langOf(actor))
    } catch (err) {
      if (err instanceof ValidationError) throw validationError(err.issues)
      throw err
    }
    if (r.cr > CONSISTENCY_LIMIT && v.confirm !== true) {
      throw new AppError('conflict', 'ahpInconsistent', { cr: r.cr.toFixed(3) })
    }
    const before = { ahp: (group ? group.ahp : e.rootAhp) ?? null, weights: scored.map((c) => ({ id: c.id, weight: c.weight ?? null })) }
    scored.forEach((c, i) => { c.weight = r.weights[i] as number })
    const stored: StoredAhp = { ids: scored.map((c) => c.id), matrix: v.matrix }
    if (group) group.ahp = stored
    else e.rootAhp = stored
    const { method: _m, n: _n, ...rest } = r
    return {
      result: { ...rest, applied: true, ids: stored.ids },
      audit: {
        action: 'criterion.ahp', entity: `criterion:${groupId ?? '(root)'}`,
        before, after: { group: groupId, ...stored, cr: r.cr, weights: scored.map((c, i) => ({ id: c.id, weight: r.weights[i] })) },
      },
    }
  })
  return result as AhpApplied
}
