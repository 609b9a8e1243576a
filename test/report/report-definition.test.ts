// The definition is plain data: named styles, no fonts or bytes, tables that split well.
import { describe, expect, it } from 'vitest'
import { evaluationHash } from '../../src/domain/canonical.ts'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import { buildBlankSheetsDefinition } from '../../src/report/blank-sheets-definition.ts'
import { buildReportDefinition } from '../../src/report/report-definition.ts'
import { reportContext } from '../../src/report/report-context.ts'
import { recommendationSentence } from '../../src/report/section-conclusion.ts'
import { sensitivityLines } from '../../src/report/section-sensitivity.ts'
import { STYLES } from '../../src/report/report-layout.ts'
import { smallEvaluation, tiedEvaluation } from '../fixtures/report/small-evaluation.ts'

const file = assertEvaluationFile(smallEvaluation())
const results = computeResults(file, { monteCarlo: false })

function* nodes(x: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(x)) for (const y of x) yield* nodes(y)
  else if (x && typeof x === 'object') {
    yield x as Record<string, unknown>
    for (const v of Object.values(x)) yield* nodes(v)
  }
}

describe('buildReportDefinition', () => {
  const def = buildReportDefinition(file, results, { lang: 'vi', hash: evaluationHash(file) })

  it('is plain data apart from the header callback: no buffers, no font files, no footer', () => {
    const json = JSON.stringify(def)
    expect(json).not.toMatch(/\.ttf|Buffer|data:/)
    expect(typeof def.header).toBe('function')
    expect(def.footer).toBeUndefined()
    expect((def as unknown as Record<string, unknown>).fonts).toBeUndefined()
    expect(def.defaultStyle).toMatchObject({ font: 'Tinos' })
  })

  it('uses only named styles that exist', () => {
    for (const n of nodes(def.content)) {
      if (typeof n.style === 'string') expect(Object.keys(STYLES)).toContain(n.style)
    }
  })

  it('makes every table that may split repeat its header row, and keeps rows whole', () => {
    // Tables inside an unbreakable block never split: their header is a plain first row.
    const inUnbreakable = new Set<unknown>()
    for (const n of nodes(def.content)) if (n.unbreakable) for (const m of nodes((n as { stack?: unknown[] }).stack ?? [])) inUnbreakable.add(m)
    const tables = [...nodes(def.content)].filter((n) => n.table)
    expect(tables.length).toBeGreaterThan(8)
    for (const n of tables) {
      const t = n.table as Record<string, unknown>
      expect(t.dontBreakRows).toBe(true)
      if (!inUnbreakable.has(n)) expect(t.headerRows).toBeGreaterThanOrEqual(1)
    }
  })

  it('uses A4 with the NĐ 30/2020 margins (left 30 mm, right 15 mm, top and bottom 20–25 mm)', () => {
    expect(def.pageSize).toBe('A4')
    const [left, top, right, bottom] = def.pageMargins as number[]
    expect(left! / 2.835).toBeCloseTo(30, 0)
    expect(right! / 2.835).toBeCloseTo(15, 0)
    expect(top! / 2.835).toBeGreaterThanOrEqual(20)
    expect(bottom! / 2.835).toBeLessThanOrEqual(25)
  })

  it('numbers pages from page 2 at the top', () => {
    const header = def.header as (page: number, pages: number, size: unknown) => { text?: string }
    expect(header(1, 5, {}).text).toBe('')
    expect(header(2, 5, {}).text).toBe('2')
  })
})

describe('sentences', () => {
  it('recommends, or leaves a tie to the committee', () => {
    expect(recommendationSentence(reportContext(file, results, 'en'))).toBe(
      'By the scores, the software Văn phòng điện tử Ánh Dương (Công ty Cổ phần Công nghệ Ánh Dương) qualifies with the highest total (76.67/100).',
    )
    const tied = assertEvaluationFile(tiedEvaluation())
    const sentence = recommendationSentence(reportContext(tied, computeResults(tied, { monteCarlo: false }), 'vi'))
    expect(sentence).toMatch(/^Theo kết quả chấm điểm, các phần mềm .* và .* cùng đạt yêu cầu và bằng điểm nhau \(76,67\/100\), cần xem xét, quyết định lựa chọn\.$/)
  })

  it('turns down/up into a weight range, and null/null into "stable"', () => {
    const lines = sensitivityLines(reportContext(file, results, 'vi'))
    expect(lines).toContain('Nhóm KS (Chữ ký số) (trọng số hiện tại 40,00%): kết quả đề xuất không thay đổi khi trọng số nhóm tăng hoặc giảm tới 50 điểm phần trăm.')
    // TD: 40 % − 23.33 pp = 16.67 %; no flip above, so up to 40 + 50 = 90 %.
    expect(lines).toContain('Nhóm TD (Theo dõi, đôn đốc nhiệm vụ) (trọng số hiện tại 40,00%): kết quả đề xuất giữ nguyên khi trọng số nhóm TD nằm trong khoảng từ 16,67% đến ít nhất 90,00%.')
  })
})

describe('buildBlankSheetsDefinition', () => {
  it('has one page-broken sheet per rater × candidate', () => {
    const def = buildBlankSheetsDefinition(file, { lang: 'vi' })
    const content = def.content as { pageBreak?: string }[]
    expect(content).toHaveLength(6)
    expect(content.filter((c) => c.pageBreak === 'before')).toHaveLength(5)
  })
})
