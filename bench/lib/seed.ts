// Prepares a database file for the load, crash and concurrency runs without going through HTTP:
// accounts (one per rater), and evaluations imported from §9 files (already in `scoring` with
// every rater declared, or in `review` for the read-side benches). Uses only the public services
// and `openDb`, exactly as the CLI does; the server is started on the file afterwards.
import type { CriterionNode } from '../../src/domain/criteria.ts'
import type { EvaluationFile, Status } from '../../src/domain/evaluation-file.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { SYSTEM_ACTOR, createUser, ensureFirstAdmin, importEvaluationFile, listUsers } from '../../src/services/index.ts'

export const SEED_PASSWORD = 'mat-khau-tai-thu'
export const ADMIN_NAME = 'admin'

export interface SeededEvaluation {
  readonly id: number
  readonly candidates: readonly string[]
  readonly criteria: readonly string[]
  /** Usernames of the raters, in member order (m1 is the chair). */
  readonly raters: readonly string[]
}

/** A small scored tree: `groups` groups of `perGroup` criteria, integer weights. */
export function scoredTree(groups: number, perGroup: number): CriterionNode[] {
  return Array.from({ length: groups }, (_, g) => ({
    id: `G${g + 1}`,
    title: { vi: `Nhóm tiêu chí ${g + 1}`, en: `Group ${g + 1}` },
    weight: 1 + g,
    children: Array.from({ length: perGroup }, (_, i) => ({
      id: `G${g + 1}.${i + 1}`,
      title: { vi: `Tiêu chí ${g + 1}.${i + 1}`, en: `Criterion ${g + 1}.${i + 1}` },
      weight: 1 + (i % 3),
    })),
  }))
}

export function leafIds(tree: readonly CriterionNode[]): string[] {
  return tree.flatMap((n) => (n.children ? leafIds(n.children) : [n.id]))
}

export interface ScoringFileOptions {
  readonly raters: readonly string[]
  readonly candidates?: number
  readonly groups?: number
  readonly perGroup?: number
  readonly status?: Status
  readonly title?: string
}

/** A §9 file in `scoring` (default): raters declared, no ratings yet. */
export function scoringFile(o: ScoringFileOptions): EvaluationFile {
  const tree = scoredTree(o.groups ?? 2, o.perGroup ?? 10)
  return {
    format: 'eoffice-eval/evaluation@1',
    evaluation: { title: o.title ?? 'Thử tải — lưu điểm', status: o.status ?? 'scoring' },
    scale: { min: 0, max: 5, levels: [] },
    criteria: tree,
    candidates: Array.from({ length: o.candidates ?? 2 }, (_, i) => ({ id: String.fromCharCode(65 + i), name: `Phần mềm ${String.fromCharCode(65 + i)}` })),
    members: o.raters.map((username, i) => ({
      id: `m${i + 1}`, name: `Thành viên ${i + 1}`, role: i === 0 ? 'chair' as const : 'member' as const,
      username, declaredAt: '2015-05-12T08:30:00.000Z',
    })),
    ratings: [],
  }
}

export function raterNames(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`)
}

/** Creates the accounts (password SEED_PASSWORD) that do not exist yet. */
export async function ensureUsers(db: Db, usernames: readonly string[]): Promise<void> {
  await ensureFirstAdmin(db, ADMIN_NAME, SEED_PASSWORD)
  const existing = new Set((await listUsers(db, SYSTEM_ACTOR)).map((u) => u.username))
  for (const username of usernames) {
    if (existing.has(username)) continue
    await createUser(db, SYSTEM_ACTOR, { username, password: SEED_PASSWORD, displayName: `Người thử ${username}` })
  }
}

/** Imports `file` (its members linked to the accounts named in it) and describes it. */
export async function importSeeded(db: Db, file: EvaluationFile): Promise<SeededEvaluation> {
  await ensureUsers(db, file.members.flatMap((m) => (m.username ? [m.username] : [])))
  const { id } = await importEvaluationFile(db, file, SYSTEM_ACTOR)
  return {
    id,
    candidates: file.candidates.map((c) => c.id),
    criteria: leafIds(file.criteria),
    raters: file.members.filter((m) => m.role === 'chair' || m.role === 'member').map((m) => m.username ?? m.id),
  }
}

/** Opens (creating and migrating) the file, runs `fn`, closes it (so the WAL is checkpointed). */
export async function withDbFile<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(file)
  try {
    return await fn(db)
  } finally {
    await closeDb(db)
  }
}
