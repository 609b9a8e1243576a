// The report's public entry points: the §6 report and the blank score sheets as PDF bytes,
// rendered off the event loop by the shared worker.
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { renderInWorker } from './render-pool.ts'

export interface RenderOptions {
  readonly lang: Lang
  /** Fixes the PDF's dates (and file ID): same data and date → same bytes. Default: now. */
  readonly creationDate?: Date
}

export function renderReport(file: EvaluationFile, opts: RenderOptions): Promise<Buffer> {
  return renderInWorker({ kind: 'report', file, lang: opts.lang, creationDate: opts.creationDate })
}

export function renderBlankSheets(file: EvaluationFile, opts: RenderOptions): Promise<Buffer> {
  return renderInWorker({ kind: 'blank', file, lang: opts.lang, creationDate: opts.creationDate })
}
