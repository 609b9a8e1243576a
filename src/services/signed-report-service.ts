// The signed report (§14): taking back a copy of the archived report signed outside (the
// signer's own token and tool), checking what a PDF says about its signature and its data, and
// which copy a download serves.
import { join } from 'node:path'
import type { Db } from '../db/database.ts'
import { listEvaluations as listEvaluationRecords } from '../db/evaluation-repository.ts'
import { evaluationHash } from '../domain/canonical.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { readFinalReport } from '../report/final-reports.ts'
import { checkSignedCopy, readSignedCopy, signedCopyPath, signFinalReports, storeSignedCopy } from '../signing/signed-reports.ts'
import { checkValidity, SigningConfigError, type SigningIdentity } from '../signing/signing-config.ts'
import { NoSignatureFieldError } from '../signing/signature-field.ts'
import { signingMessage } from '../signing/signing-messages.ts'
import { checkSignatures, isPdf, reportDataHash, type SignatureCheck } from '../signing/verify-pdf.ts'
import type { Actor } from './actor.ts'
import { loadAccess, now, requireRole } from './access.ts'
import { AppError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'

export interface SignedUpload {
  readonly lang: Lang
  readonly reportsDir: string
  readonly bytes: Buffer
}

export interface SignedKept {
  readonly filename: string
  readonly signer: string | null
  readonly signingTime: string | null
}

const PROBLEM_KEYS = {
  notPdf: 'signedNotPdf',
  tooLarge: 'signedTooLarge',
  differentDocument: 'signedDifferentDocument',
  noSignature: 'signedNoSignature',
  signatureBroken: 'signedBroken',
} as const

/**
 * Keeps a signed copy of a finalized evaluation's archived report (chair or secretary): only when
 * the archived bytes are its first revision and the signature added after them verifies over the
 * whole file (otherwise `validation`, saying which; too large → `too_large`). Never replaces a
 * signed copy already kept (`conflict`). Audited.
 */
export async function uploadSignedReport(db: Db, actor: Actor, id: number, upload: SignedUpload): Promise<SignedKept> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  if (access.head.status !== 'finalized') throw new AppError('wrong_state', 'signedNotFinalized')
  const file = await buildEvaluationFile(db, id)
  const archive = await readFinalReport(file, upload.lang, upload.reportsDir)
  const check = checkSignedCopy(archive.bytes, upload.bytes)
  if (!check.ok) {
    throw new AppError(check.problem === 'tooLarge' ? 'too_large' : 'validation', PROBLEM_KEYS[check.problem])
  }
  const archivePath = join(upload.reportsDir, archive.name)
  if (!(await storeSignedCopy(archivePath, upload.bytes))) throw new AppError('conflict', 'signedExists')
  const signingTime = check.signature.signingTime?.toISOString() ?? null
  const signer = check.signature.signer ?? null
  await db.transaction().execute(async (trx) => {
    const fresh = await loadAccess(trx, actor, id)
    await appendAudit(trx, actor, fresh.head, {
      action: 'report.signed',
      entity: `evaluation:${id}`,
      before: null,
      after: { lang: upload.lang, file: signedCopyPath(archive.name), sha256: check.sha256, signer, signingTime },
    }, now())
  })
  return { filename: signedCopyPath(archive.name), signer, signingTime }
}

/** The signed copy of a finalized report, when one is kept (downloads serve it, §2). */
export async function signedReportCopy(archiveName: string, reportsDir: string): Promise<{ filename: string; bytes: Buffer } | undefined> {
  const bytes = await readSignedCopy(join(reportsDir, archiveName))
  return bytes ? { filename: signedCopyPath(archiveName), bytes } : undefined
}

export interface PdfVerification {
  readonly isPdf: boolean
  readonly signatures: readonly SignatureCheck[]
  /** The data hash the report carries (read from the signed bytes when signed). */
  readonly dataHash: string | undefined
  /** The evaluation here whose data has that hash (finalized ones are compared). */
  readonly evaluation: { readonly id: number; readonly title: string; readonly status: string } | undefined
}

/**
 * What a PDF says about itself (§14, `cli report verify` and the verify page): its signatures,
 * the data hash it carries, and which finalized evaluation here has that hash. Open to anyone
 * signed in: a finalized report is a document of record, and only its own hash is compared.
 */
export async function verifyReportPdf(db: Db, bytes: Buffer): Promise<PdfVerification> {
  if (!isPdf(bytes)) return { isPdf: false, signatures: [], dataHash: undefined, evaluation: undefined }
  const signatures = checkSignatures(bytes)
  const first = signatures[0]
  const dataHash = reportDataHash(bytes, first ? first.byteRange[2] + first.byteRange[3] : bytes.length)
  let evaluation: PdfVerification['evaluation']
  if (dataHash) {
    for (const r of await listEvaluationRecords(db)) {
      if (r.status !== 'finalized') continue
      if (evaluationHash(await buildEvaluationFile(db, r.id)) === dataHash) {
        evaluation = { id: r.id, title: r.title, status: r.status }
        break
      }
    }
  }
  return { isPdf: true, signatures, dataHash, evaluation }
}


/** Finalizing with SIGNING_P12 refuses a certificate that is no longer valid (§14), in words. */
export function ensureSigningValid(identity: SigningIdentity, lang: Lang, status: string = 'review', at: Date = new Date()): void {
  try {
    checkValidity(identity, at)
  } catch (err) {
    if (err instanceof SigningConfigError) throw new AppError('conflict', 'signingFailed', { reason: err.text(lang), status })
    throw err
  }
}

/**
 * Finalizing with SIGNING_P12 (§14): both archived reports signed, or neither (the move is not
 * made and the chair is told why; `status` is the stage the evaluation stays in).
 */
export async function signArchivedReports(
  file: EvaluationFile, archives: Readonly<Record<Lang, string>>, identity: SigningIdentity, lang: Lang, status: string = 'review',
): Promise<Record<Lang, string>> {
  ensureSigningValid(identity, lang, status)
  try {
    return await signFinalReports(file, archives, identity)
  } catch (err) {
    const reason = err instanceof SigningConfigError ? err.text(lang)
      : err instanceof NoSignatureFieldError ? signingMessage(lang, 'noEmptyField')
        : err instanceof Error ? err.message : String(err)
    throw new AppError('conflict', 'signingFailed', { reason, status })
  }
}
