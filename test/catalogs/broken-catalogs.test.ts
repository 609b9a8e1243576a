// A bad catalog file gives a ValidationError naming the file, the path inside it, the line and
// the problem, in the reader's language (§4, §7).
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCatalogDir, loadCatalogFile, parsePath } from '../../src/catalogs/load-catalog.ts'
import { ValidationError } from '../../src/domain/issues.ts'
import type { Lang } from '../../src/domain/messages.ts'

let dir: string
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'catalogs-')) })
afterAll(async () => { await rm(dir, { recursive: true, force: true }) })

const HEADER = `id: thu-nghiem
version: 1.0.0
title: { vi: Thử nghiệm, en: Test }
source: Đề xuất
scale:
  min: 0
  max: 2
  levels:
    - { value: 0, label: { vi: Không đạt, en: Not met } }
    - { value: 1, label: { vi: Đạt một phần, en: Partly met } }
    - { value: 2, label: { vi: Đạt, en: Met } }
`

/** A valid two-group tree; tests replace pieces of it. */
const TREE = `criteria:
  - id: A
    title: { vi: Nhóm A, en: Group A }
    weight: 60
    children:
      - id: A.1
        title: { vi: Tiêu chí A.1, en: Criterion A.1 }
        weight: 1
      - id: A.2
        title: { vi: Tiêu chí A.2, en: Criterion A.2 }
        type: pass_fail
  - id: B
    title: { vi: Nhóm B, en: Group B }
    weight: 40
    children:
      - id: B.1
        title: { vi: Tiêu chí B.1, en: Criterion B.1 }
        weight: 2
      - id: B.2
        title: { vi: Tiêu chí B.2, en: Criterion B.2 }
        weight: 3
`

async function write(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text, 'utf8')
  return path
}

async function failure(path: string, lang: Lang): Promise<ValidationError> {
  const err = await loadCatalogFile(path, lang).then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(ValidationError)
  return err as ValidationError
}

describe('loadCatalogFile on broken files', () => {
  it('accepts the valid base file (so the cases below fail for their own reason)', async () => {
    const c = await loadCatalogFile(await write('ok.yaml', HEADER + TREE))
    expect(c.criteria.map((g) => g.id)).toEqual(['A', 'B'])
  })

  const cases: {
    name: string
    text: string
    path: string
    line: number
    vi: RegExp
    en: RegExp
  }[] = [
    {
      name: 'yaml-syntax.yaml',
      // An unclosed flow mapping on line 3; the parser notices at the start of line 4.
      text: HEADER.replace('title: { vi: Thử nghiệm, en: Test }', 'title: { vi: Thử nghiệm, en: Test') + TREE,
      path: '',
      line: 4,
      vi: /lỗi cú pháp YAML ở dòng \d+, cột \d+/,
      en: /YAML syntax error at line \d+, column \d+/,
    },
    {
      name: 'zero-weights.yaml',
      text: HEADER + TREE.replace('weight: 2', 'weight: 0').replace('weight: 3', 'weight: 0'),
      path: 'criteria[1].children',
      line: 27,
      vi: /tổng trọng số các tiêu chí cùng cấp phải lớn hơn 0/,
      en: /the weights of these siblings must have a positive sum/,
    },
    {
      name: 'pass-fail-weight.yaml',
      text: HEADER + TREE.replace('        type: pass_fail', '        type: pass_fail\n        weight: 2'),
      path: 'criteria[0].children[1].weight',
      line: 23,
      vi: /tiêu chí đạt\/không đạt "A.2" không có trọng số/,
      en: /pass\/fail criterion "A.2" has no weight/,
    },
    {
      name: 'duplicate-id.yaml',
      text: HEADER + TREE.replace('- id: B.2', '- id: A.1'),
      path: 'criteria[1].children[1].id',
      line: 30,
      vi: /mã "A.1" bị trùng/,
      en: /duplicate id "A.1"/,
    },
    {
      name: 'scale-gap.yaml',
      // Level 1 described as 3: 1 is missing and 3 is outside 0..2.
      text: HEADER.replace('value: 1,', 'value: 3,') + TREE,
      path: 'scale.levels[1].value',
      line: 10,
      vi: /mức 3 nằm ngoài thang điểm 0–2/,
      en: /level 3 is outside the scale 0..2/,
    },
    {
      name: 'bad-version.yaml',
      text: HEADER.replace('version: 1.0.0', 'version: "1.0"') + TREE,
      path: 'version',
      line: 2,
      vi: /phiên bản "1.0" phải có dạng x.y.z/,
      en: /version "1.0" must look like x.y.z/,
    },
    {
      name: 'wrong-type.yaml',
      text: HEADER + TREE.replace('weight: 60', 'weight: sáu mươi'),
      path: 'criteria[0].weight',
      line: 15,
      vi: /không hợp lệ: mong đợi số/,
      en: /expected number/i,
    },
  ]

  for (const c of cases) {
    for (const lang of ['vi', 'en'] as const) {
      it(`${c.name} (${lang}) names the file, ${c.path || 'the document'} and line ${c.line}`, async () => {
        const path = await write(c.name, c.text)
        const err = await failure(path, lang)
        expect(err.source).toBe(path)
        const issue = err.issues.find((i) => i.path === c.path && (lang === 'vi' ? c.vi : c.en).test(i.message))
        expect(issue, JSON.stringify(err.issues)).toBeDefined()
        const where = lang === 'vi' ? `dòng ${c.line}, cột` : `line ${c.line}, column`
        expect(issue!.message).toContain(where)
        // The thrown message alone is enough to find the problem: file, path, what is wrong.
        const line = err.message.split('\n').find((l) => l.includes(issue!.message))!
        expect(line.startsWith(`${path}: ${c.path ? `${c.path}: ` : ''}`)).toBe(true)
      })
    }
  }

  it('reports a missing level of the scale in both languages', async () => {
    const path = await write('scale-missing.yaml', HEADER.replace(/ {4}- \{ value: 1,.*\n/, '') + TREE)
    expect((await failure(path, 'vi')).message).toContain(`${path}: scale.levels: thang điểm thiếu mô tả cho mức 1`)
    expect((await failure(path, 'en')).message).toContain(`${path}: scale.levels: the scale has no descriptor for level 1`)
  })

  it('reports an unreadable file by name', async () => {
    const path = join(dir, 'missing.yaml')
    const err = await failure(path, 'en')
    expect(err.message).toMatch(new RegExp(`^${path}: cannot read the file`))
  })
})

describe('loadCatalogDir', () => {
  it('refuses two files with the same id and version, naming both', async () => {
    const sub = await mkdtemp(join(dir, 'dup-'))
    await writeFile(join(sub, 'a.yaml'), HEADER + TREE)
    await writeFile(join(sub, 'b.yaml'), HEADER + TREE)
    const err = await loadCatalogDir(sub, 'vi').then(() => null, (e: unknown) => e)
    expect(err).toBeInstanceOf(ValidationError)
    expect((err as Error).message).toBe(`${join(sub, 'b.yaml')}: version: bộ tiêu chí "thu-nghiem" phiên bản 1.0.0 đã có (a.yaml)`)
  })

  it('lists every bad file, not only the first', async () => {
    const sub = await mkdtemp(join(dir, 'bad-'))
    await writeFile(join(sub, 'a.yaml'), HEADER.replace('version: 1.0.0', 'version: x') + TREE)
    await writeFile(join(sub, 'b.yaml'), HEADER.replace('id: thu-nghiem', 'id: Thử') + TREE)
    const err = (await loadCatalogDir(sub, 'en').then(() => null, (e: unknown) => e)) as ValidationError
    expect(err.issues.map((i) => i.path)).toEqual([`${join(sub, 'a.yaml')}: version`, `${join(sub, 'b.yaml')}: id`])
  })

  it('accepts a second version of the same catalog', async () => {
    const sub = await mkdtemp(join(dir, 'versions-'))
    await writeFile(join(sub, 'a.yaml'), HEADER + TREE)
    await writeFile(join(sub, 'b.yaml'), HEADER.replace('version: 1.0.0', 'version: 1.1.0') + TREE)
    expect((await loadCatalogDir(sub)).map((l) => l.catalog.version)).toEqual(['1.0.0', '1.1.0'])
  })
})

describe('parsePath', () => {
  it('reverses formatPath', () => {
    expect(parsePath('criteria[2].children[0].weight')).toEqual(['criteria', 2, 'children', 0, 'weight'])
    expect(parsePath('')).toEqual([])
  })
})
