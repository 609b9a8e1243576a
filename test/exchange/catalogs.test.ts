// Catalog reuse (§4): an evaluation's criteria (after its edits) saved as a new catalog version;
// catalog files imported by an admin (API and page), validated with located errors; a version
// that exists — shipped or stored — is never overwritten; stored catalogs survive a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCatalogYaml } from '../../src/catalogs/load-catalog.ts'
import { ADMIN, api, committee, login, snapshot, type Committee } from '../http/helpers.ts'
import { csrfOf, exchangeApp, page, postForm } from './helpers.ts'

const ROOT = join(import.meta.dirname, '../..')
const SMALL = (version = '1.0.0', weight = '1') => [
  '# Bộ tiêu chí nhỏ để thử', 'id: thu-nghiem', `version: ${version}`, 'title: { vi: Bộ thử nghiệm, en: Trial catalog }', 'source: Thử nghiệm',
  'scale:', '  min: 0', '  max: 1', '  levels:', '    - { value: 0, label: { vi: Không } }', '    - { value: 1, label: { vi: Có } }',
  'criteria:', '  - id: G', '    title: { vi: Nhóm }', '    weight: 1', '    children:',
  '      - id: G.1', '        title: { vi: Một }', `        weight: ${weight}`, '',
].join('\n')

let dir: string
let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee
const post = (cookie: string, url: string, body: unknown) => api(t.app, cookie, 'POST', url, body)
const listed = async () => (await api(t.app, c.cookies.member1, 'GET', '/catalogs')).json().map((x: { id: string; version: string }) => `${x.id}@${x.version}`)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-catalogs-'))
  t = await exchangeApp(join(dir, 'eoffice-eval.sqlite'))
  c = await committee(t.app)
}, 60_000)
afterAll(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('catalog import (admin)', () => {
  it('a valid YAML catalog is stored as given, listed, downloadable and usable at once', async () => {
    const res = await post(c.cookies.admin, '/catalogs', { yaml: SMALL() })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ id: 'thu-nghiem', version: '1.0.0', yaml: SMALL() })
    expect(await listed()).toContain('thu-nghiem@1.0.0')
    const yaml = await t.app.inject({ method: 'GET', url: '/api/v1/catalogs/thu-nghiem/1.0.0.yaml', headers: { cookie: c.cookies.member1 } })
    expect(yaml.statusCode).toBe(200)
    expect(yaml.headers['content-type']).toContain('yaml')
    expect(yaml.body).toBe(SMALL())
    const created = await post(c.cookies.admin, '/evaluations', { title: 'Đánh giá theo bộ thử', catalogId: 'thu-nghiem' })
    expect(created.statusCode).toBe(201)
    const ev = (await api(t.app, c.cookies.admin, 'GET', `/evaluations/${created.json().id}`)).json()
    expect(ev.criteria[0].children[0].id).toBe('G.1')
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'catalog.import').execute()
    expect(audit.map((a) => a.entity)).toEqual(['catalog:thu-nghiem@1.0.0'])
  })

  it('an existing version is never overwritten: stored or shipped → 409, nothing changed', async () => {
    const before = await snapshot(t.db)
    const again = await post(c.cookies.admin, '/catalogs', { yaml: SMALL('1.0.0', '5') })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toContain('không bị ghi đè')
    const shipped = await post(c.cookies.admin, '/catalogs', { yaml: readFileSync(join(ROOT, 'criteria/qlvb-dhcv-2015.yaml'), 'utf8') })
    expect(shipped.statusCode).toBe(409)
    expect(await snapshot(t.db)).toBe(before)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/catalogs/thu-nghiem/1.0.0.yaml', headers: { cookie: c.cookies.admin } })).body).toBe(SMALL())
  })

  it('an invalid catalog is refused naming the path and line; non-admins are refused', async () => {
    const before = await snapshot(t.db)
    const bad = await post(c.cookies.admin, '/catalogs', { yaml: SMALL('1.1.0', '-2') })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.message).toBe('tệp bộ tiêu chí không hợp lệ; chưa lưu gì')
    const detail = bad.json().error.details[0]
    expect(detail.path).toBe('criteria[0].children[0].weight')
    expect(detail.message).toContain('dòng 19')
    const syntax = await post(c.cookies.admin, '/catalogs', { yaml: 'id: [không đóng' })
    expect(syntax.statusCode).toBe(400)
    const shape = await post(c.cookies.admin, '/catalogs', { id: 'x' })
    expect(shape.statusCode).toBe(400)
    expect((await post(c.cookies.chair, '/catalogs', { yaml: SMALL('2.0.0') })).statusCode).toBe(403)
    expect(await snapshot(t.db)).toBe(before)
    expect(await listed()).not.toContain('thu-nghiem@1.1.0')
  })

  it('the admin page lists catalogs and takes a YAML file; errors are listed on the page', async () => {
    const list = await page(t.app, c.cookies.admin, '/admin/catalogs')
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('qlvb-dhcv-2015')
    expect(list.body).toContain('/api/v1/catalogs/thu-nghiem/1.0.0.yaml')
    expect(list.body).not.toMatch(/\sstyle=|<script(?![^>]*\ssrc=)/)
    expect((await page(t.app, c.cookies.chair, '/admin/catalogs')).statusCode).toBe(403)
    const token = csrfOf(list.body)
    const bad = await postForm(t.app, c.cookies.admin, '/admin/catalogs', { _csrf: token, file: { filename: 'x.yaml', content: Buffer.from(SMALL('1.2.0', '-2')) } })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('<code>criteria[0].children[0].weight</code>')
    const ok = await postForm(t.app, c.cookies.admin, '/admin/catalogs', { _csrf: token, file: { filename: 'x.yaml', content: Buffer.from(SMALL('1.2.0')) } })
    expect(ok.statusCode, ok.body).toBe(303)
    const pasted = await postForm(t.app, c.cookies.admin, '/admin/catalogs', { _csrf: token, yaml: SMALL('1.3.0') })
    expect(pasted.statusCode).toBe(303)
    expect(await listed()).toEqual(expect.arrayContaining(['thu-nghiem@1.2.0', 'thu-nghiem@1.3.0']))
  })
})

describe("saving an evaluation's criteria as a catalog", () => {
  it('gives the criteria after their edits, validated, as YAML; registered at once; never twice', async () => {
    // The chair re-weights a top-level group in draft: the saved catalog carries the new weight.
    const ev0 = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const group = ev0.criteria[0].id as string
    expect((await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/criteria/${group}`, { weight: 33 })).statusCode).toBe(204)
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    expect((await post(c.cookies.member1, `/evaluations/${c.id}/catalog`, { id: 'qlvb-dhcv-2015-tinh', version: '1.1.0' })).statusCode).toBe(403)
    // A shipped catalog's id is reserved (§7): only an admin publishes a version under it.
    const untouched = await snapshot(t.db)
    const reserved = await post(c.cookies.secretary, `/evaluations/${c.id}/catalog`, { id: 'qlvb-dhcv-2015', version: '9.9.9' })
    expect(reserved.statusCode, reserved.body).toBe(403)
    expect(reserved.json().error.message).toMatch(/chỉ quản trị hệ thống/)
    expect(await listed()).not.toContain('qlvb-dhcv-2015@9.9.9')
    expect(await snapshot(t.db)).toBe(untouched)
    const res = await post(c.cookies.secretary, `/evaluations/${c.id}/catalog`, { id: 'qlvb-dhcv-2015-tinh', version: '1.1.0', title: { vi: 'QLVB&ĐHCV (bản sửa 2015)', en: 'QLVB&DHCV (revised)' } })
    expect(res.statusCode, res.body).toBe(201)
    const catalog = parseCatalogYaml(res.json().yaml, 'saved.yaml')
    expect(catalog.criteria).toEqual(ev.criteria)
    expect(catalog.criteria[0]!.weight).toBe(33)
    expect(catalog.scale).toEqual(ev.scale)
    expect(catalog.title).toEqual({ vi: 'QLVB&ĐHCV (bản sửa 2015)', en: 'QLVB&DHCV (revised)' })
    expect(await listed()).toContain('qlvb-dhcv-2015-tinh@1.1.0')
    const download = await t.app.inject({ method: 'GET', url: '/api/v1/catalogs/qlvb-dhcv-2015-tinh/1.1.0.yaml', headers: { cookie: c.cookies.chair } })
    expect(download.body).toBe(res.json().yaml)
    const before = await snapshot(t.db)
    expect((await post(c.cookies.chair, `/evaluations/${c.id}/catalog`, { id: 'qlvb-dhcv-2015-tinh', version: '1.1.0' })).statusCode).toBe(409)
    const badVersion = await post(c.cookies.chair, `/evaluations/${c.id}/catalog`, { id: 'qlvb-dhcv-2015-tinh', version: '1.1' })
    expect(badVersion.statusCode).toBe(400)
    expect(badVersion.json().error.details[0].path).toBe('version')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('the exchange page form saves a version and offers its download; a bad version is shown on the page', async () => {
    const html = (await page(t.app, c.cookies.chair, `/evaluations/${c.id}/exchange`)).body
    // The evaluation's catalog id is a shipped one: the chair is offered an id of the evaluation's own.
    expect(html).toContain(`value="danh-gia-${c.id}"`)
    expect(html).toContain('value="1.0.0"')
    const form = (fields: Record<string, string>) => t.app.inject({
      method: 'POST', url: `/evaluations/${c.id}/catalog`, headers: { cookie: c.cookies.chair, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfOf(html), id: 'qlvb-dhcv-2015-tinh', titleVi: 'Bộ sửa', ...fields }).toString(),
    })
    const bad = await form({ version: 'hai' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('<code>version</code>')
    expect(bad.body).toContain('value="hai"')
    const ok = await form({ version: '1.2.0' })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toContain('/api/v1/catalogs/qlvb-dhcv-2015-tinh/1.2.0.yaml')
  })

  it('stored catalogs are offered again after a restart', async () => {
    await t.close()
    t = await exchangeApp(join(dir, 'eoffice-eval.sqlite'))
    c.cookies.member1 = await login(t.app, 'member1')
    c.cookies.admin = await login(t.app, ADMIN)
    expect(await listed()).toEqual(expect.arrayContaining(['thu-nghiem@1.0.0', 'thu-nghiem@1.2.0', 'qlvb-dhcv-2015-tinh@1.1.0', 'qlvb-dhcv-2015-tinh@1.2.0']))
    expect((await post(c.cookies.admin, '/catalogs', { yaml: SMALL() })).statusCode).toBe(409)
  })
})
