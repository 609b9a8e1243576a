// What the render worker is asked to do, and how: shared by the pool (main thread) and the
// worker, and callable in-process (tests of the pure path, the benchmark).
import { evaluationHash } from '../domain/canonical.ts'
import type { Catalog } from '../domain/catalog.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import type { Results } from '../domain/results.ts'
import { computeResults } from '../domain/scoring.ts'
import { buildBlankSheetsDefinition } from './blank-sheets-definition.ts'
import { buildMinutesDefinition } from './minutes-definition.ts'
import { buildReportDefinition } from './report-definition.ts'
import { renderPdf } from './render-pdf.ts'

export type RenderJob =
  | {
    readonly kind: 'report'; readonly file: EvaluationFile; readonly lang: Lang; readonly creationDate?: Date; readonly results?: Results
    /** The audit chain head (from the database) and the source catalog (from the registry), when at hand. */
    readonly auditHead?: string; readonly catalog?: Catalog
  }
  | { readonly kind: 'blank'; readonly file: EvaluationFile; readonly lang: Lang; readonly creationDate?: Date }
  | { readonly kind: 'minutes'; readonly file: EvaluationFile; readonly lang: Lang; readonly creationDate?: Date }

/** Results (with Monte Carlo) and hash are computed here too, so none of it blocks the caller. */
export async function runJob(job: RenderJob): Promise<Buffer> {
  if (job.kind === 'minutes') {
    // §13: the minutes read the results (consensus included) but need no Monte Carlo.
    const definition = buildMinutesDefinition(job.file, computeResults(job.file, { monteCarlo: false }), { lang: job.lang, generatedAt: job.creationDate })
    return renderPdf(definition, job.creationDate)
  }
  if (job.kind === 'blank') {
    return renderPdf(buildBlankSheetsDefinition(job.file, { lang: job.lang, generatedAt: job.creationDate }), job.creationDate)
  }
  const results = job.results ?? computeResults(job.file, { monteCarlo: true })
  const hash = evaluationHash(job.file)
  const definition = buildReportDefinition(job.file, results, { lang: job.lang, hash, generatedAt: job.creationDate, auditHead: job.auditHead, catalog: job.catalog })
  // A finalized report has an empty signature field at the signer's block (§14).
  return renderPdf(definition, job.creationDate, { signatureField: job.file.evaluation.status === 'finalized' })
}
