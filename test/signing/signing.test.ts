// §14 on the demo report: the archived PDF carries an empty signature field; signing it with a
// throwaway CA's signer (made by openssl here) gives a file poppler's pdfsig calls valid, whose
// first revision is the archive and which our own verify finds intact; a flipped byte breaks
// it; a copy signed outside (another tool's way: a new field, @signpdf as an outside tool uses
// it) is accepted as the signed copy; a copy of another report is refused; every bad PKCS#12
// is refused with a message naming the problem.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { plainAddPlaceholder } from '@signpdf/placeholder-plain'
import { SignPdf } from '@signpdf/signpdf'
import { PDFDocument } from 'pdf-lib'
import { P12Signer } from '@signpdf/signer-p12'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { evaluationHash } from '../../src/domain/canonical.ts'
import type { EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { finalCreationDate } from '../../src/report/final-reports.ts'
import { runJob } from '../../src/report/render-jobs.ts'
import { NoSignatureFieldError, signReportPdf } from '../../src/signing/sign-report.ts'
import { checkSignedCopy } from '../../src/signing/signed-reports.ts'
import { loadSigningIdentity, p12Signer, SigningConfigError, type SigningIdentity } from '../../src/signing/signing-config.ts'
import { checkSignatures, reportDataHash } from '../../src/signing/verify-pdf.ts'
import { pdfsig } from './pdfsig.ts'
import { makePki, type TestPki } from './pki.ts'

let pki: TestPki
let identity: SigningIdentity
let file: EvaluationFile
let archived: { vi: Buffer; en: Buffer }
let signed: Buffer
const at = new Date()

beforeAll(async () => {
  pki = makePki()
  identity = loadSigningIdentity(pki.p12, pki.password)
  const demo = await loadDemoEvaluation()
  file = { ...demo, evaluation: { ...demo.evaluation, status: 'finalized' } }
  const creationDate = finalCreationDate(file)
  archived = {
    vi: await runJob({ kind: 'report', file, lang: 'vi', creationDate }),
    en: await runJob({ kind: 'report', file, lang: 'en', creationDate }),
  }
  signed = await signReportPdf(archived.vi, p12Signer(identity), { signer: identity.commonName, agency: identity.organization ?? '', lang: 'vi' }, at)
}, 120_000)

afterAll(() => rmSync(pki.dir, { recursive: true, force: true }))

describe('the archived report (§14, without SIGNING_P12)', () => {
  it('has an empty signature field named ChuKySo and no signature', () => {
    const out = pdfsig(archived.vi)
    expect(out).toContain('Signature Field Name: ChuKySo')
    expect(out).toContain('not signed')
    expect(checkSignatures(archived.vi)).toEqual([])
  })

  it('is the same bytes for the same data (the field does not make it vary)', async () => {
    const again = await runJob({ kind: 'report', file, lang: 'vi', creationDate: finalCreationDate(file) })
    expect(again.equals(archived.vi)).toBe(true)
  }, 60_000)

  it('carries its data hash in the metadata', () => {
    expect(reportDataHash(archived.vi)).toBe(evaluationHash(file))
  })
})

describe('signing with a PKCS#12 (§14)', () => {
  it('pdfsig: the signature is valid, the signer named, the whole document signed', () => {
    const out = pdfsig(signed)
    expect(out).toContain('Signature Validation: Signature is Valid.')
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Văn Thành')
    expect(out).toContain('Total document signed')
    expect(out).toContain('Signature Field Name: ChuKySo')
  })

  it('keeps the archived bytes as the first revision (an incremental update)', () => {
    expect(signed.subarray(0, archived.vi.length).equals(archived.vi)).toBe(true)
    expect(checkSignedCopy(archived.vi, signed).ok).toBe(true)
  })

  it('our verify: intact, over the whole file, signer, time, data hash', () => {
    const [s, ...more] = checkSignatures(signed)
    expect(more).toEqual([])
    expect(s).toMatchObject({ intact: true, coversWholeFile: true, signer: 'Nguyễn Văn Thành', organization: pki.agency, problem: undefined })
    expect(Math.abs(s!.signingTime!.getTime() - at.getTime())).toBeLessThan(1000)
    expect(reportDataHash(signed, s!.byteRange[2] + s!.byteRange[3])).toBe(evaluationHash(file))
  })

  it('shows the signer, the agency and the signing time (Viet Nam time, ISO 8601) at the signer\'s block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigtext-'))
    try {
      const path = join(dir, 'signed.pdf')
      writeFileSync(path, signed)
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1])
      const text = (file: string, p: number) => execFileSync('pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' }).normalize('NFC')
      let page = 0
      for (let p = 1; p <= pages && !page; p++) if (text(path, p).includes('Nơi nhận')) page = p
      expect(page).toBeGreaterThan(0)
      // pdftotext skips annotations; pdftocairo draws the widget's appearance into the page.
      execFileSync('pdftocairo', ['-pdf', '-f', String(page), '-l', String(page), path, join(dir, 'flat.pdf')])
      const flat = text(join(dir, 'flat.pdf'), 1)
      const local = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 19)
      expect(flat).toContain(`Ký bởi: ${pki.signerName}`)
      expect(flat).toContain(`Cơ quan: ${pki.agency}`)
      expect(flat).toContain(`Thời gian ký: ${local}+07:00`)
      // Between the signer's title and name, as on paper.
      const lines = flat.split('\n').map((l) => l.trim()).filter(Boolean)
      const signedBy = lines.findIndex((l) => l.startsWith('Ký bởi:'))
      const title = lines.indexOf('PHÓ GIÁM ĐỐC')
      expect(title).toBeGreaterThanOrEqual(0)
      expect(title).toBeLessThan(signedBy)
      expect(lines.lastIndexOf(pki.signerName)).toBeGreaterThan(signedBy)
      // The unsigned archive shows none of it.
      writeFileSync(join(dir, 'archive.pdf'), archived.vi)
      execFileSync('pdftocairo', ['-pdf', '-f', String(page), '-l', String(page), join(dir, 'archive.pdf'), join(dir, 'flat0.pdf')])
      expect(text(join(dir, 'flat0.pdf'), 1)).not.toContain('Ký bởi:')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('one flipped byte in the signed content → not intact (ours and pdfsig)', () => {
    for (const offset of [100, Math.floor(archived.vi.length / 2), signed.length - 30]) {
      const bad = Buffer.from(signed)
      bad[offset] = bad[offset]! ^ 0x01
      const [s] = checkSignatures(bad)
      expect(s?.intact, `offset ${offset}`).toBe(false)
      expect(s?.problem).toBe('digestMismatch')
      expect(pdfsig(bad)).not.toContain('Signature is Valid.')
      expect(checkSignedCopy(archived.vi, bad)).toMatchObject({ ok: false })
    }
  })

  it('bytes appended after signing: not the whole file → refused as a signed copy', () => {
    const more = Buffer.concat([signed, Buffer.from('\n% added later\n')])
    const [s] = checkSignatures(more)
    expect(s).toMatchObject({ intact: true, coversWholeFile: false, problem: 'notWholeFile' })
    expect(checkSignedCopy(archived.vi, more)).toMatchObject({ ok: false, problem: 'signatureBroken' })
  })
})

describe('a PDF without an empty signature field (§14)', () => {
  it('is not signed: NoSignatureFieldError (an archive written before signing existed)', async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    const plain = Buffer.from(await doc.save({ useObjectStreams: false }))
    await expect(signReportPdf(plain, p12Signer(identity), { signer: 'A', agency: 'B', lang: 'vi' }, at)).rejects.toBeInstanceOf(NoSignatureFieldError)
    // Once signed, the field has a value: it cannot be signed again.
    await expect(signReportPdf(signed, p12Signer(identity), { signer: 'A', agency: 'B', lang: 'vi' }, at)).rejects.toBeInstanceOf(NoSignatureFieldError)
  })
})

describe('a copy signed outside and brought back (§14)', () => {
  /** As another tool does it: a new signature field in an incremental update, then the CMS. */
  async function signOutside(pdf: Buffer): Promise<Buffer> {
    const prepared = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Ký duyệt', contactInfo: '', name: pki.signerName, location: 'Bắc Giang', signatureLength: 8192 })
    return new SignPdf().sign(prepared, new P12Signer(readP12(), { passphrase: pki.password }))
  }
  const readP12 = () => identity.p12

  it('is accepted when its first revision is the archived report', async () => {
    const outside = await signOutside(archived.vi)
    expect(outside.subarray(0, archived.vi.length).equals(archived.vi)).toBe(true)
    expect(pdfsig(outside)).toContain('Signature is Valid.')
    const check = checkSignedCopy(archived.vi, outside)
    expect(check.ok).toBe(true)
  })

  it('the report\'s own empty field signed by an outside signer: accepted', async () => {
    const outsideSigner = new P12Signer(readP12(), { passphrase: pki.password })
    const copy = await signReportPdf(archived.vi, outsideSigner, { signer: pki.signerName, agency: pki.agency, lang: 'vi' }, new Date())
    expect(checkSignedCopy(archived.vi, copy).ok).toBe(true)
  })

  it('a signed copy of another report (the English one) is refused as a different document', async () => {
    const other = await signOutside(archived.en)
    expect(checkSignedCopy(archived.vi, other)).toEqual({ ok: false, problem: 'differentDocument' })
  })

  it('not a PDF, the archive unsigned, or unsigned bytes appended: refused, each with its reason', () => {
    expect(checkSignedCopy(archived.vi, Buffer.from('hello'))).toEqual({ ok: false, problem: 'notPdf' })
    expect(checkSignedCopy(archived.vi, archived.vi)).toEqual({ ok: false, problem: 'differentDocument' })
    expect(checkSignedCopy(archived.vi, Buffer.concat([archived.vi, Buffer.from('\n%%EOF\n')]))).toEqual({ ok: false, problem: 'noSignature' })
  })
})

describe('the signing configuration (§14, §8)', () => {
  const problem = (fn: () => unknown): string => {
    try {
      fn()
    } catch (err) {
      expect(err).toBeInstanceOf(SigningConfigError)
      return (err as SigningConfigError).key
    }
    throw new Error('no error')
  }

  it('a missing file, a file that is not PKCS#12, a wrong password', () => {
    expect(problem(() => loadSigningIdentity(join(pki.dir, 'missing.p12'), pki.password))).toBe('p12Missing')
    expect(problem(() => loadSigningIdentity(pki.caCert, pki.password))).toBe('p12Unreadable')
    expect(problem(() => loadSigningIdentity(pki.p12, 'wrong password'))).toBe('p12Password')
  })

  it('an expired certificate, one not yet valid, a PKCS#12 without a private key', () => {
    const expired = makePki({ issuedAt: '2020-01-01' })
    const future = makePki({ issuedAt: '2099-01-01' })
    const noKey = makePki({ withoutKey: true })
    try {
      expect(problem(() => loadSigningIdentity(expired.p12, expired.password))).toBe('certExpired')
      expect(problem(() => loadSigningIdentity(future.p12, future.password))).toBe('certNotYetValid')
      expect(problem(() => loadSigningIdentity(noKey.p12, noKey.password))).toBe('p12NoKey')
    } finally {
      for (const p of [expired, future, noKey]) rmSync(p.dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('the message names the variable and the problem in both languages', () => {
    const err = (() => {
      try {
        loadSigningIdentity(pki.p12, 'wrong password')
      } catch (e) {
        return e as SigningConfigError
      }
      throw new Error('no error')
    })()
    expect(err.message).toContain('SIGNING_P12_PASSWORD: mật khẩu không mở được tệp')
    expect(err.message).toContain('SIGNING_P12_PASSWORD: the password does not open')
  })
})
