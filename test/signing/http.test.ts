// §14 over HTTP and at the edges: POST /api/v1/evaluations/:id/report/signed (application/pdf
// only on that route, chair and secretary, 400 naming the reason, 413, 409 once kept), the
// download serving the signed copy, the verify page (multipart + CSRF), `cli report verify`,
// and the server refusing to start on a wrong SIGNING_P12_PASSWORD.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { P12Signer } from '@signpdf/signer-p12'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../src/config.ts'
import { signReportPdf } from '../../src/signing/sign-report.ts'
import { MAX_SIGNED_BYTES } from '../../src/signing/signed-reports.ts'
import { checkSignatures, reportDataHash } from '../../src/signing/verify-pdf.ts'
import { csrfOf, multipart } from '../exchange/helpers.ts'
import { api, committee, move, scoreEverything, testApp, type Committee, type TestApp } from '../http/helpers.ts'
import { makePki, type TestPki } from './pki.ts'

const TSX = join(PROJECT_ROOT, 'node_modules/.bin/tsx')

let t: TestApp
let c: Committee
let pki: TestPki
let archive: { vi: Buffer; en: Buffer }
const sign = (pdf: Buffer) => signReportPdf(pdf, new P12Signer(readP12(), { passphrase: pki.password }), { signer: pki.signerName, agency: pki.agency, lang: 'vi' }, new Date())
let p12Bytes: Buffer
const readP12 = () => p12Bytes

const postPdf = (cookie: string, id: number, body: Buffer, type = 'application/pdf', lang = 'vi') =>
  t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${id}/report/signed?lang=${lang}`, headers: { cookie, 'content-type': type }, payload: body })

beforeAll(async () => {
  pki = makePki()
  p12Bytes = (await import('node:fs')).readFileSync(pki.p12)
  t = await testApp()
  c = await committee(t.app)
  await move(t.app, c, 'scoring')
  await scoreEverything(t, c)
  await move(t.app, c, 'review')
  await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { report: { conclusion: 'Đề xuất lựa chọn phần mềm A.', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
  await move(t.app, c, 'finalized')
  const get = async (lang: string) => (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/report.pdf?lang=${lang}`)).rawPayload
  archive = { vi: await get('vi'), en: await get('en') }
}, 240_000)

afterAll(async () => {
  await t.close()
  rmSync(pki.dir, { recursive: true, force: true })
})

describe('POST /api/v1/evaluations/:id/report/signed (§14)', () => {
  it('refuses another content type (415) and anyone but the chair and the secretary (403)', async () => {
    const signed = await sign(archive.vi)
    expect((await postPdf(c.cookies.chair, c.id, signed, 'text/plain')).statusCode).toBe(415)
    expect((await postPdf(c.cookies.chair, c.id, signed, 'application/octet-stream')).statusCode).toBe(415)
    const json = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/report/signed`, { pdf: 'x' })
    expect(json.statusCode).toBe(415)
    for (const who of ['member1', 'observer'] as const) expect((await postPdf(c.cookies[who], c.id, signed)).statusCode).toBe(403)
    // application/pdf is taken on this route only.
    const elsewhere = await t.app.inject({ method: 'PATCH', url: `/api/v1/evaluations/${c.id}`, headers: { cookie: c.cookies.chair, 'content-type': 'application/pdf' }, payload: signed })
    expect(elsewhere.statusCode).toBe(415)
  }, 60_000)

  it('400 naming the reason: not a PDF, another report, broken signature; 413 when too large', async () => {
    const notPdf = await postPdf(c.cookies.chair, c.id, Buffer.from('xin chào'))
    expect(notPdf.statusCode).toBe(400)
    expect(notPdf.json().error.message).toBe('tệp tải lên không phải tệp PDF')
    const other = await postPdf(c.cookies.chair, c.id, await sign(archive.en))
    expect(other.statusCode).toBe(400)
    expect(other.json().error.message).toContain('khác với báo cáo lưu trữ')
    const broken = Buffer.from(await sign(archive.vi))
    broken[archive.vi.length + 50] = broken[archive.vi.length + 50]! ^ 1
    const res = await postPdf(c.cookies.secretary, c.id, broken, 'application/pdf', 'vi')
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toContain('chữ ký số không hợp lệ')
    const english = await t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${c.id}/report/signed?lang=en`, headers: { cookie: c.cookies.chair, 'content-type': 'application/pdf', 'accept-language': 'en' }, payload: await sign(archive.vi) })
    expect(english.statusCode).toBe(400)
    const tooLarge = await postPdf(c.cookies.chair, c.id, Buffer.concat([archive.vi, Buffer.alloc(MAX_SIGNED_BYTES)]))
    expect(tooLarge.statusCode).toBe(413)
    expect(tooLarge.json().error.code).toBe('too_large')
  }, 60_000)

  it('201 for the archived report signed; the download then serves it; a second one → 409', async () => {
    const signed = await sign(archive.vi)
    const res = await postPdf(c.cookies.secretary, c.id, signed)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ signer: pki.signerName })
    const download = await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/report.pdf?lang=vi`)
    expect(download.rawPayload.equals(signed)).toBe(true)
    expect(String(download.headers['content-disposition'])).toMatch(/-vi-signed\.pdf"/)
    const again = await postPdf(c.cookies.chair, c.id, await sign(archive.vi))
    expect(again.statusCode).toBe(409)
  }, 60_000)
})

describe('the verify page (§14)', () => {
  it('shows signer, time, intact, the data hash and the evaluation that has it', async () => {
    const signed = await sign(archive.vi)
    const form = await t.app.inject({ method: 'GET', url: '/reports/verify', headers: { cookie: c.cookies.observer } })
    expect(form.statusCode).toBe(200)
    const { payload, contentType } = multipart({ _csrf: csrfOf(form.body), file: { filename: 'bao-cao.pdf', content: signed, type: 'application/pdf' } })
    const res = await t.app.inject({ method: 'POST', url: '/reports/verify', headers: { cookie: c.cookies.observer, 'content-type': contentType }, payload })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(pki.signerName)
    expect(res.body).toContain('Nguyên vẹn')
    expect(res.body).toContain(reportDataHash(archive.vi)!)
    expect(res.body).toContain(`href="/evaluations/${c.id}"`)
    const bad = Buffer.from(signed)
    bad[200] = bad[200]! ^ 1
    const broken = multipart({ _csrf: csrfOf(form.body), file: { filename: 'x.pdf', content: bad, type: 'application/pdf' } })
    const res2 = await t.app.inject({ method: 'POST', url: '/reports/verify', headers: { cookie: c.cookies.observer, 'content-type': broken.contentType }, payload: broken.payload })
    expect(res2.body).toContain('Không nguyên vẹn')
  }, 60_000)

  it('refuses a post without the CSRF token (403)', async () => {
    const { payload, contentType } = multipart({ file: { filename: 'x.pdf', content: archive.vi, type: 'application/pdf' } })
    const res = await t.app.inject({ method: 'POST', url: '/reports/verify', headers: { cookie: c.cookies.chair, 'content-type': contentType }, payload })
    expect(res.statusCode).toBe(403)
  })
})

describe('cli report verify and the server start (§14)', () => {
  it('cli: prints signer, intact, the data hash; exit 0; a flipped byte → exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verify-cli-'))
    try {
      const signed = await sign(archive.vi)
      writeFileSync(join(dir, 'signed.pdf'), signed)
      const bad = Buffer.from(signed)
      bad[300] = bad[300]! ^ 1
      writeFileSync(join(dir, 'bad.pdf'), bad)
      const run = (file: string) => spawnSync(TSX, [join(PROJECT_ROOT, 'src/cli.ts'), 'report', 'verify', join(dir, file)], {
        encoding: 'utf8', env: { ...process.env, DATA_DIR: join(dir, 'data') },
      })
      const good = run('signed.pdf')
      expect(good.status, good.stderr).toBe(0)
      expect(good.stdout).toContain(`Người ký: ${pki.signerName}`)
      expect(good.stdout).toContain('Nội dung đã ký: nguyên vẹn')
      expect(good.stdout).toContain(reportDataHash(archive.vi)!)
      const broken = run('bad.pdf')
      expect(broken.status).toBe(1)
      expect(broken.stdout).toContain('KHÔNG nguyên vẹn')
      expect(checkSignatures(bad)[0]?.intact).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('a wrong SIGNING_P12_PASSWORD: the server exits 1 naming the problem, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'server-p12-'))
    try {
      const r = spawnSync(TSX, [join(PROJECT_ROOT, 'src/server.ts')], {
        encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, DATA_DIR: dir, REPORTS_DIR: join(dir, 'reports'), PORT: '0', SIGNING_P12: pki.p12, SIGNING_P12_PASSWORD: 'not the password' },
      })
      expect(r.status).toBe(1)
      expect(r.stderr).toContain('SIGNING_P12_PASSWORD: mật khẩu không mở được tệp')
      expect(r.stderr).toContain('SIGNING_P12_PASSWORD: the password does not open')
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
