// AHP stored as `{ ids, matrix }` (§3, §4, §9): on a group with a pass/fail child (group C of the
// shipped QLVB&ĐHCV catalog) and at the top level; the report prints its table; the §9 file and
// the catalog export carry it; import → export is byte-identical.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { flat, pdfText } from '../report/pdf-tools.ts'
import { api, committee, move, scoreEverything, testApp, type Committee, type TestApp } from './helpers.ts'

afterAll(async () => { await closeRenderPool() })

const ones = (n: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => 1))
// C.2 is moderately more important than C.3 (3), C.3 and C.4 equal, C.5 least: consistent enough.
const C_MATRIX = [
  [1, 3, 3, 5],
  [1 / 3, 1, 1, 3],
  [1 / 3, 1, 1, 3],
  [1 / 5, 1 / 3, 1 / 3, 1],
]

describe('AHP on a group with a pass/fail criterion, and at the top level', () => {
  let t: TestApp
  let c: Committee
  beforeEach(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterEach(async () => { await t.close() })

  it('stores { ids, matrix }, prints the AHP table in report.pdf (200), exports and re-imports byte for byte', async () => {
    const applied = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/C/ahp`, { matrix: C_MATRIX })
    expect(applied.statusCode).toBe(200)
    expect(applied.json().ids).toEqual(['C.2', 'C.3', 'C.4', 'C.5'])
    const top = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/ahp`, { matrix: ones(8) })
    expect(top.statusCode).toBe(200)
    expect(top.json().ids).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])

    await move(t.app, c, 'scoring')
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    const pdf = await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/report.pdf?lang=vi`)
    expect(pdf.statusCode).toBe(200)
    const text = flat(pdfText(pdf.rawPayload))
    // The table's header names the compared criteria; C.1 (pass/fail) has no column.
    expect(text).toMatch(/C\.2 C\.3 C\.4 C\.5/)
    expect(text).toMatch(/C\.2 1 3 3 5/)
    expect(text).toMatch(/C\.5 1\/5 1\/3 1\/3 1/)
    expect(text).not.toMatch(/C\.1 C\.2 C\.3/)

    const exported = await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/export.json`)
    expect(exported.statusCode).toBe(200)
    const file = JSON.parse(exported.body)
    const groupC = file.criteria.find((n: { id: string }) => n.id === 'C')
    expect(groupC.ahp).toEqual({ ids: ['C.2', 'C.3', 'C.4', 'C.5'], matrix: C_MATRIX })
    expect(file.evaluation.ahp).toEqual({ ids: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], matrix: ones(8) })

    const imported = await api(t.app, c.cookies.admin, 'POST', '/evaluations/import', file)
    expect(imported.statusCode).toBe(201)
    // The importer (admin) is not the chair: link the chair account to read the export back.
    const again = await api(t.app, c.cookies.admin, 'GET', `/evaluations/${imported.json().id}/export.json`)
    expect(again.statusCode).toBe(200)
    expect(again.body).toBe(exported.body)
  })

  it('an import with a wrong AHP is refused with the path named; nothing is imported', async () => {
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/C/ahp`, { matrix: C_MATRIX })
    await move(t.app, c, 'scoring')
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    const file = JSON.parse((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/export.json`)).body)
    const cIndex = file.criteria.findIndex((n: { id: string }) => n.id === 'C')
    const cases: [string, (f: typeof file) => void, string][] = [
      ['a pass/fail id', (f) => { f.criteria[cIndex].ahp.ids = ['C.1', 'C.3', 'C.4', 'C.5'] }, `criteria[${cIndex}].ahp.ids`],
      ['an id missing', (f) => { f.criteria[cIndex].ahp.ids = ['C.2', 'C.3', 'C.4'] }, `criteria[${cIndex}].ahp.ids`],
      ['not square', (f) => { f.criteria[cIndex].ahp.matrix[1] = [1, 1, 1] }, `criteria[${cIndex}].ahp.matrix[1]`],
      ['not reciprocal', (f) => { f.criteria[cIndex].ahp.matrix[0][1] = 5 }, `criteria[${cIndex}].ahp.matrix[1][0]`],
      ['off Saaty\'s scale', (f) => { f.criteria[cIndex].ahp.matrix[0][3] = 12; f.criteria[cIndex].ahp.matrix[3][0] = 1 / 12 }, `criteria[${cIndex}].ahp.matrix[0][3]`],
      ['weights that are not the matrix\'s', (f) => { f.criteria[cIndex].children[1].weight = 7 }, `criteria[${cIndex}].children[1].weight`],
      ['a top level with a wrong id', (f) => { f.evaluation.ahp = { ids: ['A', 'B'], matrix: ones(2) } }, 'evaluation.ahp.ids'],
    ]
    const before = (await api(t.app, c.cookies.admin, 'GET', '/evaluations')).json().length
    for (const [what, spoil, path] of cases) {
      const bad = structuredClone(file)
      spoil(bad)
      const res = await api(t.app, c.cookies.admin, 'POST', '/evaluations/import', bad)
      expect(res.statusCode, what).toBe(400)
      expect(res.json().error.details.map((d: { path: string }) => d.path), what).toContain(path)
    }
    expect((await api(t.app, c.cookies.admin, 'GET', '/evaluations')).json()).toHaveLength(before)
  })

  it('dropped, with a notice, when its weighted sibling set changes; kept otherwise', async () => {
    const apply = () => api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/C/ahp`, { matrix: C_MATRIX })
    const ahpOfC = async () => (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json().criteria.find((n: { id: string }) => n.id === 'C').ahp
    await apply()
    // A title change, or a pass/fail criterion added, leaves the compared set as it was.
    expect((await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/criteria/C.2`, { title: 'Tiêu chí C.2 (sửa)' })).statusCode).toBe(204)
    const passFail = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria`, { parent: 'C', node: { id: 'C.9', title: { vi: 'Đạt/không đạt' }, type: 'pass_fail' } })
    expect(passFail.statusCode).toBe(201)
    expect(passFail.json().ahpDropped).toBeUndefined()
    expect((await ahpOfC()).ids).toEqual(['C.2', 'C.3', 'C.4', 'C.5'])
    // A weight set by hand: dropped, and said so.
    const reweighted = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/criteria/C.3`, { weight: 0.5 })
    expect(reweighted.statusCode).toBe(200)
    expect(reweighted.json()).toEqual({ ahpDropped: ['C'], notice: expect.stringContaining('trọng số AHP của nhóm "C" đã được bỏ') })
    expect(await ahpOfC()).toBeUndefined()
    // A weighted child added, or one removed: dropped.
    await apply()
    const added = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria`, { parent: 'C', node: { id: 'C.6', title: { vi: 'Mới' }, weight: 1 } })
    expect(added.json()).toMatchObject({ id: 'C.6', ahpDropped: ['C'] })
    expect(await ahpOfC()).toBeUndefined()
    const removed = await api(t.app, c.cookies.chair, 'DELETE', `/evaluations/${c.id}/criteria/C.6`)
    expect(removed.statusCode).toBe(204) // nothing left to drop
    await apply()
    const deleted = await api(t.app, c.cookies.chair, 'DELETE', `/evaluations/${c.id}/criteria/C.5`)
    expect(deleted.statusCode).toBe(200)
    expect(deleted.json().ahpDropped).toEqual(['C'])
    // The top level the same way; the audit entry says what was dropped.
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/ahp`, { matrix: ones(8) })
    const top = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/criteria/H`, { weight: 30 })
    expect(top.json().ahpDropped).toEqual([''])
    const entry = await t.db.selectFrom('audit_log').select('after').where('evaluation_id', '=', c.id).orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(JSON.parse(entry.after!)).toMatchObject({ ahp: null, ahpDropped: [''] })
    // The setup page's form says it too.
    const page = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}?done=ahpDropped&group=C`, headers: { cookie: c.cookies.chair } })
    expect(page.body).toContain('Ma trận AHP của nhóm C đã được bỏ')
  })
})
