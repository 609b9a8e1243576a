// Tamper evidence is complete (§7): replaying the audit log rebuilds the whole evaluation and the
// system's accounts and catalogs, and `verifyAudit` / `verifySystemAudit` compare that with every
// table. Proven over the schema: every column of every table is either compared (an edit made
// behind the application's back is detected and named) or declared as not needing it (an edit
// there changes nothing the committee relies on) — a new column listed nowhere fails the first test.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { removeConsensus, setConsensus } from '../../src/services/consensus-service.ts'
import { updateMeeting } from '../../src/services/meeting-service.ts'
import { setPrice } from '../../src/services/price-service.ts'
import { schemaColumns, tableRows } from '../../src/db/table-rows.ts'
import { createDemoAccounts } from '../../src/demo/demo-accounts.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { SYSTEM_ACTOR } from '../../src/services/actor.ts'
import { TABLE_CHECKS, type TableCheck } from '../../src/services/audit-tables.ts'
import { verifyAudit, verifySystemAudit, type AuditVerification } from '../../src/services/audit-verify.ts'
import {
  addMember, applyAhp, declare, exportEvaluationFile, importEvaluationFile, listRatings, resetPassword, saveEvaluationCatalog, saveRating,
  sessionSigningKey, transition, updateCandidate, updateCriterion, updateEvaluation,
} from '../../src/services/index.ts'
import { TEST_CATALOG, draftEvaluation, makeFixture, type Fixture } from './fixture.ts'

type Value = string | number | null

/** A different value of the same kind: JSON stays valid JSON, a 0/1 flag flips, text gets a suffix. */
function tampered(v: Value, column: string): Value {
  if (v === null) return column.endsWith('_id') || column === 'value' || column === 'pass' || column === 'threshold' ? 1 : 'sửa'
  if (typeof v === 'number') return column === 'pass' || column.startsWith('is_') ? 1 - v : v + 1000
  try {
    const parsed = JSON.parse(v) as unknown
    // int8 read back as text (PostgreSQL): a number, still.
    if (typeof parsed === 'number' && column === 'price') return String(parsed + 1000)
    if (Array.isArray(parsed)) return JSON.stringify([...parsed, 'sửa'])
    if (parsed !== null && typeof parsed === 'object') return JSON.stringify({ ...parsed, sửa: true })
  } catch { /* plain text */ }
  return `${v} (sửa)`
}

/**
 * Updates one column of one row directly in the database, foreign keys off as an attacker may
 * (SQLite: PRAGMA; PostgreSQL: replica role), runs `check` on that same connection, and puts it back.
 */
async function withEdit<T>(db: Fixture['db'], table: string, rowid: { column: string; value: Value }, column: string, to: Value, check: (db: Fixture['db']) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    const pg = conn.getExecutor().adapter.constructor.name.startsWith('Postgres')
    const from = (await sql<{ v: Value }>`select ${sql.ref(column)} as v from ${sql.table(table)} where ${sql.ref(rowid.column)} = ${rowid.value}`.execute(conn)).rows[0]!.v
    await sql.raw(pg ? "SET session_replication_role = 'replica'" : 'PRAGMA foreign_keys = OFF').execute(conn)
    const where = column === rowid.column ? to : rowid.value
    try {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${to} where ${sql.ref(rowid.column)} = ${rowid.value}`.execute(conn)
      return await check(conn)
    } finally {
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${from} where ${sql.ref(rowid.column)} = ${where}`.execute(conn)
      await sql.raw(pg ? "SET session_replication_role = 'origin'" : 'PRAGMA foreign_keys = ON').execute(conn)
    }
  })
}

const rowIdColumn = (t: TableCheck) => (t.table === 'catalogs' ? 'yaml' : t.table === 'sessions' ? 'sid' : 'id')

describe('audit verification over the whole schema (§7)', () => {
  let f: Fixture
  let id: number
  let other: number
  /** Imported in review with a consensus: rows for the tables the first one has none in. */
  let imported: number

  beforeAll(async () => {
    f = await makeFixture()
    id = await draftEvaluation(f)
    // Every column of every table holds a value: settings, report, AHP, an unlinked member, a conflict, ratings with comments.
    await updateCandidate(f.db, f.chair, id, 'A', { version: '2.0' })
    await updateEvaluation(f.db, f.chair, id, {
      basis: 'Quyết định số 12/QĐ-UBND', deadline: '2026-12-20', aggregation: 'median', threshold: 60, disagreementSpread: 1.5,
      monteCarlo: { draws: 500, concentration: 50, seed: 7 }, report: { agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', number: '70/TB-STTTT' },
      method: 'combined', K: 70,
    })
    await applyAhp(f.db, f.chair, id, 'KS', { matrix: [[1, 2], [0.5, 1]] })
    await applyAhp(f.db, f.chair, id, null, { matrix: [[1, 1 / 3], [3, 1]] })
    await updateCriterion(f.db, f.secretary, id, 'TD', { threshold: 50 })
    await addMember(f.db, f.chair, id, { name: 'Bà Phiếu Giấy', role: 'member' })
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.chair, id, { noConflict: true })
    await declare(f.db, f.member1, id, { conflicts: [{ candidate: 'B', reason: 'Từng làm cho Công ty B' }] })
    await saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.1', value: 3, comment: 'Ổn định' })
    await saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.2', pass: true })
    await saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'TD.1', value: 4 })
    await setPrice(f.db, f.secretary, id, 'A', { price: 1_250_000_000, adjustments: [{ label: 'Chi phí đào tạo', amount: 15_000_000 }] })
    // A second evaluation: an edit must not leak from one to the other.
    other = await draftEvaluation(f)
    const file = await exportEvaluationFile(f.db, id)
    imported = (await importEvaluationFile(f.db, {
      ...file, evaluation: { ...file.evaluation, status: 'review' },
      consensus: [{ candidate: 'A', criterion: 'KS.1', value: 3, reason: 'Tổ thống nhất tại cuộc họp' }],
    }, f.admin)).id
    // Consensus set, removed and set again, and the meeting block, in review (§11, §13).
    await setConsensus(f.db, f.chair, imported, 'B', 'TD.1', { value: 4, reason: 'Tổ thống nhất' })
    await removeConsensus(f.db, f.chair, imported, 'B', 'TD.1', { reason: 'Nhầm phần mềm' })
    await setConsensus(f.db, f.chair, imported, 'A', 'KS.2', { pass: true, reason: 'Đã kiểm tra USB token' })
    await updateMeeting(f.db, f.secretary, imported, { place: 'Phòng họp số 2', notes: 'Tổ thống nhất kết quả.' })
    // The system chain: a password change and a catalog saved from the evaluation.
    await resetPassword(f.db, f.admin, 'tv2', 'mật-khẩu-mới-dài')
    const registry = new CatalogRegistry([TEST_CATALOG])
    await saveEvaluationCatalog(f.db, f.chair, registry, id, { id: 'so-tttt', version: '1.0.0' })
    await f.db.insertInto('sessions').values({ sid: 's1', data: '{}', expires_at: '2030-01-01T00:00:00.000Z' }).execute()
    // The session signing key (§15), as a server's start stores it.
    await sessionSigningKey(f.db)
  })
  afterAll(async () => { await f.close() })

  it('lists every column of every table once: compared, a key, checked by the chain, or not compared with a reason', async () => {
    const schema = await schemaColumns(f.db)
    expect(new Set(TABLE_CHECKS.map((t) => t.table))).toEqual(new Set(schema.keys()))
    for (const t of TABLE_CHECKS) {
      const listed = [...t.keyColumns, ...t.compared, ...(t.chained ?? []), ...Object.keys(t.notCompared)]
      expect(new Set(listed).size, `${t.table}: a column listed twice`).toBe(listed.length)
      expect([...listed].sort(), `${t.table}: columns`).toEqual([...(schema.get(t.table) ?? [])].sort())
      for (const reason of Object.values(t.notCompared)) expect(reason.length).toBeGreaterThan(10)
    }
  })

  it('the session signing key (app_secrets) is a secret, not a record: in no audit entry and no exported file', async () => {
    const { session_key: key } = await f.db.selectFrom('app_secrets').select('session_key').executeTakeFirstOrThrow()
    expect(key.length).toBeGreaterThanOrEqual(32)
    const log = await tableRows(f.db, 'audit_log')
    expect(log.length).toBeGreaterThan(10)
    expect(JSON.stringify(log)).not.toContain(key)
    for (const evaluation of [id, other, imported]) expect(JSON.stringify(await exportEvaluationFile(f.db, evaluation))).not.toContain(key)
    expect(TABLE_CHECKS.find((t) => t.table === 'app_secrets')).toMatchObject({ chain: 'none', compared: [], keyColumns: [] })
  })

  it('verifies untouched: the evaluation, the other one, the system chain', async () => {
    for (const v of [await verifyAudit(f.db, id, 'en'), await verifyAudit(f.db, other, 'en'), await verifyAudit(f.db, imported, 'en'), await verifySystemAudit(f.db, 'en')]) {
      expect(v.problems).toEqual([])
      expect(v.ok).toBe(true)
      expect(v.brokenAt).toBeNull()
    }
  })

  const verify = (t: TableCheck, evaluation = id, db = f.db): Promise<AuditVerification> => (t.chain === 'system' ? verifySystemAudit(db, 'en') : verifyAudit(db, evaluation, 'en'))

  /** The table's rows of the first evaluation that has some (all rows for the system's tables). */
  async function rowsOf(t: TableCheck) {
    for (const evaluation of [id, imported]) {
      const scope = t.scope ?? (t.table === 'audit_log' ? 'evaluation_id' : undefined)
      const rows = await tableRows(f.db, t.table, scope ? { column: scope, value: evaluation } : null)
      if (rows.length) return { rows, evaluation }
    }
    return { rows: [], evaluation: id }
  }

  it('detects a direct edit of every compared, key and chained column, and names what differs', async () => {
    let edits = 0
    for (const t of TABLE_CHECKS) {
      const { rows, evaluation } = await rowsOf(t)
      if (t.compared.length + t.keyColumns.length + (t.chained?.length ?? 0) === 0) continue
      expect(rows.length, `${t.table} has rows to edit`).toBeGreaterThan(0)
      const idColumn = rowIdColumn(t)
      for (const column of [...t.compared, ...t.keyColumns, ...(t.chained ?? [])]) {
        // A row where the column is set when there is one (a null changes too, but a set value is the harder case).
        const row = rows.find((r) => r[column] !== null) ?? rows[0]!
        const rowid = { column: idColumn, value: row[idColumn] as Value }
        const to = tampered(row[column] as Value, column)
        const kind = t.compared.includes(column) ? 'compared' : t.keyColumns.includes(column) ? 'key' : 'chained'
        const audit = t.table === 'audit_log' ? { ...t, chain: 'evaluation' as const } : t
        const outcome = await withEdit(f.db, t.table, rowid, column, to, (conn) => verify(audit, evaluation, conn).then((v) => v, (e: unknown) => e))
        edits++
        if (t.table === 'evaluations' && column === 'id') {
          // The evaluation is gone from under its id: not found, never "verified".
          expect(outcome, 'evaluations.id').toMatchObject({ code: 'not_found' })
          continue
        }
        const v = outcome as AuditVerification
        expect(v.ok, `${t.table}.${column} edited to ${String(to)}`).toBe(false)
        if (kind === 'compared') {
          expect(v.details.some((p) => p.kind === 'differs' && p.table === t.table && p.column === column), `${t.table}.${column} named`).toBe(true)
        } else if (kind === 'key') {
          expect(v.details.some((p) => (p.kind === 'missing' || p.kind === 'extra' || p.kind === 'differs') && p.table === t.table), `${t.table}.${column} row named`).toBe(true)
        } else {
          expect(v.details.some((p) => p.kind === 'chain'), `${t.table}.${column} breaks the chain`).toBe(true)
          expect(v.brokenAt).not.toBeNull()
        }
      }
      // Put back: verifies again.
      expect((await verify(t, evaluation)).ok, `${t.table} restored`).toBe(true)
    }
    expect(edits).toBeGreaterThan(50)
  })

  it('an edit of a column declared as not compared changes nothing the verification relies on', async () => {
    for (const t of TABLE_CHECKS) {
      const { rows, evaluation } = await rowsOf(t)
      for (const column of Object.keys(t.notCompared)) {
        if (t.table === 'audit_log' || column === 'id') continue
        const row = rows[0]!
        const idColumn = rowIdColumn(t)
        const v = await withEdit(f.db, t.table, { column: idColumn, value: row[idColumn] as Value }, column, tampered(row[column] as Value, column), (conn) => verify(t, evaluation, conn))
        expect(v.problems, `${t.table}.${column}`).toEqual([])
      }
    }
  })

  it('names the committee\'s attacks in plain words: a weight, a threshold, a role, an abstention, a name, the status, the conclusion', async () => {
    const edit = async (table: string, where: Record<string, Value>, set: Record<string, Value>) => {
      let q = f.db.updateTable(table as 'members').set(set as never)
      for (const [k, v] of Object.entries(where)) q = q.where(k as 'id', '=', v as never)
      await q.execute()
    }
    const row = await f.db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const criteria = JSON.parse(row.criteria) as { weight: number }[]
    criteria[1]!.weight = 99
    await edit('evaluations', { id }, { criteria: JSON.stringify(criteria), threshold: 10, status: 'review' })
    await edit('members', { evaluation_id: id, code: 'm4' }, { role: 'chair' })
    await edit('candidates', { evaluation_id: id, code: 'A' }, { name: 'Phần mềm Gamma' })
    await f.db.deleteFrom('abstentions').where('evaluation_id', '=', id).execute()
    const v = await verifyAudit(f.db, id, 'vi')
    expect(v.ok).toBe(false)
    expect(v.problems).toEqual(expect.arrayContaining([
      `Đợt đánh giá ${id}, tiêu chí và trọng số (criteria) [1].weight: cơ sở dữ liệu ghi 99, nhật ký ghi 0.75`,
      `Đợt đánh giá ${id}, ngưỡng đạt (threshold): cơ sở dữ liệu ghi 10, nhật ký ghi 60`,
      `Đợt đánh giá ${id}, giai đoạn (status): cơ sở dữ liệu ghi "review", nhật ký ghi "scoring"`,
      'Thành viên m4, vai trò (role): cơ sở dữ liệu ghi "chair", nhật ký ghi "member"',
      'Phần mềm dự tuyển A, tên (name): cơ sở dữ liệu ghi "Phần mềm Gamma", nhật ký ghi "Phần mềm Alpha"',
      'Trường hợp không chấm (xung đột lợi ích) m3/B: nhật ký có nhưng cơ sở dữ liệu không có (bị xóa ngoài ứng dụng)',
    ]))
    // Each difference names the entry that recorded the value: the status came from the transition.
    const status = v.details.find((p) => p.column === 'status')!
    expect(status.entry).toMatchObject({ action: 'evaluation.transition' })
    expect(v.brokenAt).not.toBeNull()
  })
})

describe('audit verification: text in NFC, a truncated tail, the conclusion, the system chain, the demo', () => {
  let f: Fixture
  beforeAll(async () => { f = await makeFixture() })
  afterAll(async () => { await f.close() })

  it('a comment sent in NFD is stored and hashed in NFC, and verifies', async () => {
    const id = await draftEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await declare(f.db, f.chair, id, { noConflict: true })
    const nfd = 'Đã kiểm tra chữ ký số'.normalize('NFD')
    expect(nfd).not.toBe(nfd.normalize('NFC'))
    await saveRating(f.db, f.chair, id, { candidate: 'A', criterion: 'KS.1', value: 3, comment: nfd, reason: undefined })
    const [stored] = await listRatings(f.db, f.chair, id)
    expect(stored!.comment).toBe('Đã kiểm tra chữ ký số'.normalize('NFC'))
    const raw = await f.db.selectFrom('ratings').select('comment').where('evaluation_id', '=', id).executeTakeFirstOrThrow()
    expect(raw.comment).toBe(nfd.normalize('NFC'))
    const v = await verifyAudit(f.db, id)
    expect(v.problems).toEqual([])
  })

  it('a truncated tail fails, naming the head; so does a conclusion edited in SQLite', async () => {
    const id = await draftEvaluation(f)
    await updateEvaluation(f.db, f.chair, id, { report: { agency: 'UBND TỈNH' } })
    await f.db.updateTable('evaluations').set({ report: JSON.stringify({ agency: 'UBND TỈNH', conclusion: 'Chọn Beta' }) }).where('id', '=', id).execute()
    let v = await verifyAudit(f.db, id, 'en')
    expect(v.problems).toEqual([`Evaluation ${id}, report details (report) conclusion: the database holds "Chọn Beta", the audit log (empty)`])
    await f.db.updateTable('evaluations').set({ report: JSON.stringify({ agency: 'UBND TỈNH' }) }).where('id', '=', id).execute()
    expect((await verifyAudit(f.db, id)).ok).toBe(true)
    const last = await f.db.selectFrom('audit_log').select(['id', 'seq']).where('evaluation_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    await f.db.deleteFrom('audit_log').where('id', '=', last.id).execute()
    v = await verifyAudit(f.db, id, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toContain(`audit: the evaluation's head is entry ${last.seq} but the log ends at entry ${last.seq - 1} (truncated or extended)`)
    expect(v.brokenAt?.seq).toBe(last.seq - 1)
  })

  it('the system chain: an edited username, admin flag or catalog YAML is detected; a deleted last entry too', async () => {
    const registry = new CatalogRegistry([TEST_CATALOG])
    const id = await draftEvaluation(f)
    await saveEvaluationCatalog(f.db, f.chair, registry, id, { id: 'cua-to', version: '2.0.0' })
    expect((await verifySystemAudit(f.db)).problems).toEqual([])
    const user = await f.db.selectFrom('users').select(['id']).where('username', '=', 'tv1').executeTakeFirstOrThrow()
    await f.db.updateTable('users').set({ username: 'ke-gian', is_admin: 1 }).where('id', '=', user.id).execute()
    const yaml = (await f.db.selectFrom('catalogs').select('yaml').where('catalog_id', '=', 'cua-to').executeTakeFirstOrThrow()).yaml
    await f.db.updateTable('catalogs').set({ yaml: yaml.replace('weight: 75', 'weight: 5') }).where('catalog_id', '=', 'cua-to').execute()
    const v = await verifySystemAudit(f.db, 'en')
    expect(v.ok).toBe(false)
    expect(v.problems).toEqual(expect.arrayContaining([
      `Account ${user.id}, username (username): the database holds "ke-gian", the audit log "tv1"`,
      `Account ${user.id}, administrator (is_admin): the database holds 1, the audit log 0`,
    ]))
    expect(v.details.some((p) => p.table === 'catalogs' && p.column === 'yaml')).toBe(true)
    await f.db.updateTable('users').set({ username: 'tv1', is_admin: 0 }).where('id', '=', user.id).execute()
    await f.db.updateTable('catalogs').set({ yaml }).where('catalog_id', '=', 'cua-to').execute()
    expect((await verifySystemAudit(f.db)).ok).toBe(true)
    // A password hash swapped for a known one.
    const hash = (await f.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash
    await f.db.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute()
    expect((await verifySystemAudit(f.db, 'en')).problems).toEqual([expect.stringContaining(`Account ${user.id}, password (hash) (password_hash)`)])
    // The last entry of the system chain deleted: its catalog is no longer accounted for.
    const last = await f.db.selectFrom('audit_log').select(['id']).where('evaluation_id', 'is', null).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()
    await f.db.deleteFrom('audit_log').where('id', '=', last.id).execute()
    const cut = await verifySystemAudit(f.db, 'en')
    expect(cut.problems).toContain('Catalog cua-to@2.0.0: in the database but not in the audit log (added behind the application\'s back)')
  })

  it('the demo evaluation verifies after load, as `cli demo` loads it, and so does the system chain', async () => {
    const file = await loadDemoEvaluation(undefined, 'vi')
    await createDemoAccounts(f.db, file, SYSTEM_ACTOR)
    const { id } = await importEvaluationFile(f.db, file, SYSTEM_ACTOR)
    const v = await verifyAudit(f.db, id)
    expect(v.problems).toEqual([])
    expect(v.ok).toBe(true)
    const members = await f.db.selectFrom('members').select('user_id').where('evaluation_id', '=', id).execute()
    expect(members.some((m) => m.user_id !== null)).toBe(true)
    // A demo rating edited: detected.
    await f.db.updateTable('ratings').set({ comment: 'sửa ngoài ứng dụng' }).where('evaluation_id', '=', id).where('value', 'is not', null).execute()
    expect((await verifyAudit(f.db, id)).ok).toBe(false)
  })
})
