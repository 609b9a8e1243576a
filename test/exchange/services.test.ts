// The exchange services' rules that the routes do not show: when a workbook may be made, who
// may save criteria as a catalog, and a catalog given as a JSON object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { parseCatalogYaml } from '../../src/catalogs/load-catalog.ts'
import {
  SYSTEM_ACTOR, exportResultsWorkbook, importCatalog, importScoreSheet, saveEvaluationCatalog, scoreSheetWorkbook,
} from '../../src/services/index.ts'
import { TEST_CATALOG, caught, draftEvaluation, makeFixture, snapshot, type Fixture } from '../services/fixture.ts'
import { transition } from '../../src/services/transitions-service.ts'

let f: Fixture
beforeAll(async () => { f = await makeFixture() })
afterAll(async () => { await f.close() })

describe('exchange services', () => {
  it('workbooks follow the stages: no score sheet in draft, no results workbook before review (but for the machine)', async () => {
    const id = await draftEvaluation(f)
    expect((await caught(scoreSheetWorkbook(f.db, f.secretary, id, 'm3'))).code).toBe('wrong_state')
    expect((await caught(exportResultsWorkbook(f.db, f.chair, id))).code).toBe('wrong_state')
    await transition(f.db, f.chair, id, { to: 'scoring' })
    expect((await caught(exportResultsWorkbook(f.db, f.chair, id))).code).toBe('wrong_state')
    expect((await caught(exportResultsWorkbook(f.db, f.outsider, id))).code).toBe('forbidden')
    // The CLI (the machine) may: it is how `export <id> --out file.xlsx` works at any stage.
    expect((await exportResultsWorkbook(f.db, SYSTEM_ACTOR, id)).subarray(0, 2).toString()).toBe('PK')
    const sheet = await scoreSheetWorkbook(f.db, f.secretary, id, 'm3')
    expect(sheet.subarray(0, 2).toString()).toBe('PK')
    expect((await caught(scoreSheetWorkbook(f.db, f.secretary, id, 'm5'))).code).toBe('validation')
    const before = JSON.stringify(await snapshot(f.db))
    const none = await caught(importScoreSheet(f.db, f.secretary, id, 'm3', { workbook: Buffer.alloc(0) }))
    expect(none.code).toBe('validation')
    expect(none.details).toEqual([{ path: 'workbook', message: 'chưa chọn tệp Excel (.xlsx) phiếu chấm điểm để tải lên' }])
    expect((await caught(importScoreSheet(f.db, f.member1, id, 'm3', { workbook: sheet }))).code).toBe('forbidden')
    expect(JSON.stringify(await snapshot(f.db))).toBe(before)
  })

  it('saving criteria as a catalog: chair and secretary only; the default title and source come from the evaluation', async () => {
    const id = await draftEvaluation(f)
    const registry = new CatalogRegistry([TEST_CATALOG])
    expect((await caught(saveEvaluationCatalog(f.db, f.member1, registry, id, { id: 'test-catalog', version: '2.0.0' }))).code).toBe('forbidden')
    expect((await caught(saveEvaluationCatalog(f.db, f.admin, registry, id, { id: 'test-catalog', version: '2.0.0' }))).code).toBe('forbidden')
    // test-catalog is the registry's own (shipped): its id is the admin's alone to version (§7).
    expect((await caught(saveEvaluationCatalog(f.db, f.chair, registry, id, { id: 'test-catalog', version: '2.0.0' }))).code).toBe('forbidden')
    const saved = await saveEvaluationCatalog(f.db, f.chair, registry, id, { id: 'test-catalog-tinh', version: '2.0.0' })
    const catalog = parseCatalogYaml(saved.yaml, 'saved')
    expect(catalog.title).toEqual({ vi: 'Đánh giá phần mềm QLVB&ĐHCV', en: 'Đánh giá phần mềm QLVB&ĐHCV' })
    expect(catalog.source).toBe(`Bộ tiêu chí của đợt đánh giá "Đánh giá phần mềm QLVB&ĐHCV" (mã ${id})`)
    expect(catalog.criteria).toEqual(TEST_CATALOG.criteria)
    expect(registry.list().map((c) => `${c.id}@${c.version}`)).toEqual(['test-catalog@1.0.0', 'test-catalog-tinh@2.0.0'])
    const e = await caught(saveEvaluationCatalog(f.db, f.secretary, registry, id, { id: 'test-catalog-tinh', version: '2.0.0' }))
    expect(e.code).toBe('conflict')
    expect(e.localized('en')).toBe('catalog "test-catalog-tinh" version 2.0.0 exists already; a published version is never overwritten — choose a new version number')
  })

  it('a catalog given as a JSON object is validated and written back as YAML', async () => {
    const registry = new CatalogRegistry([])
    const saved = await importCatalog(f.db, f.admin, registry, { ...TEST_CATALOG, id: 'tu-json', version: '0.1.0' })
    expect(parseCatalogYaml(saved.yaml, 'json').criteria).toEqual(TEST_CATALOG.criteria)
    expect(registry.get('tu-json')?.version).toBe('0.1.0')
    const bad = await caught(importCatalog(f.db, f.admin, registry, { ...TEST_CATALOG, id: 'Sai Mã', version: '0.1.0' }))
    expect(bad.code).toBe('validation')
    expect(bad.details?.map((d) => d.path)).toEqual(['id'])
    expect((await caught(importCatalog(f.db, f.chair, registry, TEST_CATALOG))).code).toBe('forbidden')
  })
})
