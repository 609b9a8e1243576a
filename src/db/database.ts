// The schema as Kysely sees it. Table interfaces live here only; row types never leave src/db
// (repositories hand out domain objects through the *-mapper.ts files).
import type { ColumnType, Generated, Kysely } from 'kysely'

/** An ISO-8601 UTC timestamp, stored as text so every dialect compares it the same way. */
type Timestamp = string

export interface UsersTable {
  id: Generated<number>
  username: string
  display_name: string
  /** `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with the hash. */
  password_hash: string
  is_admin: number
  failed_logins: ColumnType<number, number | undefined, number>
  last_failed_at: Timestamp | null
  created_at: Timestamp
}

export interface SessionsTable {
  sid: string
  /** The session object, JSON. */
  data: string
  expires_at: Timestamp
  /** The signed-in user (null before sign-in): a password change ends that user's other sessions. */
  user_id: number | null
}

/**
 * The application's secrets, one row (`id` = 1): the key signing session cookies, shared by every
 * app server on the database (§15). Never exported, shown or audited.
 */
export interface AppSecretsTable {
  id: number
  session_key: string
  created_at: Timestamp
}

export interface EvaluationsTable {
  id: Generated<number>
  title: string
  basis: string | null
  status: string
  deadline: string | null
  catalog_id: string | null
  catalog_version: string | null
  aggregation: string | null
  threshold: number | null
  disagreement_spread: number | null
  /** JSON: MonteCarloSettings. */
  monte_carlo: string | null
  /** JSON: Scale. */
  scale: string
  /** JSON: the frozen, editable copy of the criteria tree. */
  criteria: string
  /** JSON: ReportBlock. */
  report: string | null
  /** JSON: the top level's AHP `{ ids, matrix }` (a group's own is in `criteria`). */
  ahp: string | null
  created_by: number | null
  /** Hash of the last audit entry of this evaluation, and its seq. */
  audit_head: string | null
  audit_seq: ColumnType<number, number | undefined, number>
  /** Bumped by every change other than a rating: keys the in-process cache of the frozen parts. */
  revision: ColumnType<number, number | undefined, number>
  /** §12: `technical` (null), `lowest-price` or `combined`; `price_k` is K for `combined`. */
  method: string | null
  price_k: number | null
  /** 1 when a draft was archived (out of the evaluations list). */
  archived: ColumnType<number, number | undefined, number>
  created_at: Timestamp
  updated_at: Timestamp
}

export interface CandidatesTable {
  id: Generated<number>
  evaluation_id: number
  code: string
  name: string
  vendor: string | null
  version: string | null
  position: number
}

export interface MembersTable {
  id: Generated<number>
  evaluation_id: number
  code: string
  user_id: number | null
  /** The account name the member is known by (kept when no such account exists yet). */
  username: string | null
  name: string
  role: string
  declared_at: Timestamp | null
  position: number
  /** 1: rates on paper, so the secretary may enter their sheets (§2). */
  paper: ColumnType<number, number | undefined, number>
}

export interface AbstentionsTable {
  id: Generated<number>
  evaluation_id: number
  member_id: number
  candidate_id: number
  reason: string
}

export interface RatingsTable {
  id: Generated<number>
  evaluation_id: number
  member_id: number
  candidate_id: number
  criterion_id: string
  value: number | null
  /** 1 pass, 0 fail, null for a scored criterion. */
  pass: number | null
  comment: string | null
  updated_at: Timestamp
  /** 1: entered by the secretary on the rater's behalf (§2); 0: by the rater. */
  on_behalf: ColumnType<number, number | undefined, number>
}

export interface AuditLogTable {
  id: Generated<number>
  /** Null for system events (users). */
  evaluation_id: number | null
  seq: number
  at: Timestamp
  actor_user_id: number | null
  /** Member code when the secretary entered a rater's sheet. */
  on_behalf_of: string | null
  action: string
  entity: string | null
  before: string | null
  after: string | null
  reason: string | null
  prev_hash: string | null
  hash: string
}

/** §11: the committee's consensus per candidate × criterion (review). */
export interface ConsensusTable {
  id: Generated<number>
  evaluation_id: number
  candidate_id: number
  criterion_id: string
  value: number | null
  /** 1 pass, 0 fail, null for a scored criterion. */
  pass: number | null
  reason: string
  updated_at: Timestamp
}

/** Catalogs added at run time (imported, or saved from an evaluation); the files in criteria/ are not here. */
/** §12: a candidate's sealed price proposal, VND. */
export interface PricesTable {
  id: Generated<number>
  evaluation_id: number
  candidate_id: number
  /** int8: the driver may return it as text (PostgreSQL); the repository makes it a number. */
  price: ColumnType<number | string, number, number>
  /** JSON: [{ label, amount }]. */
  adjustments: string
  updated_at: Timestamp
}

export interface CatalogsTable {
  catalog_id: string
  version: string
  /** JSON: the catalog's bilingual title (for listings without parsing the YAML). */
  title: string
  /** The catalog as YAML, exactly as stored: what the download returns. */
  yaml: string
  source_evaluation_id: number | null
  created_by: number | null
  created_at: Timestamp
}

export interface Database {
  users: UsersTable
  sessions: SessionsTable
  evaluations: EvaluationsTable
  candidates: CandidatesTable
  members: MembersTable
  abstentions: AbstentionsTable
  ratings: RatingsTable
  audit_log: AuditLogTable
  catalogs: CatalogsTable
  prices: PricesTable
  consensus: ConsensusTable
  app_secrets: AppSecretsTable
}

/** The database, or a transaction on it: repositories accept either. */
export type Db = Kysely<Database>
