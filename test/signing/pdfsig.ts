// poppler's pdfsig on PDF bytes, for the §14 tests.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** pdfsig's report on these bytes (its exit status is ignored: non-zero for an invalid signature). */
export function pdfsig(bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'))
  try {
    const path = join(dir, 'doc.pdf')
    writeFileSync(path, bytes)
    const r = spawnSync('pdfsig', [path], { encoding: 'utf8' })
    return `${r.stdout}${r.stderr}`
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
