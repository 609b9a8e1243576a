// The agency's signing identity (§14, §8): SIGNING_P12 (a PKCS#12 file) opened with
// SIGNING_P12_PASSWORD, checked once at start (the server refuses to start on any problem) and
// again before each signing (a certificate may expire while the server runs).
import { readFileSync } from 'node:fs'
import type { P12Signer } from '@signpdf/signer-p12'
import type Forge from 'node-forge'
import type { Lang } from '../domain/messages.ts'
import { lazyRequire } from './lazy-require.ts'
import { signingMessage, type SigningMessageKey } from './signing-messages.ts'

const loadForge = lazyRequire<typeof Forge>('node-forge')
const loadSigner = lazyRequire<{ P12Signer: typeof P12Signer }>('@signpdf/signer-p12')

export interface SigningIdentity {
  readonly file: string
  /** The signer's name: the certificate subject's common name. */
  readonly commonName: string
  /** The subject's organization, when the certificate names one. */
  readonly organization: string | undefined
  readonly notBefore: Date
  readonly notAfter: Date
  readonly p12: Buffer
  readonly password: string
}

/** A problem with the signing configuration, worded in both languages. */
export class SigningConfigError extends Error {
  constructor(readonly key: SigningMessageKey, readonly params: Record<string, string | number> = {}) {
    super(`${signingMessage('vi', key, params)}\n${signingMessage('en', key, params)}`)
    this.name = 'SigningConfigError'
  }

  text(lang: Lang): string {
    return signingMessage(lang, this.key, this.params)
  }
}

const attr = (cert: Forge.pki.Certificate, name: string): string | undefined => {
  const v = cert.subject.getField(name)?.value
  // node-forge keeps UTF8String values as UTF-8 bytes in a binary string.
  return typeof v === 'string' ? loadForge().util.decodeUtf8(v) : undefined
}

/** PKCS#12 bag types (RFC 7292). */
const BAGS = { shroudedKey: '1.2.840.113549.1.12.10.1.2', cert: '1.2.840.113549.1.12.10.1.3' } as const

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Throws unless the certificate is valid at `at`. */
export function checkValidity(identity: SigningIdentity, at: Date = new Date()): void {
  if (at.getTime() > identity.notAfter.getTime()) throw new SigningConfigError('certExpired', { subject: identity.commonName, date: day(identity.notAfter) })
  if (at.getTime() < identity.notBefore.getTime()) throw new SigningConfigError('certNotYetValid', { subject: identity.commonName, date: day(identity.notBefore) })
}

/** Opens and checks the PKCS#12 file; every problem → SigningConfigError naming it. */
export function loadSigningIdentity(file: string, password: string, at: Date = new Date()): SigningIdentity {
  let p12: Buffer
  try {
    p12 = readFileSync(file)
  } catch (err) {
    throw new SigningConfigError('p12Missing', { file, code: (err as NodeJS.ErrnoException).code ?? 'EIO' })
  }
  const forge = loadForge()
  let asn1: Forge.asn1.Asn1
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')))
  } catch {
    throw new SigningConfigError('p12Unreadable', { file })
  }
  let store: Forge.pkcs12.Pkcs12Pfx
  try {
    store = forge.pkcs12.pkcs12FromAsn1(asn1, false, password)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    throw new SigningConfigError(/password|MAC/i.test(message) ? 'p12Password' : 'p12Unreadable', { file })
  }
  // @signpdf/signer-p12 takes the key from a shrouded (encrypted) key bag, as `openssl pkcs12
  // -export` and the CAs' tools write it.
  const keyBag = store.getBags({ bagType: BAGS.shroudedKey })[BAGS.shroudedKey]?.[0]
  const key = keyBag?.key as Forge.pki.rsa.PrivateKey | undefined
  if (!key) throw new SigningConfigError('p12NoKey', { file })
  const certs = (store.getBags({ bagType: BAGS.cert })[BAGS.cert] ?? [])
    .map((b: Forge.pkcs12.Bag) => b.cert).filter((c: Forge.pki.Certificate | undefined): c is Forge.pki.Certificate => !!c)
  const cert = certs.find((c: Forge.pki.Certificate) => {
    const pub = c.publicKey as Forge.pki.rsa.PublicKey
    return pub.n?.compareTo(key.n) === 0 && pub.e?.compareTo(key.e) === 0
  })
  if (!cert) throw new SigningConfigError('p12NoCertificate', { file })
  const identity: SigningIdentity = {
    file,
    commonName: attr(cert, 'CN') ?? '',
    organization: attr(cert, 'O'),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    p12,
    password,
  }
  checkValidity(identity, at)
  return identity
}

/** From the environment: undefined when SIGNING_P12 is unset (reports carry an empty field). */
export function signingFromConfig(cfg: { readonly signingP12?: string | undefined; readonly signingP12Password?: string | undefined }, at: Date = new Date()): SigningIdentity | undefined {
  if (!cfg.signingP12) {
    if (cfg.signingP12Password) throw new SigningConfigError('passwordWithoutFile')
    return undefined
  }
  return loadSigningIdentity(cfg.signingP12, cfg.signingP12Password ?? '', at)
}

/** The signer @signpdf uses for this identity: a new one per signature (it consumes its input). */
export function p12Signer(identity: SigningIdentity): P12Signer {
  const { P12Signer: Signer } = loadSigner()
  return new Signer(identity.p12, { passphrase: identity.password })
}
