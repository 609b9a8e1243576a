// §12 the price envelope through the services: sealed prices, the price stage, opening only the
// technically qualified candidates, the method's recommendation, and bad input changing nothing.
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/database.ts'
import { schemaColumns } from '../../src/db/table-rows.ts'
import {
  addCandidate, declare, evaluationCatalog, exportEvaluation, getEvaluation, getResults, importEvaluationFile, listPrices, saveRating, setPrice, transition, updateEvaluation,
} from '../../src/services/index.ts'
import { canonicalJson } from '../../src/domain/canonical.ts'
import { parseCatalog } from '../../src/domain/catalog.ts'
import { createEvaluation, type CatalogSource } from '../../src/services/evaluations-service.ts'
import { caught, draftEvaluation, makeFixture, TEST_CATALOG, type Fixture } from './fixture.ts'

/** Every row of every table the schema has (not a hand-kept list). */
async function everything(db: Db): Promise<Record<string, unknown[]>> {
  const tables = [...(await schemaColumns(db)).keys()].sort()
  const out: Record<string, unknown[]> = {}
  for (const name of tables) out[name] = (await sql`select * from ${sql.table(name)} order by 1`.execute(db)).rows
  return out
}

/**
 * Candidates A, B, C; every rater gives KS.1 = 3, KS.3 = 5, TD.1 = 4 to all (S = 100 × (0.125·0.6 +
 * 0.125·1 + 0.75·0.8) = 80) but A gets TD.1 = 5 (S = 95), and C fails the gate KS.2.
 */
async function rateAll(f: Fixture, id: number) {
  for (const rater of [f.chair, f.member1, f.member2]) {
    await declare(f.db, rater, id, { noConflict: true })
    for (const candidate of ['A', 'B', 'C']) {
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.1', value: 3 })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.2', pass: candidate !== 'C' })
      await saveRating(f.db, rater, id, { candidate, criterion: 'KS.3', value: 5 })
      await saveRating(f.db, rater, id, { candidate, criterion: 'TD.1', value: candidate === 'A' ? 5 : 4 })
    }
  }
}

describe('the price envelope (§12)', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await draftEvaluation(f)
    await addCandidate(f.db, f.chair, id, { name: 'Phần mềm Gamma', vendor: 'Công ty C' })
    await updateEvaluation(f.db, f.chair, id, { method: 'combined', K: 60 })
  })
  afterEach(async () => { await f.close() })

  it('keeps prices sealed until `price`, opens only the technically qualified, and ranks by the method', async () => {
    // E(A) = 1 200 000 000 + 300 000 000 = 1 500 000 000; E(B) = 1 000 000 000; E(C) = 500 000 000.
    await setPrice(f.db, f.secretary, id, 'A', { price: 1_200_000_000, adjustments: [{ label: 'Bảo trì 5 năm', amount: 300_000_000 }] })
    await setPrice(f.db, f.secretary, id, 'B', { price: 1_000_000_000 })
    await setPrice(f.db, f.secretary, id, 'C', { price: 500_000_000 })
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await rateAll(f, id)
    await transition(f.db, f.chair, id, { to: 'review' })

    // Sealed for everyone in review, the secretary who typed them included.
    for (const who of [f.chair, f.secretary, f.member1, f.observer, f.admin]) {
      const v = await listPrices(f.db, who, id)
      expect(v.sealed).toBe(true)
      expect(v.prices).toEqual(['A', 'B', 'C'].map((candidate) => ({ candidate, recorded: true, opened: false })))
    }
    const sealedExport = JSON.stringify(await exportEvaluation(f.db, f.chair, id))
    expect(sealedExport).not.toContain('1200000000')
    expect(sealedExport).not.toContain('"prices"')

    // review → finalized does not exist with a price envelope; review → price does.
    expect((await caught(transition(f.db, f.chair, id, { to: 'finalized' }, f.archive))).code).toBe('wrong_state')
    await transition(f.db, f.chair, id, { to: 'price' })
    // The technical result is locked: no rating changes, no way back to review.
    expect((await caught(saveRating(f.db, f.member1, id, { candidate: 'A', criterion: 'KS.1', value: 1, reason: 'sửa' }))).code).toBe('wrong_state')
    expect((await caught(transition(f.db, f.chair, id, { to: 'review' }))).code).toBe('wrong_state')

    const opened = await listPrices(f.db, f.member1, id)
    expect(opened.sealed).toBe(false)
    expect(opened.prices).toEqual([
      { candidate: 'A', recorded: true, opened: true, price: 1_200_000_000, adjustments: [{ label: 'Bảo trì 5 năm', amount: 300_000_000 }], evaluated: 1_500_000_000 },
      { candidate: 'B', recorded: true, opened: true, price: 1_000_000_000, adjustments: [], evaluated: 1_000_000_000 },
      // C failed the gate KS.2: its price is never opened, to anyone.
      { candidate: 'C', recorded: true, opened: false },
    ])

    // S(A) = 95, S(B) = 80; Emin = 1 000 000 000 → P(A) = 66.67, P(B) = 100.
    // C(A) = (60·95 + 40·66.666…)/100 = 83.666…; C(B) = (60·80 + 40·100)/100 = 88 → B.
    const view = await getResults(f.db, f.chair, id)
    if (view.blind) throw new Error('results are open in the price stage')
    expect(view.results.recommended).toBe('B')
    const price = view.results.price!
    expect(price.Emin).toBe(1_000_000_000)
    expect(price.candidates.map((c) => [c.id, c.opened, c.rank])).toEqual([['A', true, 2], ['B', true, 1], ['C', false, null]])
    expect(price.candidates[0]!.combined).toBeCloseTo(83.6666667, 6)
    expect(price.candidates[1]!.combined).toBeCloseTo(88, 9)
    // C(A)(K) = 66.67 + K·(95 − 66.67)/100, C(B)(K) = 100 − K·0.2: equal at K = 33.33/0.4833 = 68.97.
    expect(price.kRange!.from).toBeNull()
    expect(price.kRange!.to).toBeCloseTo((100 - 200 / 3) / ((95 - 200 / 3) / 100 + 0.2), 9)

    // C was not technically qualified: no price of its is taken in the price stage either.
    const notQualified = await caught(setPrice(f.db, f.secretary, id, 'C', { price: 1, reason: 'thử' }))
    expect(notQualified.code).toBe('conflict')
    expect(notQualified.message).toContain('Phần mềm Gamma')
    // The export now carries the opened prices only.
    const file = await exportEvaluation(f.db, f.chair, id)
    expect(file.evaluation).toMatchObject({ method: 'combined', K: 60, status: 'price' })
    expect(file.prices).toEqual([
      { candidate: 'A', price: 1_200_000_000, adjustments: [{ label: 'Bảo trì 5 năm', amount: 300_000_000 }] },
      { candidate: 'B', price: 1_000_000_000 },
    ])

    // Finalize: the proposal must equal the method's recommendation (B).
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất lựa chọn Phần mềm Beta.', proposal: 'A' } })
    expect((await caught(transition(f.db, f.chair, id, { to: 'finalized' }, f.archive))).code).toBe('conflict')
    await updateEvaluation(f.db, f.chair, id, { report: { proposal: 'B' } })
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)).toEqual({ status: 'finalized' })
    // The §9 file round-trips with its prices: export → import → export, byte for byte.
    const exported = canonicalJson(await exportEvaluation(f.db, f.chair, id))
    const { id: copy } = await importEvaluationFile(f.db, JSON.parse(exported), f.admin)
    expect(canonicalJson(await exportEvaluation(f.db, f.admin, copy))).toBe(exported)
    // Reopening goes back to the price stage, with a reason.
    expect((await caught(transition(f.db, f.chair, id, { to: 'review', reason: 'x' }))).code).toBe('wrong_state')
    expect(await transition(f.db, f.chair, id, { to: 'price', reason: 'Sai sót giá' })).toEqual({ status: 'price' })
  })

  it('refuses to finalize while a technically qualified candidate has no price', async () => {
    await setPrice(f.db, f.secretary, id, 'A', { price: 9_000_000 })
    await transition(f.db, f.chair, id, { to: 'scoring' })
    await rateAll(f, id)
    await transition(f.db, f.chair, id, { to: 'review' })
    await transition(f.db, f.chair, id, { to: 'price' })
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Kết luận', proposal: 'none', deviation: 'Chưa đủ giá' } })
    const err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }, f.archive))
    expect(err.code).toBe('conflict')
    expect(JSON.stringify(err.details)).toContain('Phần mềm Beta')
    // In `price` a late entry needs a reason.
    expect((await caught(setPrice(f.db, f.secretary, id, 'B', { price: 8_000_000 }))).code).toBe('validation')
    await setPrice(f.db, f.secretary, id, 'B', { price: 8_000_000, reason: 'Nhập bổ sung theo hồ sơ dự thầu' })
    // S(A) = 95, S(B) = 80; Emin = 8 000 000: P(A) = 88.9, P(B) = 100;
    // C(A) = 0.6·95 + 0.4·88.9 = 92.6 > C(B) = 0.6·80 + 0.4·100 = 88 → A.
    await updateEvaluation(f.db, f.chair, id, { report: { proposal: 'A', deviation: null } })
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)).toEqual({ status: 'finalized' })
  })

  it('refuses bad prices and K with an error naming the field, and changes nothing', async () => {
    const before = await everything(f.db)
    const cases: [unknown, string][] = [
      [{ price: 0 }, 'price'],
      [{ price: -5 }, 'price'],
      [{ price: 1.5 }, 'price'],
      [{ price: 1e15 + 1 }, 'price'],
      [{ price: 100, adjustments: [{ label: 'Giảm trừ', amount: -100 }] }, 'adjustments'],
      [{ price: 100, adjustments: [{ label: '', amount: 5 }] }, 'adjustments'],
    ]
    for (const [input, field] of cases) {
      const err = await caught(setPrice(f.db, f.secretary, id, 'A', input as never))
      expect(err.code, JSON.stringify(input)).toBe('validation')
      expect(JSON.stringify(err.details), JSON.stringify(input)).toContain(field)
    }
    for (const K of [0, 100, -1, 150]) {
      const err = await caught(updateEvaluation(f.db, f.chair, id, { K }))
      expect(err.code).toBe('validation')
      expect(JSON.stringify(err.details)).toContain('K')
    }
    // Only the secretary records prices; a technical-only evaluation has none.
    expect((await caught(setPrice(f.db, f.chair, id, 'A', { price: 100 }))).code).toBe('forbidden')
    const technical = await draftEvaluation(f)
    expect((await caught(setPrice(f.db, f.secretary, technical, 'A', { price: 100 }))).code).toBe('conflict')
    const afterTechnical = await everything(f.db)
    // Only the second evaluation's creation changed anything: compare the first one's rows.
    const mine = (rows: Record<string, unknown[]>) => Object.fromEntries(Object.entries(rows).map(([t, r]) => [t, r.filter((x) => (x as { evaluation_id?: number }).evaluation_id === id || (x as { id?: number; title?: string }).title === undefined && t !== 'audit_log' && t !== 'evaluations' && t !== 'candidates' && t !== 'members')]))
    expect(mine(afterTechnical).prices).toEqual(mine(before).prices)
    expect(afterTechnical.audit_log!.filter((e) => (e as { evaluation_id: number }).evaluation_id === id)).toEqual(before.audit_log!.filter((e) => (e as { evaluation_id: number }).evaluation_id === id))
  })

  it('needs K for the combined method before scoring starts', async () => {
    await updateEvaluation(f.db, f.chair, id, { K: null })
    const err = await caught(transition(f.db, f.chair, id, { to: 'scoring' }))
    expect(err.code).toBe('conflict')
    expect(JSON.stringify(err.details)).toContain('"K"')
  })

  it('takes the method from a catalog preset, and exports it back with the criteria (§12, §4)', async () => {
    const preset = { ...TEST_CATALOG, id: 'preset-catalog', method: 'combined' as const, K: 70 }
    const source: CatalogSource = { get: (cid) => (cid === preset.id ? preset : undefined) }
    const { id: fromPreset } = await createEvaluation(f.db, f.admin, source, { title: 'Mua sắm lần sau', catalogId: 'preset-catalog', chair: 'chu' })
    const details = await getEvaluation(f.db, f.chair, fromPreset)
    expect([details.method, details.K]).toEqual(['combined', 70])
    const { catalog } = await evaluationCatalog(f.db, f.chair, fromPreset, { id: 'preset-catalog', version: '2.0.0' })
    expect([catalog.method, catalog.K]).toEqual(['combined', 70])
    // A catalog with K but not combined, or combined without K, is refused naming K.
    expect(parseCatalog({ ...preset, K: undefined }).ok).toBe(false)
    expect(parseCatalog({ ...preset, method: 'lowest-price' })).toMatchObject({ ok: false, issues: [{ path: 'K' }] })
  })
})
