// The command line, run as a user runs it: a child process with DATA_DIR in a temp folder.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
let dataDir: string
let work: string

function cli(...args: string[]) {
  const r = spawnSync(TSX, [join(ROOT, 'src/cli.ts'), ...args], {
    cwd: work, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'eoffice-cli-'))
  dataDir = join(work, 'data')
})
afterAll(() => { rmSync(work, { recursive: true, force: true }) })

describe('cli (§8)', () => {
  it('catalog validate: a broken catalog exits 1 naming file and path, and writes nothing', () => {
    const file = join(work, 'broken.yaml')
    writeFileSync(file, [
      'id: broken', 'version: 1.0.0', 'title: { vi: Hỏng, en: Broken }', 'source: test',
      'scale:', '  min: 0', '  max: 1', '  levels:', '    - { value: 0, label: { vi: Không } }', '    - { value: 1, label: { vi: Có } }',
      'criteria:', '  - id: G', '    title: { vi: Nhóm }', '    weight: 1', '    children:',
      '      - id: G.1', '        title: { vi: Một }', '        weight: -2',
    ].join('\n'))
    const before = readdirSync(work).sort()
    const r = cli('catalog', 'validate', file)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(file)
    expect(r.stderr).toContain('criteria[0].children[0].weight')
    expect(readdirSync(work).sort()).toEqual(before)
  })

  it('compute: a broken evaluation file exits 1 naming the path inside it', () => {
    const file = join(work, 'bad-evaluation.json')
    writeFileSync(file, JSON.stringify({
      format: 'eoffice-eval/evaluation@1',
      evaluation: { title: 'Thử' },
      scale: { min: 0, max: 5, levels: [] },
      criteria: [{ id: 'K', title: { vi: 'K' }, weight: 1 }],
      candidates: [{ id: 'A', name: 'Alpha' }],
      members: [{ id: 'm1', name: 'Chủ tịch', role: 'chair' }],
      ratings: [{ member: 'm1', candidate: 'A', criterion: 'K', value: 7 }],
    }))
    const before = readdirSync(work).sort()
    const r = cli('compute', file, '--lang', 'en')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${file}: ratings[0].value: 7 is outside the scale 0..5`)
    expect(readdirSync(work).sort()).toEqual(before)
  })

  it("ahp: Saaty's drinks matrix", () => {
    // Saaty's drink consumption example (coffee, wine, tea, beer, sodas, milk, water).
    const matrix = [
      [1, 9, 5, 2, 1, 1, 1 / 2],
      [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
      [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
      [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [1, 9, 4, 2, 1, 2, 1 / 2],
      [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [2, 9, 9, 3, 2, 3, 1],
    ]
    const file = join(work, 'drinks.json')
    writeFileSync(file, JSON.stringify({ matrix }))
    const r = cli('ahp', file)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as { weights: number[]; lambdaMax: number; ci: number; cr: number; riTable: { values: number[] } }
    // Saaty's published eigenvector: .177 .019 .042 .116 .190 .129 .327 (actual consumption .180 .010 .040 .120 .180 .140 .330).
    const published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    out.weights.forEach((w, i) => {
      expect(Math.abs(w - published[i]!)).toBeLessThan(0.0015)
    })
    expect(out.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(out.lambdaMax).toBeGreaterThan(7)
    expect(out.ci).toBeCloseTo((out.lambdaMax - 7) / 6, 12)
    expect(out.cr).toBeCloseTo(out.ci / 1.32, 12)
    expect(out.cr).toBeLessThan(0.1)
    expect(out.riTable.values[6]).toBe(1.32)
  })

  it('demo, then results, then audit verify; an edited rating then fails the audit', () => {
    const demo = cli('demo')
    expect(demo.code).toBe(0)
    const id = demo.stdout.trim()
    expect(id).toMatch(/^\d+$/)

    const results = cli('results', id)
    expect(results.code).toBe(0)
    expect(results.stdout).toContain('Hạng')
    expect(results.stdout).toMatch(/Đề xuất: /)
    expect(results.stdout).toMatch(/\d+,\d\d/)

    const ok = cli('audit', 'verify', id)
    expect(ok.stderr).toBe('')
    expect(ok.code).toBe(0)

    // Behind the application's back: change one rating directly in the SQLite file.
    const sqlite = new Database(join(dataDir, 'eoffice-eval.sqlite'))
    const row = sqlite.prepare('select id, value from ratings where evaluation_id = ? and value is not null order by id limit 1').get(Number(id)) as { id: number; value: number }
    sqlite.prepare('update ratings set value = ? where id = ?').run(row.value === 5 ? 4 : 5, row.id)
    sqlite.close()

    const broken = cli('audit', 'verify', id, '--lang', 'en')
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('audit log BROKEN')
    expect(broken.stderr).toMatch(/Rating m\d+\/\w+\/[\w.]+, score \(value\): the database holds \d, the audit log \d/)

    // The system chain: accounts and catalogs, replayed; an admin flag set behind the application's back fails it.
    const system = cli('audit', 'verify', '--system')
    expect(system.stderr).toBe('')
    expect(system.code).toBe(0)
    const db2 = new Database(join(dataDir, 'eoffice-eval.sqlite'))
    db2.prepare('update users set is_admin = 1 where is_admin = 0').run()
    db2.close()
    const systemBroken = cli('audit', 'verify', '--system', '--lang', 'en')
    expect(systemBroken.code).toBe(1)
    expect(systemBroken.stderr).toContain('administrator (is_admin): the database holds 1, the audit log 0')
  }, 180_000)

  it('report: from the database and from the exported file, the same text; a bad file names the path', () => {
    const id = cli('demo').stdout.trim()
    const file = join(work, `report-source-${id}.json`)
    expect(cli('export', id, '--out', file).code).toBe(0)
    const fromDb = join(work, `report-${id}-db.pdf`)
    const fromFile = join(work, `report-${id}-file.pdf`)
    expect(cli('report', id, '--out', fromDb).code).toBe(0)
    expect(cli('report', file, '--out', fromFile).code).toBe(0)
    const text = (pdf: string) => spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout
    const a = text(fromDb)
    expect(a).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(a).toContain('Sở kính báo cáo Ủy ban nhân dân tỉnh Bắc Giang xem xét, quyết định./.')
    // The same text but the audit head, which only the database has.
    const withoutAudit = (t: string) => t.replace(/^.*Mã kiểm tra nhật ký đánh giá:.*\n/m, '')
    expect(a).toMatch(/Mã kiểm tra nhật ký đánh giá: [0-9a-f]{64}/)
    expect(text(fromFile)).toBe(withoutAudit(a))
    const english = join(work, `report-${id}-en.pdf`)
    expect(cli('report', id, '--out', english, '--lang', 'en').code).toBe(0)
    expect(text(english)).toContain('SOCIALIST REPUBLIC OF VIET NAM')

    const bad = join(work, 'bad-report.json')
    writeFileSync(bad, JSON.stringify({ format: 'eoffice-eval/evaluation@1', evaluation: { title: 'x' }, scale: { min: 0, max: 5, levels: [] }, criteria: [{ id: 'A', title: { vi: 'A' }, weight: 1 }], candidates: [{ id: 'P', name: 'P' }], members: [{ id: 'm1', name: 'M', role: 'member' }], ratings: [{ member: 'm1', candidate: 'P', criterion: 'A', value: 9 }] }))
    const refused = cli('report', bad, '--out', join(work, 'never.pdf'))
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('ratings[0].value')
    expect(readdirSync(work)).not.toContain('never.pdf')
  }, 240_000)

  it('hash prints the strings the report shows (data hash; audit head for an id); report --blank prints blank sheets', () => {
    const id = cli('demo').stdout.trim()
    const file = join(work, `hash-source-${id}.json`)
    expect(cli('export', id, '--out', file).code).toBe(0)
    const fromId = cli('hash', id)
    expect(fromId.code).toBe(0)
    const [hashLine = 'x', auditLine = 'x'] = fromId.stdout.trim().split('\n')
    expect(hashLine).toMatch(/^Mã kiểm tra dữ liệu đánh giá \(SHA-256\): [0-9a-f]{64}$/)
    expect(auditLine).toMatch(/^Mã kiểm tra nhật ký đánh giá: [0-9a-f]{64}$/)
    // From the file: the same data hash, and no audit head (a file has none).
    expect(cli('hash', file).stdout.trim()).toBe(hashLine)
    const blank = join(work, `blank-${id}.pdf`)
    expect(cli('report', '--blank', id, '--out', blank).code).toBe(0)
    const sheets = spawnSync('pdftotext', ['-layout', blank, '-'], { encoding: 'utf8' }).stdout
    expect(sheets).toContain('PHIẾU CHẤM ĐIỂM')
    expect(sheets).toMatch(/Kết luận: +□ ĐẠT +□ KHÔNG ĐẠT/)
  }, 240_000)

  it('catalog validate: the shipped catalogs are valid', () => {
    const r = cli('catalog', 'validate', join(ROOT, 'criteria/qlvb-dhcv-2015.yaml'), join(ROOT, 'criteria/iso25010-software.yaml'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.trim().split('\n')).toHaveLength(2)
  })

  it('export, compute and import the same evaluation file; backup makes a copy', () => {
    const id = cli('demo').stdout.trim()
    const file = join(work, `evaluation-${id}.json`)
    const exported = cli('export', id, '--out', file)
    expect(exported.code).toBe(0)
    const computed = cli('compute', file)
    expect(computed.code).toBe(0)
    const results = JSON.parse(computed.stdout) as { recommended: string | null; candidates: { id: string; score: number; rank: number }[] }
    expect(results.candidates.map((c) => c.rank).sort()).toEqual([1, 2])
    const best = results.candidates.find((c) => c.rank === 1)!
    expect(results.recommended).toBe(best.id)
    // The table shows the same total, rounded half away from zero to 2 decimals, with a decimal comma.
    const table = cli('results', id).stdout
    const shown = (Math.round(best.score * 100) / 100).toFixed(2).replace('.', ',')
    expect(table).toContain(shown)
    const imported = cli('import', file)
    expect(imported.code).toBe(0)
    expect(Number(imported.stdout.trim())).toBeGreaterThan(Number(id))
    const backup = cli('backup', join(work, 'backup.sqlite'))
    expect(backup.code).toBe(0)
    const copy = new Database(join(work, 'backup.sqlite'), { readonly: true })
    expect((copy.prepare('select count(*) as n from evaluations').get() as { n: number }).n).toBeGreaterThanOrEqual(2)
    copy.close()
  })

  it('user add prompts for the password twice at a terminal', () => {
    // `script` gives the command a terminal; the answers are typed ahead.
    const command = `${TSX} ${join(ROOT, 'src/cli.ts')} user add thuky2`
    const r = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: work, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, input: 'mật-khẩu-gõ-tay\rmật-khẩu-gõ-tay\r',
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Mật khẩu: ')
    expect(r.stdout).toContain('Nhập lại mật khẩu: ')
    expect(r.stdout).toContain('đã tạo tài khoản "thuky2"')
    const mismatch = spawnSync('script', ['-qec', `${command}b --lang en`, '/dev/null'], {
      cwd: work, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, input: 'mot-mat-khau\rmat-khau-khac\r',
    })
    expect(mismatch.status).toBe(1)
    expect(mismatch.stdout).toContain('the passwords do not match')
  })

  it('user add without a password and without a terminal is an error', () => {
    const r = cli('user', 'add', 'ketoan')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--password')
    const ok = cli('user', 'add', 'ketoan', '--password', 'mật-khẩu-dài', '--admin')
    expect(ok.code).toBe(0)
    expect(cli('user', 'add', 'ketoan', '--password', 'mật-khẩu-dài').code).toBe(1)
  })
})
