// The domain objects the repositories hand out. Rows (database.ts) never leave src/db; these do.
import type { CriterionNode, StoredAhp } from '../domain/criteria.ts'
import type { Aggregation, MonteCarloSettings, ReportBlock, Role, Scale, Status } from '../domain/evaluation-file.ts'
import type { PriceMethod } from '../domain/price.ts'

export interface User {
  readonly id: number
  readonly username: string
  readonly displayName: string
  readonly admin: boolean
  readonly failedLogins: number
  readonly lastFailedAt: string | null
  readonly createdAt: string
}

/** What the hot path needs of an evaluation: no JSON to parse. */
export interface EvaluationHead {
  readonly id: number
  readonly status: Status
  readonly auditHead: string | null
  readonly auditSeq: number
  readonly revision: number
}

export interface EvaluationRecord extends EvaluationHead {
  readonly title: string
  readonly basis: string | null
  readonly deadline: string | null
  readonly catalog: { readonly id: string; readonly version: string } | null
  readonly aggregation: Aggregation | null
  readonly threshold: number | null
  readonly disagreementSpread: number | null
  readonly monteCarlo: MonteCarloSettings | null
  readonly scale: Scale
  readonly criteria: CriterionNode[]
  /** The top level's AHP (a group's is in `criteria`). */
  readonly ahp: StoredAhp | null
  readonly report: ReportBlock | null
  /** §12: how the price envelope ranks (technical: no price envelope), and K for `combined`. */
  readonly method: PriceMethod
  readonly priceK: number | null
  /** A draft put out of the evaluations list (and back). */
  readonly archived: boolean
  readonly createdBy: number | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface CandidateRecord {
  readonly id: number
  readonly code: string
  readonly name: string
  readonly vendor: string | null
  readonly version: string | null
  readonly position: number
}

export interface MemberRecord {
  readonly id: number
  readonly code: string
  readonly userId: number | null
  /** The linked account's username, else the name the member was imported with. */
  readonly username: string | null
  readonly name: string
  readonly role: Role
  readonly declaredAt: string | null
  readonly position: number
  /** Rates on paper: the secretary may enter their sheets (§2). */
  readonly paper: boolean
}

/** §12: a sealed price proposal (VND integers). */
export interface PriceRecord {
  readonly candidateId: number
  readonly price: number
  readonly adjustments: readonly { readonly label: string; readonly amount: number }[]
}

export interface AbstentionRecord {
  readonly memberId: number
  readonly candidateId: number
  readonly reason: string
}

/** §11: the committee's consensus for one candidate × criterion. */
export interface ConsensusRecord {
  readonly candidateId: number
  readonly criterion: string
  /** The agreed level (scored criteria), or null. */
  readonly value: number | null
  /** The agreed verdict (pass/fail criteria), or null. */
  readonly pass: boolean | null
  readonly reason: string
  readonly updatedAt: string
}

export interface RatingRecord {
  readonly id: number
  readonly memberId: number
  readonly candidateId: number
  readonly criterion: string
  readonly value: number | null
  readonly pass: boolean | null
  readonly comment: string | null
  readonly updatedAt: string
  /** Entered by the secretary on the rater's behalf (§2). */
  readonly onBehalf: boolean
}

export interface AuditEntry {
  readonly id: number
  readonly evaluationId: number | null
  readonly seq: number
  readonly at: string
  readonly actorUserId: number | null
  readonly onBehalfOf: string | null
  readonly action: string
  readonly entity: string | null
  readonly before: unknown
  readonly after: unknown
  readonly reason: string | null
  readonly prevHash: string | null
  readonly hash: string
}
