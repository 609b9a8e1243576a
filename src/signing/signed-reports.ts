// Signed copies of the archived reports (§14), kept next to them in REPORTS_DIR as
// `<archived name without .pdf>-signed.pdf`, written once and never overwritten (like the
// archive). A signed copy is kept only when the archived bytes are exactly its first revision
// (it starts with them, and its first signature's range starts right after them) and that
// signature verifies over the whole file.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { exists, writeOnce } from '../report/write-once.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { checkValidity, p12Signer, type SigningIdentity } from './signing-config.ts'
import { checkSignatures, isPdf, type SignatureCheck } from './verify-pdf.ts'

/** The largest signed copy accepted (the archive plus an update with a certificate chain). */
export const MAX_SIGNED_BYTES = 50 * 1024 * 1024

export const signedCopyPath = (archivePath: string): string => archivePath.replace(/\.pdf$/i, '-signed.pdf')


/** The signed copy of an archived report, when there is one. */
export async function readSignedCopy(archivePath: string): Promise<Buffer | undefined> {
  try {
    return await readFile(signedCopyPath(archivePath))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
}


/** Keeps a signed copy next to its archive; false when one is already kept. */
export function storeSignedCopy(archivePath: string, bytes: Buffer): Promise<boolean> {
  return writeOnce(signedCopyPath(archivePath), bytes)
}

export type SignedCopyProblem = 'notPdf' | 'tooLarge' | 'differentDocument' | 'noSignature' | 'signatureBroken'

export type SignedCopyCheck =
  | { readonly ok: true; readonly signature: SignatureCheck; readonly sha256: string }
  | { readonly ok: false; readonly problem: SignedCopyProblem; readonly signature?: SignatureCheck }

/** Is `upload` the archived report `archived`, signed (§14)? */
export function checkSignedCopy(archived: Buffer, upload: Buffer): SignedCopyCheck {
  if (upload.length > MAX_SIGNED_BYTES) return { ok: false, problem: 'tooLarge' }
  if (!isPdf(upload)) return { ok: false, problem: 'notPdf' }
  if (upload.length <= archived.length || !upload.subarray(0, archived.length).equals(archived)) return { ok: false, problem: 'differentDocument' }
  const signatures = checkSignatures(upload)
  // The first signature added after the archived bytes: its signed range must include them.
  const first = signatures.find((s) => s.byteRange[1] >= archived.length)
  if (!first) return { ok: false, problem: 'noSignature' }
  const last = signatures.at(-1)!
  if (!first.intact || !last.intact || !last.coversWholeFile) return { ok: false, problem: 'signatureBroken', signature: first.intact ? last : first }
  return { ok: true, signature: first, sha256: createHash('sha256').update(upload).digest('hex') }
}

/**
 * Finalizing with SIGNING_P12 (§14): the archived reports signed as incremental updates, both in
 * memory first (a certificate that expired meanwhile → SigningConfigError, nothing written),
 * then kept next to the archives. A signed copy already kept (the same content finalized
 * again) stays as it is.
 */
export async function signFinalReports(
  file: EvaluationFile, archives: Readonly<Record<Lang, string>>, identity: SigningIdentity, at: Date = new Date(),
): Promise<Record<Lang, string>> {
  checkValidity(identity, at)
  const agency = identity.organization ?? file.report?.agency ?? ''
  const todo: { lang: Lang; archive: string; bytes?: Buffer }[] = []
  for (const [lang, archive] of Object.entries(archives) as [Lang, string][]) {
    if (await exists(signedCopyPath(archive))) continue
    todo.push({ lang, archive })
  }
  // pdf-lib, @signpdf and pdfmake's fonts load on the first signature, not with the server
  // (~15 MB a server without SIGNING_P12 never needs; §10 memory).
  const { signReportPdf } = await import('./sign-report.ts')
  for (const t of todo) {
    // A P12Signer reads its PKCS#12 buffer once: one per signature.
    t.bytes = await signReportPdf(await readFile(t.archive), p12Signer(identity), { signer: identity.commonName, agency, lang: t.lang }, at)
  }
  for (const t of todo) await storeSignedCopy(t.archive, t.bytes!)
  return Object.fromEntries(Object.entries(archives).map(([lang, archive]) => [lang, signedCopyPath(archive)])) as Record<Lang, string>
}
