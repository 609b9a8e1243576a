// Evaluations: create from a catalog, list for an actor, read, change details in draft, and the
// chair's conclusion in review.
import { z } from 'zod'
import { countAbstentionsByEvaluation } from '../db/abstention-repository.ts'
import type { Db } from '../db/database.ts'
import { countCandidatesByEvaluation } from '../db/candidate-repository.ts'
import { insertEvaluation, listEvaluations as listEvaluationRows, updateEvaluation as writeEvaluation } from '../db/evaluation-repository.ts'
import { countRatersByEvaluation, insertMember, rolesOfUser } from '../db/member-repository.ts'
import { countRatingsByEvaluation } from '../db/rating-repository.ts'
import type { EvaluationFields } from '../db/evaluation-mapper.ts'
import type { EvaluationRecord } from '../db/records.ts'
import { findUserByUsername } from '../db/user-repository.ts'
import type { Catalog } from '../domain/catalog.ts'
import { leaves, NUMBER_BOUND, Threshold, type CriterionNode } from '../domain/criteria.ts'
import { PRICE_METHODS, type PriceMethod } from '../domain/price.ts'
import {
  Aggregation, DEFAULT_MONTE_CARLO, MonteCarloSettings, ReportBlock,
  type Role, type Scale, type Status,
} from '../domain/evaluation-file.ts'
import { isSystem, langOf, type Actor } from './actor.ts'
import { AppError, fieldError } from './app-error.ts'
import { parseInput } from './parse-input.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireAdmin, requireRole, requireStatus } from './access.ts'
import { loadState } from './evaluation-state.ts'

/** What createEvaluation needs of the catalog registry. */
export interface CatalogSource {
  get(id: string, version?: string): Catalog | undefined
}

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const CreateEvaluationInput = z.object({
  title: z.string().trim().min(1).max(500),
  catalogId: z.string().min(1),
  catalogVersion: z.string().min(1).optional(),
  chair: z.string().min(1).optional(),
  basis: z.string().max(20_000).optional(),
  deadline: IsoDate.optional(),
  aggregation: Aggregation.optional(),
  threshold: Threshold.optional(),
}).strict()
export type CreateEvaluationInput = z.infer<typeof CreateEvaluationInput>

export async function createEvaluation(db: Db, actor: Actor, catalogs: CatalogSource, input: CreateEvaluationInput): Promise<{ id: number }> {
  requireAdmin(actor)
  const v = parseInput(CreateEvaluationInput, input, actor)
  const catalog = catalogs.get(v.catalogId, v.catalogVersion)
  if (!catalog) throw new AppError('not_found', 'catalogNotFound', { id: v.catalogId, version: v.catalogVersion ?? '' })
  return db.transaction().execute(async (trx) => {
    const chairName = v.chair ?? (isSystem(actor) ? undefined : actor.username)
    const chair = chairName === undefined ? undefined : await findUserByUsername(trx, chairName)
    if (chairName !== undefined && !chair) throw new AppError('not_found', 'userNotFound', { username: chairName })
    const at = now()
    const fields: EvaluationFields = {
      title: v.title,
      basis: v.basis ?? null,
      status: 'draft',
      deadline: v.deadline ?? null,
      catalog: { id: catalog.id, version: catalog.version },
      aggregation: v.aggregation ?? catalog.aggregation ?? 'mean',
      threshold: v.threshold ?? catalog.threshold ?? null,
      disagreementSpread: catalog.disagreementSpread ?? null,
      monteCarlo: DEFAULT_MONTE_CARLO,
      scale: structuredClone(catalog.scale),
      criteria: structuredClone(catalog.criteria),
      ahp: catalog.ahp ? structuredClone(catalog.ahp) : null,
      report: null,
      // §12: a catalog may carry the method a later procurement reuses.
      ...(catalog.method && catalog.method !== 'technical' ? { method: catalog.method, priceK: catalog.K ?? null } : {}),
    }
    const id = await insertEvaluation(trx, fields, actor.userId, at)
    if (chair) {
      await insertMember(trx, id, { code: 'm1', userId: chair.id, username: chair.username, name: chair.displayName, role: 'chair', declaredAt: null, position: 0 })
    }
    // The whole new evaluation, so that replaying the log rebuilds it (§7).
    await appendAudit(trx, actor, { id, auditHead: null, auditSeq: 0 }, {
      action: 'evaluation.create', entity: `evaluation:${id}`,
      after: {
        title: v.title, catalog: fields.catalog, chair: chair?.username ?? null, evaluation: fields,
        members: chair ? [{ id: 'm1', name: chair.displayName, role: 'chair', username: chair.username }] : [],
      },
    }, at)
    return { id }
  })
}

export interface EvaluationSummary {
  readonly id: number
  readonly title: string
  readonly status: Status
  readonly deadline: string | null
  /** The actor's role here; null for an admin who is not on the committee. */
  readonly role: Role | null
  readonly candidates: number
  readonly raters: number
  /** Ratings entered so far, and expected in all ((raters × candidates − abstentions) × criteria: an abstention is not missing work). */
  readonly rated: number
  readonly expected: number
  readonly updatedAt: string
}

/** The evaluations the actor takes part in (an admin: all); archived drafts only with `archived: true`, then only they. */
export async function listEvaluations(db: Db, actor: Actor, opts: { archived?: boolean } = {}): Promise<EvaluationSummary[]> {
  const roles = actor.userId === null ? new Map<number, { role: Role; code: string }>() : await rolesOfUser(db, actor.userId)
  const rows = (await listEvaluationRows(db, actor.admin ? undefined : [...roles.keys()])).filter((e) => e.archived === (opts.archived === true))
  const ids = rows.map((r) => r.id)
  const [candidates, raters, rated, abstained] = await Promise.all([
    countCandidatesByEvaluation(db, ids), countRatersByEvaluation(db, ids), countRatingsByEvaluation(db, ids), countAbstentionsByEvaluation(db, ids),
  ])
  return rows.map((e) => {
    const c = candidates.get(e.id) ?? 0
    const r = raters.get(e.id) ?? 0
    return {
      id: e.id,
      title: e.title,
      status: e.status,
      deadline: e.deadline,
      role: roles.get(e.id)?.role ?? null,
      candidates: c,
      raters: r,
      rated: rated.get(e.id) ?? 0,
      expected: Math.max(0, c * r - (abstained.get(e.id) ?? 0)) * leaves(e.criteria).length,
      updatedAt: e.updatedAt,
    }
  })
}

export interface EvaluationDetails {
  readonly id: number
  readonly title: string
  readonly basis: string | null
  readonly status: Status
  readonly deadline: string | null
  readonly catalog: { readonly id: string; readonly version: string } | null
  readonly aggregation: Aggregation
  readonly threshold: number | null
  readonly disagreementSpread: number
  readonly monteCarlo: MonteCarloSettings
  /** §12: `technical` (no price envelope), `lowest-price` or `combined` with K. */
  readonly method: PriceMethod
  readonly K: number | null
  /** A draft put out of the evaluations list. */
  readonly archived: boolean
  readonly scale: Scale
  readonly criteria: CriterionNode[]
  readonly report: ReportBlock
  readonly candidates: { id: string; name: string; vendor: string | null; version: string | null }[]
  readonly members: { id: string; name: string; role: Role; username: string | null; declared: boolean; declaredAt: string | null; paper: boolean }[]
  /** Abstentions, by member and candidate code, with the reason. */
  readonly abstentions: { member: string; candidate: string; reason: string }[]
  readonly myRole: Role | null
  readonly myMember: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

function details(e: EvaluationRecord): Omit<EvaluationDetails, 'candidates' | 'members' | 'abstentions' | 'myRole' | 'myMember'> {
  return {
    id: e.id,
    title: e.title,
    basis: e.basis,
    status: e.status,
    deadline: e.deadline,
    catalog: e.catalog,
    aggregation: e.aggregation ?? 'mean',
    threshold: e.threshold,
    disagreementSpread: e.disagreementSpread ?? (e.scale.max - e.scale.min) / 2,
    monteCarlo: e.monteCarlo ?? DEFAULT_MONTE_CARLO,
    method: e.method,
    K: e.priceK,
    archived: e.archived,
    scale: e.scale,
    criteria: e.criteria,
    report: e.report ?? {},
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  }
}

export async function getEvaluation(db: Db, actor: Actor, id: number): Promise<EvaluationDetails> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary', 'member', 'observer'], { admin: true })
  const s = await loadState(db, id)
  const candidateCode = new Map(s.candidates.map((c) => [c.id, c.code]))
  const memberCode = new Map(s.members.map((m) => [m.id, m.code]))
  return {
    ...details(s.evaluation),
    candidates: s.candidates.map((c) => ({ id: c.code, name: c.name, vendor: c.vendor, version: c.version })),
    members: s.members.map((m) => ({ id: m.code, name: m.name, role: m.role, username: m.username, declared: m.declaredAt !== null, declaredAt: m.declaredAt, paper: m.paper })),
    abstentions: s.abstentions.map((a) => ({ member: memberCode.get(a.memberId) ?? '', candidate: candidateCode.get(a.candidateId) ?? '', reason: a.reason })),
    myRole: access.role ?? null,
    myMember: access.member?.code ?? null,
  }
}

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional()

export const ReportPatch = z.object({
  parentAgency: nullable(z.string()),
  agency: nullable(z.string()),
  number: nullable(z.string()),
  place: nullable(z.string()),
  date: nullable(IsoDate),
  recipient: nullable(z.string()),
  signer: nullable(ReportBlock.shape.signer.unwrap()),
  copiesTo: nullable(z.array(z.string())),
  conclusion: nullable(z.string().max(100_000)),
  /** §2: a candidate id or "none"; with `deviation`, why it differs from the computed recommendation. */
  proposal: nullable(z.string().trim().min(1).max(64)),
  deviation: nullable(z.string().max(20_000)),
}).strict()

const REVIEW_REPORT_KEYS: readonly string[] = ['conclusion', 'proposal', 'deviation']

export const UpdateEvaluationInput = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  basis: nullable(z.string().max(20_000)),
  deadline: nullable(IsoDate),
  aggregation: Aggregation.optional(),
  threshold: nullable(Threshold),
  disagreementSpread: nullable(z.number().finite().nonnegative().max(NUMBER_BOUND)),
  monteCarlo: nullable(MonteCarloSettings),
  /** §12: the price envelope's method, and K (0 < K < 100) for `combined`. */
  method: z.enum(PRICE_METHODS).optional(),
  K: nullable(z.number().finite().gt(0).lt(100)),
  /** A draft put out of the evaluations list (true), or back (false). */
  archived: z.boolean().optional(),
  report: ReportPatch.optional(),
}).strict()
export type UpdateEvaluationInput = z.infer<typeof UpdateEvaluationInput>

/**
 * Details, thresholds, aggregation and the report block: chair or secretary, in draft. The
 * report's `conclusion` alone: the chair, in review. A key set to null is cleared.
 */
export async function updateEvaluation(db: Db, actor: Actor, id: number, input: UpdateEvaluationInput): Promise<void> {
  const patch = parseInput(UpdateEvaluationInput, input, actor)
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    const keys = Object.keys(patch)
    const reportKeys = Object.keys(patch.report ?? {})
    // The chair's review fields (§2): the conclusion, the proposal and the deviation reason.
    const touchesConclusion = reportKeys.some((k) => REVIEW_REPORT_KEYS.includes(k))
    const conclusionOnly = touchesConclusion && keys.length === 1 && reportKeys.every((k) => REVIEW_REPORT_KEYS.includes(k))
    if (conclusionOnly) {
      requireRole(actor, access, ['chair'])
      // With a price envelope the conclusion speaks of the final ranking: written in `price` (§12).
      if (access.head.status !== 'review' && access.head.status !== 'price') throw new AppError('wrong_state', 'conclusionByChair')
    } else {
      requireRole(actor, access, ['chair', 'secretary'])
      requireStatus(access, ['draft'])
      if (touchesConclusion) throw new AppError('wrong_state', 'conclusionByChair')
    }
    const { evaluation: e, candidates } = await loadState(trx, id)
    const proposal = patch.report?.proposal
    if (typeof proposal === 'string' && proposal !== 'none' && !candidates.some((c) => c.code === proposal)) {
      throw fieldError('report.proposal', 'candidateNotFound', langOf(actor), { id: proposal })
    }
    const fields: Partial<EvaluationFields> = {}
    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = {}
    const set = <K extends keyof EvaluationFields>(k: K, v: EvaluationFields[K], old: unknown) => {
      fields[k] = v
      before[k] = old
      after[k] = v
    }
    if (patch.title !== undefined) set('title', patch.title, e.title)
    if (patch.basis !== undefined) set('basis', patch.basis, e.basis)
    if (patch.deadline !== undefined) set('deadline', patch.deadline, e.deadline)
    if (patch.aggregation !== undefined) set('aggregation', patch.aggregation, e.aggregation)
    if (patch.threshold !== undefined) set('threshold', patch.threshold, e.threshold)
    if (patch.disagreementSpread !== undefined) set('disagreementSpread', patch.disagreementSpread, e.disagreementSpread)
    if (patch.monteCarlo !== undefined) set('monteCarlo', patch.monteCarlo, e.monteCarlo)
    if (patch.method !== undefined) set('method', patch.method, e.method)
    if (patch.K !== undefined) set('priceK', patch.K, e.priceK)
    if (patch.archived !== undefined) set('archived', patch.archived, e.archived)
    if (patch.report !== undefined) {
      const merged: Record<string, unknown> = { ...(e.report ?? {}) }
      for (const [k, v] of Object.entries(patch.report)) {
        if (v === null || (typeof v === 'string' && v.trim() === '')) delete merged[k]
        else if (v !== undefined) merged[k] = v
      }
      const report = Object.keys(merged).length ? (merged as ReportBlock) : null
      set('report', report, e.report)
    }
    if (Object.keys(fields).length === 0) return
    const at = now()
    await writeEvaluation(trx, id, fields, at)
    await appendAudit(trx, actor, access.head, {
      action: conclusionOnly ? 'evaluation.conclusion' : 'evaluation.update', entity: `evaluation:${id}`, before, after,
    }, at)
  })
}
