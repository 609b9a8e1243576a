// `cli catalog validate <file...>`: one line per good file, every problem of every bad file.
import { leaves, isPassFail } from '../domain/criteria.ts'
import { ValidationError } from '../domain/issues.ts'
import type { Lang } from '../domain/messages.ts'
import { loadCatalogFile } from './load-catalog.ts'

export interface ValidationReport {
  readonly ok: boolean
  readonly lines: readonly string[]
}

export async function validateCatalogFiles(paths: readonly string[], lang: Lang = 'vi'): Promise<ValidationReport> {
  const lines: string[] = []
  let ok = true
  for (const path of paths) {
    try {
      const c = await loadCatalogFile(path, lang)
      const all = leaves(c.criteria)
      const gates = all.filter(isPassFail).length
      lines.push(lang === 'vi'
        ? `${path}: hợp lệ — ${c.id} ${c.version}, ${all.length} tiêu chí (${gates} đạt/không đạt)`
        : `${path}: valid — ${c.id} ${c.version}, ${all.length} criteria (${gates} pass/fail)`)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      ok = false
      lines.push(...err.message.split('\n'))
    }
  }
  return { ok, lines }
}
