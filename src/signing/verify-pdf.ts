// Checks the signatures of a PDF (§14), the way a reader's validator does, without trusting
// anything the file says about itself:
// - each /ByteRange [a b c d] names the signed bytes (all but the /Contents hex string);
// - the CMS (pkijs parses it) carries a messageDigest that must equal the hash of those bytes,
//   and a signature over its signed attributes that must verify against the signer's
//   certificate (node:crypto);
// - a signature whose range ends before the file does leaves later bytes unsigned.
// Whether the certificate chains to a trusted CA is not judged here (pdfsig and the readers do
// that against their own trust stores).
import { createHash, verify as verifySignature, X509Certificate, constants } from 'node:crypto'
import type * as Asn1js from 'asn1js'
import type * as Pkijs from 'pkijs'
import { lazyRequire } from './lazy-require.ts'
import type { SigningMessageKey } from './signing-messages.ts'

const loadAsn1js = lazyRequire<typeof Asn1js>('asn1js')
const loadPkijs = lazyRequire<typeof Pkijs>('pkijs')

export interface SignatureCheck {
  /** The certificate subject's common name, and organization. */
  readonly signer: string | undefined
  readonly organization: string | undefined
  /** The CMS signingTime attribute, else the signature dictionary's /M. */
  readonly signingTime: Date | undefined
  /** The messageDigest equals the hash of the signed bytes and the signature verifies. */
  readonly intact: boolean
  /** The signed bytes run to the end of the file. */
  readonly coversWholeFile: boolean
  /** Why it is not intact (or does not cover the file). */
  readonly problem: SigningMessageKey | undefined
  readonly byteRange: readonly [number, number, number, number]
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  rsaPss: '1.2.840.113549.1.1.10',
} as const

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
}

export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 1024).includes('%PDF-')

/** Every `/ByteRange [a b c d]` in the file whose c–b span is a hex string, in file order. */
export function findByteRanges(pdf: Buffer): [number, number, number, number][] {
  const out: [number, number, number, number][] = []
  for (let at = pdf.indexOf('/ByteRange'); at >= 0; at = pdf.indexOf('/ByteRange', at + 10)) {
    const m = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.subarray(at, at + 80).toString('latin1'))
    if (!m) continue
    const r = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number]
    if (r[0] !== 0 || r[1] >= r[2] || r[2] + r[3] > pdf.length) continue
    if (pdf[r[1]] !== 0x3c || pdf[r[2] - 1] !== 0x3e) continue // '<' … '>'
    out.push(r)
  }
  return out
}

const text = (v: unknown): string | undefined => {
  const block = (v as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock
  return typeof block?.value === 'string' ? block.value : undefined
}

function nameField(cert: Pkijs.Certificate, oid: string): string | undefined {
  return text(cert.subject.typesAndValues.find((t) => t.type === oid)?.value)
}

const sameBytes = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array) => Buffer.from(a as Uint8Array).equals(Buffer.from(b as Uint8Array))

/** /M of the signature dictionary around the byte range: D:YYYYMMDDHHmmSS+HH'mm'. */
function dictionaryTime(pdf: Buffer, range: readonly number[]): Date | undefined {
  const from = Math.max(0, range[1]! - 4000)
  const around = pdf.subarray(from, Math.min(pdf.length, range[2]! + 4000)).toString('latin1')
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(Z|[+-]\d{2}'?\d{2}'?)?/.exec(around)
  if (!m) return undefined
  const tz = !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${tz}`)
}

/** Checks one signature; never throws (an unreadable CMS is a finding). */
export function checkSignature(pdf: Buffer, range: readonly [number, number, number, number]): SignatureCheck {
  const coversWholeFile = range[2] + range[3] === pdf.length
  const base = { byteRange: range, coversWholeFile }
  const broken = (problem: SigningMessageKey, extra: Partial<SignatureCheck> = {}): SignatureCheck => ({
    signer: undefined, organization: undefined, signingTime: dictionaryTime(pdf, range), intact: false, problem, ...base, ...extra,
  })
  const hex = pdf.subarray(range[1] + 1, range[2] - 1).toString('latin1').replace(/\s+/g, '')
  const der = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex')
  const asn1js = loadAsn1js()
  const pkijs = loadPkijs()
  let signed: Pkijs.SignedData
  try {
    const asn = asn1js.fromBER(new Uint8Array(der).buffer)
    if (asn.offset === -1) return broken('signatureUnreadable')
    const info = new pkijs.ContentInfo({ schema: asn.result })
    if (info.contentType !== OID.signedData) return broken('signatureUnreadable')
    signed = new pkijs.SignedData({ schema: info.content })
  } catch {
    return broken('signatureUnreadable')
  }
  const si = signed.signerInfos[0]
  if (!si) return broken('signatureUnreadable')
  const certs = (signed.certificates ?? []).filter((c): c is Pkijs.Certificate => c instanceof pkijs.Certificate)
  const sid = si.sid as Pkijs.IssuerAndSerialNumber | Asn1js.OctetString
  const cert = sid instanceof pkijs.IssuerAndSerialNumber
    ? certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
    : certs[0]
  if (!cert) return broken('signatureUnreadable')
  const who = { signer: nameField(cert, OID.commonName), organization: nameField(cert, OID.organization) }

  const hash = HASHES[si.digestAlgorithm.algorithmId]
  if (!hash) return broken('signatureUnreadable', who)
  const content = Buffer.concat([pdf.subarray(0, range[1]), pdf.subarray(range[2], range[2] + range[3])])
  const digest = createHash(hash).update(content).digest()

  const attrs = si.signedAttrs?.attributes ?? []
  const timeAttr = attrs.find((a) => a.type === OID.signingTime)?.values[0] as { toDate?: () => Date } | undefined
  const signingTime = timeAttr?.toDate?.() ?? dictionaryTime(pdf, range)
  const x509 = new X509Certificate(Buffer.from(cert.toSchema().toBER(false)))
  const signature = Buffer.from(si.signature.valueBlock.valueHexView)
  const pss = si.signatureAlgorithm.algorithmId === OID.rsaPss
  const key = pss ? { key: x509.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : x509.publicKey
  let verified = false
  let problem: SigningMessageKey | undefined
  if (si.signedAttrs) {
    const md = attrs.find((a) => a.type === OID.messageDigest)?.values[0] as Asn1js.OctetString | undefined
    if (!md || !sameBytes(md.valueBlock.valueHexView, digest)) problem = 'digestMismatch'
    else {
      // The signature covers the DER of the attributes as a SET (tag 0x31), not as the [0] field.
      const encoded = Buffer.from(si.signedAttrs.encodedValue)
      encoded[0] = 0x31
      try {
        verified = verifySignature(hash, encoded, key, signature)
      } catch {
        verified = false
      }
      if (!verified) problem = 'signatureInvalid'
    }
  } else {
    try {
      verified = verifySignature(hash, content, key, signature)
    } catch {
      verified = false
    }
    if (!verified) problem = 'digestMismatch'
  }
  const intact = verified && problem === undefined
  return { ...who, signingTime, intact, problem: problem ?? (coversWholeFile ? undefined : 'notWholeFile'), ...base }
}

/** All signatures of the file, in file order (the first is the first revision's signer). */
export function checkSignatures(pdf: Buffer): SignatureCheck[] {
  return findByteRanges(pdf).map((r) => checkSignature(pdf, r))
}

/**
 * The data hash (SHA-256 of the §9 file) the report carries in its metadata (Keywords
 * `sha256:<hex>`, beside the one printed on its last page). With a signature, only the signed
 * bytes are read, so text added after signing cannot change it.
 */
export function reportDataHash(pdf: Buffer, upTo: number = pdf.length): string | undefined {
  const region = pdf.subarray(0, upTo).toString('latin1')
  const all = [...region.matchAll(/\(sha256:([0-9a-f]{64})\)/g)]
  return all.at(-1)?.[1]
}
