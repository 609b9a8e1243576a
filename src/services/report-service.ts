// The evaluation file a report is rendered from (§6): who may have which PDF, and from when.
// Rendering (pdfmake, in the report worker) stays with the caller; this only decides and reads.
import type { Db } from '../db/database.ts'
import { listAuditEntries } from '../db/audit-repository.ts'
import type { Catalog } from '../domain/catalog.ts'
import { evaluationHash } from '../domain/canonical.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { isFromReview } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { readFinalReport } from '../report/final-reports.ts'
import { renderReport } from '../report/render-report.ts'
import { isSystem, type Actor } from './actor.ts'
import { loadAccess, requireRole } from './access.ts'
import { AppError } from './app-error.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import type { CatalogSource } from './evaluations-service.ts'
import { signedReportCopy } from './signed-report-service.ts'

/** The committee only (§5): an admin may read an evaluation's details, not its report. */
const COMMITTEE = ['chair', 'secretary', 'member', 'observer'] as const

/** The file for the §6 report: the committee, from review on (before, it would break blind scoring). */
export async function reportFile(db: Db, actor: Actor, id: number): Promise<EvaluationFile> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, COMMITTEE)
  const status = access.head.status
  if (!isSystem(actor) && !isFromReview(status)) throw new AppError('wrong_state', 'reportNotYet')
  return buildEvaluationFile(db, id)
}

/**
 * The §6 report as a PDF for the committee, from review on: in review a fresh rendering (with its
 * draft mark); once finalized, the archived bytes written when it was finalized (§2).
 */
export async function reportPdf(db: Db, actor: Actor, id: number, opts: { lang: Lang; reportsDir: string; catalogs?: CatalogSource }): Promise<{ pdf: Buffer; filename: string }> {
  const file = await reportFile(db, actor, id)
  const catalog = file.evaluation.catalog ? opts.catalogs?.get(file.evaluation.catalog.id, file.evaluation.catalog.version) : undefined
  if (file.evaluation.status === 'finalized') {
    // Should the archive be missing it is written again, with the head it was finalized on.
    const { name, bytes } = await readFinalReport(file, opts.lang, opts.reportsDir, { auditHead: await finalizedOn(db, id), catalog })
    // §14: the signed copy once there is one.
    const signed = await signedReportCopy(name, opts.reportsDir)
    if (signed) return { pdf: signed.bytes, filename: signed.filename }
    return { pdf: bytes, filename: name }
  }
  // A draft prints no audit head: before the price stage it would depend on sealed prices (§12).
  return { pdf: await draftReport(file, opts.lang, catalog), filename: `evaluation-${id}-${opts.lang}.pdf` }
}

/** The chain head the evaluation was last finalized on: the entry before its finalizing move. */
async function finalizedOn(db: Db, id: number): Promise<string | undefined> {
  const entries = await listAuditEntries(db, id)
  const move = [...entries].reverse().find((e) => e.action === 'evaluation.transition' && (e.after as { status?: unknown } | null)?.status === 'finalized')
  return move?.prevHash ?? undefined
}

/**
 * Draft renderings, by data hash and language: the committee downloads the same draft many times
 * during a review meeting, and a large report takes seconds of a worker. The same data gives the
 * same document, so a cached rendering is the rendering; a change to the data is a new key. The
 * promise is kept, so simultaneous downloads share one rendering; a failed one is forgotten.
 */
const DRAFTS = new Map<string, Promise<Buffer>>()
const DRAFTS_KEPT = 8

function draftReport(file: EvaluationFile, lang: Lang, catalog: Catalog | undefined): Promise<Buffer> {
  const key = `${evaluationHash(file)}/${lang}/${catalog ? `${catalog.id}@${catalog.version}` : ''}`
  const hit = DRAFTS.get(key)
  if (hit) {
    DRAFTS.delete(key)
    DRAFTS.set(key, hit)
    return hit
  }
  // The creation date from this thread's clock (the worker's would be its own).
  const pdf = renderReport(file, { lang, creationDate: new Date(), catalog })
  DRAFTS.set(key, pdf)
  pdf.catch(() => DRAFTS.delete(key))
  while (DRAFTS.size > DRAFTS_KEPT) DRAFTS.delete(DRAFTS.keys().next().value as string)
  return pdf
}

/**
 * The file for blank printable score sheets: the committee or an admin (who may read the
 * criteria anyway), at any stage; never any rating (blind scoring stays blind).
 */
export async function blankSheetsFile(db: Db, actor: Actor, id: number): Promise<EvaluationFile> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, COMMITTEE, { admin: true })
  return { ...(await buildEvaluationFile(db, id)), ratings: [] }
}
