// `cli catalog validate`: a line per good file, every problem of every bad one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateCatalogFiles } from '../../src/catalogs/validate-catalogs.ts'
import { PROJECT_ROOT } from '../../src/config.ts'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'validate-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

describe('validateCatalogFiles', () => {
  it('summarizes the shipped catalogs', async () => {
    const file = join(PROJECT_ROOT, 'criteria', 'qlvb-dhcv-2015.yaml')
    const report = await validateCatalogFiles([file], 'vi')
    expect(report).toEqual({ ok: true, lines: [`${file}: hợp lệ — qlvb-dhcv-2015 1.0.0, 40 tiêu chí (3 đạt/không đạt)`] })
  })

  it('reports a bad file with its path and line, and keeps going', async () => {
    const bad = join(dir, 'bad.yaml')
    await writeFile(bad, 'id: x\nversion: 1.0.0\ntitle: { vi: X, en: X }\nsource: s\nscale: { min: 0, max: 1, levels: [] }\ncriteria: []\n')
    const good = join(PROJECT_ROOT, 'criteria', 'iso25010-software.yaml')
    const report = await validateCatalogFiles([bad, good], 'en')
    expect(report.ok).toBe(false)
    expect(report.lines[0]).toMatch(new RegExp(`^${bad}: criteria: .*\\(line 6, column 11\\)$`))
    expect(report.lines.at(-1)).toBe(`${good}: valid — iso25010-software 1.0.0, 28 criteria (0 pass/fail)`)
  })
})
