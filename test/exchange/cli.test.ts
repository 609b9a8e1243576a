// The command line's data in and out (§8), run as a user runs it (a child process, DATA_DIR in
// a temp folder): `export <id> --out file.xlsx` recalculated by LibreOffice equals `compute` to
// 2 decimals; `export --out file.json` → `import` → `export` gives a byte-identical file; a file
// of a newer format is refused; `catalog export` writes a valid catalog and never overwrites.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Results } from '../../src/domain/results.ts'
import { LABELS } from '../../src/xlsx/labels.ts'
import { poisonCachedResults, recalculate } from '../xlsx/recalc.ts'
import { expectSummaryEqualsResults } from './summary-check.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
let work: string
let dataDir: string
let demoId: string

function cli(...args: string[]) {
  const r = spawnSync(TSX, [join(ROOT, 'src/cli.ts'), ...args], {
    cwd: work, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const evaluations = () => {
  const h = new Database(join(dataDir, 'eoffice-eval.sqlite'), { readonly: true })
  try { return (h.prepare('select count(*) as n from evaluations').get() as { n: number }).n } finally { h.close() }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'eoffice-cli-exchange-'))
  dataDir = join(work, 'data')
  demoId = cli('demo').stdout.trim()
  expect(demoId).toMatch(/^\d+$/)
}, 60_000)
afterAll(() => { rmSync(work, { recursive: true, force: true }) })

describe('cli export / import / catalog export', () => {
  it('export --out file.xlsx: the workbook recalculated by LibreOffice equals `compute` to 2 decimals', async () => {
    const json = join(work, 'demo.json')
    expect(cli('export', demoId, '--out', json).code).toBe(0)
    const results = JSON.parse(cli('compute', json).stdout) as Results
    const xlsx = join(work, 'demo.xlsx')
    const r = cli('export', demoId, '--out', xlsx)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const buffer = readFileSync(xlsx)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buffer as unknown as ArrayBuffer)
    const sheets = wb.worksheets.map((w) => w.name)
    expect(sheets).toEqual(expect.arrayContaining(['Tổng hợp', 'Tiêu chí', 'Bất đồng']))
    const recalculated = await recalculate({ demo: { buffer: await poisonCachedResults(buffer), sheets } })
    const groups = Object.keys(results.candidates[0]!.groups).length
    expect(expectSummaryEqualsResults(recalculated.get('demo')!.get(LABELS.vi.summarySheet)!, results, 'vi')).toBe(results.candidates.length * (1 + groups))
  }, 240_000)

  it('export --out file.json → import → export is byte-identical', () => {
    const first = join(work, 'first.json')
    const second = join(work, 'second.json')
    expect(cli('export', demoId, '--out', first).code).toBe(0)
    const imported = cli('import', first)
    expect(imported.code).toBe(0)
    const id = imported.stdout.trim()
    expect(id).not.toBe(demoId)
    expect(cli('export', id, '--out', second).code).toBe(0)
    expect(readFileSync(second)).toEqual(readFileSync(first))
    expect(readFileSync(first, 'utf8')).not.toContain('\n')
  })

  it('import of a newer format version: exit 1 with a clear message, nothing written', () => {
    const file = JSON.parse(readFileSync(join(work, 'first.json'), 'utf8'))
    const newer = join(work, 'newer.json')
    writeFileSync(newer, JSON.stringify({ ...file, format: 'eoffice-eval/evaluation@3' }))
    const before = evaluations()
    const r = cli('import', newer)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('format: tệp có định dạng "eoffice-eval/evaluation@3" mới hơn phiên bản phần mềm này hỗ trợ')
    const en = cli('import', newer, '--lang', 'en')
    expect(en.stderr).toContain('is newer than this version supports')
    expect(evaluations()).toBe(before)
  })

  it('export: an output that is neither .json nor .xlsx is misuse (exit 2), nothing written', () => {
    const r = cli('export', demoId, '--out', join(work, 'ket-qua.csv'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('.json')
    expect(() => readFileSync(join(work, 'ket-qua.csv'))).toThrow()
  })

  it('catalog export: the criteria as a catalog file that validates; an existing file is not overwritten', () => {
    const out = join(work, 'qlvb-1.1.0.yaml')
    const r = cli('catalog', 'export', demoId, '--id', 'qlvb-dhcv-2015', '--version', '1.1.0', '--title', 'QLVB&ĐHCV sau đánh giá', '--out', out)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const v = cli('catalog', 'validate', out)
    expect(v.code).toBe(0)
    expect(v.stdout).toContain('qlvb-dhcv-2015 1.1.0, 40 tiêu chí (3 đạt/không đạt)')
    const demo = JSON.parse(readFileSync(join(work, 'first.json'), 'utf8'))
    const text = readFileSync(out, 'utf8')
    for (const node of demo.criteria as { id: string }[]) expect(text).toContain(`id: ${node.id}\n`)
    const again = cli('catalog', 'export', demoId, '--id', 'qlvb-dhcv-2015', '--version', '1.2.0', '--out', out)
    expect(again.code).toBe(1)
    expect(readFileSync(out, 'utf8')).toBe(text)
    const bad = cli('catalog', 'export', demoId, '--id', 'Không Hợp Lệ', '--version', '1.0.0', '--out', join(work, 'bad.yaml'))
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('id')
  })
})
