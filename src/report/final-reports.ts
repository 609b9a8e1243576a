// Finalized reports on disk (§2): `<slug>-<first 12 hex of the hash>-<lang>.pdf` in REPORTS_DIR.
// A file of that name already holds the same content (same hash, fixed dates), so it is kept,
// never overwritten; new files are written to a temp name and renamed, so a crash leaves no half
// file under the final name.
import type { Catalog } from '../domain/catalog.ts'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { evaluationHash } from '../domain/canonical.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { LANGS, type Lang } from '../domain/messages.ts'
import { renderReport } from './render-report.ts'
import { slugify } from './slug.ts'
import { exists, writeOnce } from './write-once.ts'

export function finalReportName(file: EvaluationFile, lang: Lang, hash = evaluationHash(file)): string {
  return `${slugify(file.evaluation.title)}-${hash.slice(0, 12)}-${lang}.pdf`
}

/**
 * The PDF's dates come from the data (the report's date, else the deadline), never the clock,
 * so the bytes under a name depend on the content alone.
 */
export function finalCreationDate(file: EvaluationFile): Date {
  const day = file.report?.date ?? file.evaluation.deadline
  return day ? new Date(`${day}T00:00:00Z`) : new Date(0)
}



/** What a final report prints besides the file (§6, §7): the audit chain head and the source catalog. */
export interface FinalReportExtras {
  /** The chain head the evaluation was finalized on (the entry before the finalizing move). */
  readonly auditHead?: string
  readonly catalog?: Catalog
}

export async function writeFinalReports(file: EvaluationFile, reportsDir: string, extras: FinalReportExtras = {}): Promise<Record<Lang, string>> {
  if (file.evaluation.status !== 'finalized') {
    throw new Error(`only a finalized evaluation has final reports (status: ${file.evaluation.status ?? 'draft'})`)
  }
  await mkdir(reportsDir, { recursive: true })
  const hash = evaluationHash(file)
  const creationDate = finalCreationDate(file)
  const out = {} as Record<Lang, string>
  for (const lang of LANGS) {
    const path = join(reportsDir, finalReportName(file, lang, hash))
    if (!(await exists(path))) await writeOnce(path, await renderReport(file, { lang, creationDate, ...extras }))
    out[lang] = path
  }
  return out
}

/**
 * The archived report of a finalized evaluation, as written when it was finalized: its bytes are
 * served, never a new rendering. Should the file be missing (an archive restored without it), it
 * is written again first — the same content gives the same name and the same bytes.
 */
export async function readFinalReport(file: EvaluationFile, lang: Lang, reportsDir: string, extras: FinalReportExtras = {}): Promise<{ name: string; bytes: Buffer }> {
  const name = finalReportName(file, lang)
  const path = join(reportsDir, name)
  if (!(await exists(path))) await writeFinalReports(file, reportsDir, extras)
  return { name, bytes: await readFile(path) }
}
