// Evaluation files (§9) through the API and the admin page: export (chair, from review on),
// import (admin) → export is byte-identical canonical JSON; a file of a newer format version,
// a broken file or the wrong person is refused with a clear message and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializeEvaluation } from '../../src/domain/canonical.ts'
import { exportEvaluationFile, verifyAudit } from '../../src/services/index.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { api, committee, move, scoreEverything, snapshot, type Committee } from '../http/helpers.ts'
import { csrfOf, exchangeApp, page, postForm } from './helpers.ts'

let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee

const exportJson = (cookie: string, id: number) => t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id}/export.json`, headers: { cookie } })
const importJson = (cookie: string, body: string, lang = 'vi') =>
  t.app.inject({ method: 'POST', url: `/api/v1/evaluations/import?lang=${lang}`, headers: { cookie, 'content-type': 'application/json' }, payload: body })

beforeAll(async () => {
  t = await exchangeApp()
  c = await committee(t.app)
  await move(t.app, c, 'scoring')
  await scoreEverything(t, c)
}, 120_000)
afterAll(async () => { await t.close() })

describe('evaluation files (§9) through the API', () => {
  it('export: the chair, from review on (blind before); others refused', async () => {
    expect((await exportJson(c.cookies.chair, c.id)).statusCode).toBe(409)
    await move(t.app, c, 'review')
    for (const who of ['member1', 'secretary', 'observer', 'outsider'] as const) {
      expect((await exportJson(c.cookies[who], c.id)).statusCode, who).toBe(403)
    }
    const res = await exportJson(c.cookies.chair, c.id)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('application/json')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="evaluation-${c.id}.json"`)
    expect(res.body).toBe(serializeEvaluation(await exportEvaluationFile(t.db, c.id)))
    expect(JSON.parse(res.body).ratings).toHaveLength(3 * 2 * 40)
  })

  it('export → import → export is byte-identical (API and the admin page)', async () => {
    const first = (await exportJson(c.cookies.chair, c.id)).body
    const imported = await importJson(c.cookies.admin, first)
    expect(imported.statusCode, imported.body).toBe(201)
    const id = imported.json().id as number
    expect(id).not.toBe(c.id)
    const again = await exportJson(c.cookies.admin, id)
    expect(again.body).toBe(first)
    expect((await verifyAudit(t.db, id)).ok).toBe(true)
    // The same file through the admin page's upload form.
    const token = csrfOf((await page(t.app, c.cookies.admin, '/admin/catalogs')).body)
    const form = await postForm(t.app, c.cookies.admin, '/admin/evaluations/import', {
      _csrf: token, file: { filename: 'danh-gia.json', content: Buffer.from(first), type: 'application/json' },
    })
    expect(form.statusCode, form.body).toBe(303)
    const viaPage = Number(/^\/evaluations\/(\d+)$/.exec(String(form.headers.location))![1])
    expect((await exportJson(c.cookies.admin, viaPage)).body).toBe(first)
  })

  it('a large file (over the usual 256 KB body limit) imports', async () => {
    const demo = await loadDemoEvaluation()
    const big = { ...demo, evaluation: { ...demo.evaluation, basis: 'Căn cứ '.repeat(60_000) } }
    const body = JSON.stringify(big)
    expect(body.length).toBeGreaterThan(300_000)
    const res = await importJson(c.cookies.admin, body)
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201)
    expect((await exportJson(c.cookies.admin, res.json().id)).body).toBe(serializeEvaluation(big))
  })

  it('a file of a newer format version is refused with a clear message, in the reader\'s language; nothing written', async () => {
    const file = JSON.parse((await exportJson(c.cookies.chair, c.id)).body)
    const newer = JSON.stringify({ ...file, format: 'eoffice-eval/evaluation@2' })
    const before = await snapshot(t.db)
    const vi = await importJson(c.cookies.admin, newer)
    expect(vi.statusCode).toBe(400)
    expect(vi.json().error.code).toBe('validation')
    expect(vi.json().error.details).toEqual([{
      path: 'format',
      message: 'tệp có định dạng "eoffice-eval/evaluation@2" mới hơn phiên bản phần mềm này hỗ trợ (eoffice-eval/evaluation@1)',
    }])
    const en = await importJson(c.cookies.admin, newer, 'en')
    expect(en.json().error.details[0].message).toBe('the file\'s format "eoffice-eval/evaluation@2" is newer than this version supports (eoffice-eval/evaluation@1)')
    // The admin page shows the same, in a list.
    const token = csrfOf((await page(t.app, c.cookies.admin, '/admin/catalogs')).body)
    const form = await postForm(t.app, c.cookies.admin, '/admin/evaluations/import', {
      _csrf: token, file: { filename: 'moi.json', content: Buffer.from(newer), type: 'application/json' },
    })
    expect(form.statusCode).toBe(400)
    expect(form.body).toContain('<code>format</code>')
    expect(form.body).toContain('mới hơn phiên bản phần mềm này hỗ trợ')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('bad files and the wrong person: refused, nothing written', async () => {
    const file = JSON.parse((await exportJson(c.cookies.chair, c.id)).body)
    const before = await snapshot(t.db)
    expect((await importJson(c.cookies.chair, JSON.stringify(file))).statusCode).toBe(403)
    const broken = { ...file, ratings: [...file.ratings, { ...file.ratings[0], value: 7 }] }
    const res = await importJson(c.cookies.admin, JSON.stringify(broken))
    expect(res.statusCode).toBe(400)
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(`ratings[${file.ratings.length}].value`)
    expect((await importJson(c.cookies.admin, '{"format": ')).statusCode).toBe(400)
    expect((await api(t.app, c.cookies.admin, 'POST', '/evaluations/import', [])).statusCode).toBe(400)
    const token = csrfOf((await page(t.app, c.cookies.admin, '/admin/catalogs')).body)
    const notJson = await postForm(t.app, c.cookies.admin, '/admin/evaluations/import', {
      _csrf: token, file: { filename: 'x.json', content: Buffer.from('không phải JSON'), type: 'application/json' },
    })
    expect(notJson.statusCode).toBe(400)
    expect(notJson.body).toContain('JSON')
    expect(await snapshot(t.db)).toBe(before)
  })
})
