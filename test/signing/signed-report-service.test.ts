// §14 through the services: finalizing with SIGNING_P12 signs both archived reports (pdfsig
// valid) and downloads serve the signed copies; a certificate expired at finalize time refuses
// the move and writes nothing signed; without it, the archived report signed outside is taken
// back by the chair or the secretary only, once, and only when it is that report, signed.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { P12Signer } from '@signpdf/signer-p12'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { findEvaluationHead } from '../../src/db/evaluation-repository.ts'
import { AppError } from '../../src/services/app-error.ts'
import { listAudit, reportPdf, uploadSignedReport, verifyAudit, verifyReportPdf } from '../../src/services/index.ts'
import { updateEvaluation } from '../../src/services/evaluations-service.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { signReportPdf } from '../../src/signing/sign-report.ts'
import { loadSigningIdentity, type SigningIdentity } from '../../src/signing/signing-config.ts'
import { draftEvaluation, makeFixture, rateAll, snapshot, type Fixture } from '../services/fixture.ts'
import { makePki, type TestPki } from './pki.ts'
import { pdfsig } from './pdfsig.ts'

async function reviewEvaluation(f: Fixture): Promise<number> {
  const id = await draftEvaluation(f)
  await transition(f.db, f.chair, id, { to: 'scoring' })
  await rateAll(f, id, (candidate, criterion) => ({ 'KS.1': 3, 'KS.3': 5, 'TD.1': candidate === 'A' ? 4 : 2 })[criterion]!)
  await transition(f.db, f.chair, id, { to: 'review' })
  await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất sử dụng Phần mềm Alpha.', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
  return id
}

async function caughtError(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => undefined, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

const pdfs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.pdf')).sort() : [])

let pki: TestPki
let identity: SigningIdentity
beforeAll(() => {
  pki = makePki()
  identity = loadSigningIdentity(pki.p12, pki.password)
})
afterAll(() => rmSync(pki.dir, { recursive: true, force: true }))

describe('finalizing with SIGNING_P12 (§14)', () => {
  let f: Fixture
  beforeEach(async () => { f = await makeFixture() })
  afterEach(async () => { await f.close() })

  it('signs both archived reports; pdfsig calls them valid; downloads serve the signed copies', async () => {
    const id = await reviewEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'finalized' }, { ...f.archive, signing: identity })
    const names = pdfs(f.archive.reportsDir)
    expect(names.filter((n) => n.endsWith('-signed.pdf'))).toHaveLength(2)
    for (const lang of ['vi', 'en'] as const) {
      const archive = names.find((n) => n.endsWith(`-${lang}.pdf`))!
      const archived = await readFile(join(f.archive.reportsDir, archive))
      const signed = await readFile(join(f.archive.reportsDir, archive.replace(/\.pdf$/, '-signed.pdf')))
      expect(signed.subarray(0, archived.length).equals(archived)).toBe(true)
      const out = pdfsig(signed)
      expect(out).toContain('Signature is Valid.')
      expect(out).toContain(`Signer Certificate Common Name: ${pki.signerName}`)
      const download = await reportPdf(f.db, f.member1, id, { lang, reportsDir: f.archive.reportsDir })
      expect(download.filename).toBe(archive.replace(/\.pdf$/, '-signed.pdf'))
      expect(download.pdf.equals(signed)).toBe(true)
    }
    const v = await verifyReportPdf(f.db, (await reportPdf(f.db, f.chair, id, { lang: 'vi', reportsDir: f.archive.reportsDir })).pdf)
    expect(v.signatures[0]).toMatchObject({ intact: true, coversWholeFile: true, signer: pki.signerName })
    expect(v.evaluation?.id).toBe(id)
  }, 120_000)

  it('a certificate expired by finalize time: refused with the reason, still in review, nothing signed written', async () => {
    const id = await reviewEvaluation(f)
    const expired: SigningIdentity = { ...identity, notAfter: new Date(Date.now() - 86_400_000) }
    const before = await snapshot(f.db)
    const err = await caughtError(transition(f.db, f.chair, id, { to: 'finalized' }, { ...f.archive, signing: expired }))
    expect(err.code).toBe('conflict')
    expect(err.key).toBe('signingFailed')
    expect(err.localized('vi')).toContain('đã hết hạn')
    expect((await findEvaluationHead(f.db, id))?.status).toBe('review')
    expect(await snapshot(f.db)).toEqual(before)
    expect(pdfs(f.archive.reportsDir).filter((n) => n.endsWith('-signed.pdf'))).toEqual([])
  }, 60_000)
})

describe('POST …/report/signed through the service (§14)', () => {
  let f: Fixture
  let id: number
  let archive: { vi: Buffer; en: Buffer }
  const signer = () => new P12Signer(identity.p12, { passphrase: identity.password })
  const sign = (pdf: Buffer) => signReportPdf(pdf, signer(), { signer: pki.signerName, agency: pki.agency, lang: 'vi' }, new Date())

  beforeEach(async () => {
    f = await makeFixture()
    id = await reviewEvaluation(f)
    await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)
    const read = async (lang: 'vi' | 'en') => (await reportPdf(f.db, f.chair, id, { lang, reportsDir: f.archive.reportsDir })).pdf
    archive = { vi: await read('vi'), en: await read('en') }
  }, 60_000)
  afterEach(async () => { await f.close() })

  it('the unsigned archive has the empty field; the secretary brings back a signed copy; downloads serve it; audited', async () => {
    expect(pdfsig(archive.vi)).toContain('not signed')
    const signed = await sign(archive.vi)
    const kept = await uploadSignedReport(f.db, f.secretary, id, { lang: 'vi', reportsDir: f.archive.reportsDir, bytes: signed })
    expect(kept.signer).toBe(pki.signerName)
    expect(kept.filename).toMatch(/-vi-signed\.pdf$/)
    const download = await reportPdf(f.db, f.observer, id, { lang: 'vi', reportsDir: f.archive.reportsDir })
    expect(download.pdf.equals(signed)).toBe(true)
    // The English report is still the unsigned archive.
    expect((await reportPdf(f.db, f.observer, id, { lang: 'en', reportsDir: f.archive.reportsDir })).pdf.equals(archive.en)).toBe(true)
    const audit = await listAudit(f.db, f.chair, id)
    expect(JSON.stringify(audit)).toContain('report.signed')
    expect((await verifyAudit(f.db, id, 'vi')).ok).toBe(true)
    // Never overwritten: a second signed copy is refused, the first kept.
    const again = await caughtError(uploadSignedReport(f.db, f.chair, id, { lang: 'vi', reportsDir: f.archive.reportsDir, bytes: await sign(archive.vi) }))
    expect(again.code).toBe('conflict')
    expect((await readFile(join(f.archive.reportsDir, kept.filename))).equals(signed)).toBe(true)
  }, 60_000)

  it('refuses, saying why, and keeps nothing: another report, broken signature, not a PDF, unsigned', async () => {
    const before = await snapshot(f.db)
    const files = pdfs(f.archive.reportsDir)
    const cases: [Buffer, string][] = [
      [await sign(archive.en), 'signedDifferentDocument'],
      [Buffer.from('not a pdf at all'), 'signedNotPdf'],
      [Buffer.concat([archive.vi, Buffer.from('\n%%EOF\n')]), 'signedNoSignature'],
    ]
    const good = await sign(archive.vi)
    const flipped = Buffer.from(good)
    flipped[archive.vi.length + 40] = flipped[archive.vi.length + 40]! ^ 1
    cases.push([flipped, 'signedBroken'])
    for (const [bytes, key] of cases) {
      const err = await caughtError(uploadSignedReport(f.db, f.chair, id, { lang: 'vi', reportsDir: f.archive.reportsDir, bytes }))
      expect(err.code, key).toBe('validation')
      expect(err.key).toBe(key)
    }
    expect(await snapshot(f.db)).toEqual(before)
    expect(pdfs(f.archive.reportsDir)).toEqual(files)
  }, 60_000)

  it('only the chair and the secretary; only once finalized', async () => {
    const signed = await sign(archive.vi)
    for (const who of [f.member1, f.observer, f.outsider]) {
      const err = await caughtError(uploadSignedReport(f.db, who, id, { lang: 'vi', reportsDir: f.archive.reportsDir, bytes: signed }))
      expect(['forbidden', 'not_found']).toContain(err.code)
    }
    await transition(f.db, f.chair, id, { to: 'review', reason: 'Sửa số liệu' })
    const err = await caughtError(uploadSignedReport(f.db, f.chair, id, { lang: 'vi', reportsDir: f.archive.reportsDir, bytes: signed }))
    expect(err.code).toBe('wrong_state')
  }, 60_000)
})
