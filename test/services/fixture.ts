// A freshly migrated temporary database with a small committee, for the service tests.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb, closeDb } from '../../src/db/create-db.ts'
import { testDbTarget } from '../pg/test-db.ts'
import type { Db } from '../../src/db/database.ts'
import { schemaColumns, tableRows } from '../../src/db/table-rows.ts'
import type { Catalog } from '../../src/domain/catalog.ts'
import { SYSTEM_ACTOR, actorOf, type Actor } from '../../src/services/actor.ts'
import { AppError } from '../../src/services/app-error.ts'
import { createUser, getUser } from '../../src/services/users-service.ts'
import { createEvaluation, type CatalogSource } from '../../src/services/evaluations-service.ts'
import { addCandidate } from '../../src/services/candidates-service.ts'
import { addMember } from '../../src/services/members-service.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { declare } from '../../src/services/declaration-service.ts'
import { saveRating } from '../../src/services/ratings-service.ts'

/**
 * KS (weight 25): KS.1 (2), KS.2 (pass/fail), KS.3 (2); TD (weight 75): TD.1 (1).
 * Global weights: KS.1 = 0.25 × 2/4 = 0.125, KS.3 = 0.125, TD.1 = 0.75.
 */
export const TEST_CATALOG: Catalog = {
  id: 'test-catalog',
  version: '1.0.0',
  title: { vi: 'Bộ tiêu chí thử', en: 'Test catalog' },
  source: 'test',
  scale: {
    min: 0, max: 5,
    levels: [0, 1, 2, 3, 4, 5].map((value) => ({ value, label: { vi: `Mức ${value}`, en: `Level ${value}` } })),
  },
  criteria: [
    {
      id: 'KS', title: { vi: 'Chữ ký số', en: 'Digital signature' }, weight: 25,
      children: [
        { id: 'KS.1', title: { vi: 'Ký số văn bản đi', en: 'Signing outgoing documents' }, weight: 2 },
        { id: 'KS.2', title: { vi: 'Hỗ trợ USB token', en: 'USB token support' }, type: 'pass_fail' },
        { id: 'KS.3', title: { vi: 'Xác thực chữ ký', en: 'Signature validation' }, weight: 2 },
      ],
    },
    {
      id: 'TD', title: { vi: 'Theo dõi nhiệm vụ', en: 'Task follow-up' }, weight: 75,
      children: [{ id: 'TD.1', title: { vi: 'Giao việc', en: 'Assigning tasks' }, weight: 1 }],
    },
  ],
}

export const CATALOGS: CatalogSource = {
  get: (id, version) => (id === TEST_CATALOG.id && (version === undefined || version === TEST_CATALOG.version) ? TEST_CATALOG : undefined),
}

export interface Fixture {
  db: Db
  dir: string
  admin: Actor
  chair: Actor
  secretary: Actor
  member1: Actor
  member2: Actor
  observer: Actor
  outsider: Actor
  /** Where finalizing archives the reports (REPORTS_DIR): pass to `transition` as its options. */
  archive: { reportsDir: string }
  close(): Promise<void>
}

export async function makeFixture(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'eoffice-svc-'))
  const db = await openDb(await testDbTarget(join(dir, 'test.sqlite')))
  const make = async (username: string, admin = false): Promise<Actor> => {
    const { id } = await createUser(db, SYSTEM_ACTOR, { username, password: 'mật-khẩu-dài', displayName: `Ông/bà ${username}`, admin })
    return actorOf((await getUser(db, id))!)
  }
  return {
    db, dir,
    admin: await make('admin', true),
    chair: await make('chu'),
    secretary: await make('thuky'),
    member1: await make('tv1'),
    member2: await make('tv2'),
    observer: await make('quansat'),
    outsider: await make('nguoingoai'),
    archive: { reportsDir: join(dir, 'reports') },
    async close() {
      await closeDb(db)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * A draft evaluation with candidates A and B and the whole committee (m1 chair, m2 secretary,
 * m3 tv1, m4 tv2 — who rates on paper, so the secretary may enter their sheets — m5 observer).
 */
export async function draftEvaluation(f: Fixture): Promise<number> {
  const { id } = await createEvaluation(f.db, f.admin, CATALOGS, { title: 'Đánh giá phần mềm QLVB&ĐHCV', catalogId: 'test-catalog', chair: 'chu' })
  await addCandidate(f.db, f.chair, id, { name: 'Phần mềm Alpha', vendor: 'Công ty A' })
  await addCandidate(f.db, f.chair, id, { name: 'Phần mềm Beta', vendor: 'Công ty B' })
  await addMember(f.db, f.chair, id, { username: 'thuky', role: 'secretary' })
  await addMember(f.db, f.chair, id, { username: 'tv1', role: 'member' })
  await addMember(f.db, f.chair, id, { username: 'tv2', role: 'member', paper: true })
  await addMember(f.db, f.chair, id, { username: 'quansat', role: 'observer' })
  return id
}

export async function scoringEvaluation(f: Fixture): Promise<number> {
  const id = await draftEvaluation(f)
  await transition(f.db, f.chair, id, { to: 'scoring' })
  return id
}

const TIE: Readonly<Record<string, number>> = { 'KS.1': 3, 'KS.3': 5, 'TD.1': 4 }

/**
 * Every rater (chair, member1, member2) declares no conflict, then rates every criterion of A
 * and B: the scored ones at `level(candidate, criterion)` (default KS.1 = 3, KS.3 = 5, TD.1 = 4,
 * the same for both: a tie), KS.2 passes.
 */
export async function rateAll(f: Fixture, id: number, level: (candidate: string, criterion: string) => number = (_, c) => TIE[c]!): Promise<void> {
  for (const rater of [f.chair, f.member1, f.member2]) {
    await declare(f.db, rater, id, { noConflict: true })
    for (const candidate of ['A', 'B']) {
      for (const criterion of ['KS.1', 'KS.3', 'TD.1']) await saveRating(f.db, rater, id, { candidate, criterion, value: level(candidate, criterion) })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: true })
    }
  }
}

/** Every row of every table of the schema (not a hand-kept list), for "the database did not change" assertions. */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  // Rows sorted: PostgreSQL returns them in no set order.
  for (const t of [...(await schemaColumns(db)).keys()].sort()) out[t] = (await tableRows(db, t)).map((r) => JSON.stringify(r)).sort()
  return out
}

/** The AppError a call fails with (the test fails if it succeeds or fails otherwise). */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  const outcome = await p.then(() => undefined, (e: unknown) => e)
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${String(outcome)}`)
  return outcome
}
