// Import and export are engine-neutral (§15, §9): a file exported from SQLite imports into
// PostgreSQL and exports byte-identical, and back. Runs in the `postgres` project only (it needs
// both engines); the PostgreSQL database comes from the run's throwaway cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb, engineOf, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { serializeEvaluation } from '../../src/domain/canonical.ts'
import { SYSTEM_ACTOR } from '../../src/services/actor.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { ensureFirstAdmin } from '../../src/services/index.ts'
import { exportEvaluationFile, importEvaluationFile } from '../../src/services/exchange-service.ts'
import { openTestDb, testEngine } from './test-db.ts'

describe('a §9 file moves between SQLite and PostgreSQL byte for byte', () => {
  let sqlite: Db
  let postgres: Db
  beforeAll(async () => {
    sqlite = await openDb(':memory:')
    postgres = await openTestDb()
    for (const db of [sqlite, postgres]) await ensureFirstAdmin(db, 'admin', 'mat-khau-123')
  })
  afterAll(async () => {
    await closeDb(sqlite)
    await closeDb(postgres)
  })

  it('runs on both engines', () => {
    expect(testEngine).toBe('postgres')
    expect(engineOf(sqlite)).toBe('sqlite')
    expect(engineOf(postgres)).toBe('postgres')
  })

  it('SQLite export → PostgreSQL import → export is identical, and back to SQLite; both audits verify', async () => {
    const demo = await loadDemoEvaluation()
    const { id: onSqlite } = await importEvaluationFile(sqlite, structuredClone(demo), SYSTEM_ACTOR)
    const fromSqlite = serializeEvaluation(await exportEvaluationFile(sqlite, onSqlite))
    const { id: onPostgres } = await importEvaluationFile(postgres, JSON.parse(fromSqlite), SYSTEM_ACTOR)
    const fromPostgres = serializeEvaluation(await exportEvaluationFile(postgres, onPostgres))
    expect(fromPostgres).toBe(fromSqlite)
    const { id: back } = await importEvaluationFile(sqlite, JSON.parse(fromPostgres), SYSTEM_ACTOR)
    expect(serializeEvaluation(await exportEvaluationFile(sqlite, back))).toBe(fromSqlite)
    expect(JSON.parse(fromSqlite).ratings.length).toBe(demo.ratings.length)
    expect((await verifyAudit(postgres, onPostgres)).problems).toEqual([])
    expect((await verifyAudit(sqlite, back)).problems).toEqual([])
  })
})
