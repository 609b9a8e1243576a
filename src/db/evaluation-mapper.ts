import type { Insertable, Selectable } from 'kysely'
import type { CriterionNode, StoredAhp } from '../domain/criteria.ts'
import type { Aggregation, MonteCarloSettings, ReportBlock, Scale, Status } from '../domain/evaluation-file.ts'
import type { PriceMethod } from '../domain/price.ts'
import type { EvaluationsTable } from './database.ts'
import type { EvaluationHead, EvaluationRecord } from './records.ts'

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T))

export function toEvaluationHead(row: Pick<Selectable<EvaluationsTable>, 'id' | 'status' | 'audit_head' | 'audit_seq' | 'revision'>): EvaluationHead {
  return { id: row.id, status: row.status as Status, auditHead: row.audit_head, auditSeq: row.audit_seq, revision: row.revision }
}

export function toEvaluation(row: Selectable<EvaluationsTable>): EvaluationRecord {
  return {
    ...toEvaluationHead(row),
    title: row.title,
    basis: row.basis,
    deadline: row.deadline,
    catalog: row.catalog_id !== null && row.catalog_version !== null ? { id: row.catalog_id, version: row.catalog_version } : null,
    aggregation: row.aggregation as Aggregation | null,
    threshold: row.threshold,
    disagreementSpread: row.disagreement_spread,
    monteCarlo: json<MonteCarloSettings>(row.monte_carlo),
    scale: json<Scale>(row.scale) as Scale,
    criteria: json<CriterionNode[]>(row.criteria) as CriterionNode[],
    ahp: json<StoredAhp>(row.ahp),
    report: json<ReportBlock>(row.report),
    method: (row.method ?? 'technical') as PriceMethod,
    priceK: row.price_k,
    archived: row.archived === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The editable settings of an evaluation, as they are written. */
export interface EvaluationFields {
  readonly title: string
  readonly basis: string | null
  readonly status: Status
  readonly deadline: string | null
  readonly catalog: { readonly id: string; readonly version: string } | null
  readonly aggregation: Aggregation | null
  readonly threshold: number | null
  readonly disagreementSpread: number | null
  readonly monteCarlo: MonteCarloSettings | null
  readonly scale: Scale
  readonly criteria: readonly CriterionNode[]
  /** The top level's AHP; absent on insert = none. */
  readonly ahp?: StoredAhp | null
  readonly report: ReportBlock | null
  /** §12; `technical` (the default) is stored as null. */
  readonly method?: PriceMethod
  readonly priceK?: number | null
  readonly archived?: boolean
}

export function fromEvaluationFields(f: Partial<EvaluationFields>): Partial<Insertable<EvaluationsTable>> {
  const out: Partial<Insertable<EvaluationsTable>> = {}
  if (f.title !== undefined) out.title = f.title
  if (f.basis !== undefined) out.basis = f.basis
  if (f.status !== undefined) out.status = f.status
  if (f.deadline !== undefined) out.deadline = f.deadline
  if (f.catalog !== undefined) {
    out.catalog_id = f.catalog?.id ?? null
    out.catalog_version = f.catalog?.version ?? null
  }
  if (f.aggregation !== undefined) out.aggregation = f.aggregation
  if (f.threshold !== undefined) out.threshold = f.threshold
  if (f.disagreementSpread !== undefined) out.disagreement_spread = f.disagreementSpread
  if (f.monteCarlo !== undefined) out.monte_carlo = f.monteCarlo === null ? null : JSON.stringify(f.monteCarlo)
  if (f.scale !== undefined) out.scale = JSON.stringify(f.scale)
  if (f.criteria !== undefined) out.criteria = JSON.stringify(f.criteria)
  if (f.ahp !== undefined) out.ahp = f.ahp === null ? null : JSON.stringify(f.ahp)
  if (f.report !== undefined) out.report = f.report === null ? null : JSON.stringify(f.report)
  if (f.method !== undefined) out.method = f.method === 'technical' ? null : f.method
  if (f.priceK !== undefined) out.price_k = f.priceK
  if (f.archived !== undefined) out.archived = f.archived ? 1 : 0
  return out
}
