// The minutes of the review meeting (§13) as PDF bytes, rendered off the event loop by the
// shared report worker (job kind `minutes`).
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { renderInWorker } from './render-pool.ts'
import type { RenderOptions } from './render-report.ts'

export function renderMinutes(file: EvaluationFile, opts: RenderOptions): Promise<Buffer> {
  return renderInWorker({ kind: 'minutes', file, lang: opts.lang, creationDate: opts.creationDate })
}
