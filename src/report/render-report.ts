// The report's public entry points: the §6 report and the blank score sheets as PDF bytes,
// rendered off the event loop by the shared worker.
import type { Catalog } from '../domain/catalog.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { renderInWorker } from './render-pool.ts'

export interface RenderOptions {
  readonly lang: Lang
  /** Fixes the PDF's dates (and file ID): same data and date → same bytes. Default: now. */
  readonly creationDate?: Date
  /** The evaluation's audit chain head, printed beside the data hash (from the database; none for a file). */
  readonly auditHead?: string
  /** The catalog the criteria came from (the registry's copy): its title, and the changes made, are printed. */
  readonly catalog?: Catalog
}

export function renderReport(file: EvaluationFile, opts: RenderOptions): Promise<Buffer> {
  return renderInWorker({ kind: 'report', file, lang: opts.lang, creationDate: opts.creationDate, auditHead: opts.auditHead, catalog: opts.catalog })
}

export function renderBlankSheets(file: EvaluationFile, opts: RenderOptions): Promise<Buffer> {
  return renderInWorker({ kind: 'blank', file, lang: opts.lang, creationDate: opts.creationDate })
}
