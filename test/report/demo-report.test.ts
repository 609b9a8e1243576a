// The §6 report of the shipped demo evaluation (QLVB&ĐHCV catalog, two products, seven members).
// The PDF is also written to test-artifacts/ (git-ignored) for a look with pdftoppm.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { evaluationHash } from '../../src/domain/canonical.ts'
import { RATER_ROLES, type EvaluationFile } from '../../src/domain/evaluation-file.ts'
import { roundHalfAwayFromZero } from '../../src/domain/round.ts'
import { computeResults } from '../../src/domain/scoring.ts'
import type { Results } from '../../src/domain/results.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderReport } from '../../src/report/render-report.ts'
import { bodyText, flat, pdfFonts, pdfText } from './pdf-tools.ts'

let file: EvaluationFile
let results: Results
let text: string
let fonts: { name: string; emb: string }[]

beforeAll(async () => {
  file = await loadDemoEvaluation()
  results = computeResults(file)
  const pdf = await renderReport(file, { lang: 'vi', creationDate: new Date('2015-05-28T00:00:00Z') })
  mkdirSync('test-artifacts', { recursive: true })
  writeFileSync('test-artifacts/demo-report-vi.pdf', pdf)
  // A few pages as pictures, to look at (not compared: fonts rasterize differently by version).
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '4', 'test-artifacts/demo-report-vi.pdf', 'test-artifacts/demo-report-vi'])
  text = pdfText(pdf)
  fonts = pdfFonts(pdf)
})
afterAll(closeRenderPool)

const comma = (x: number) => roundHalfAwayFromZero(x, 2).toFixed(2).replace('.', ',')

describe('the demo report', () => {
  it('has the official heading from the demo report block', () => {
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc')
    expect(text).toContain(`Số: ${file.report?.number}`)
    expect(text).toContain('Bắc Giang, ngày 28 tháng 5 năm 2015')
  })

  it('shows every candidate total as roundHalfAwayFromZero formats it, and the recommendation', () => {
    const prose = flat(bodyText(text, file.evaluation.title))
    for (const c of results.candidates) expect(prose).toContain(comma(c.score))
    const best = file.candidates.find((c) => c.id === results.recommended)
    expect(best).toBeDefined()
    const score = results.candidates.find((c) => c.id === results.recommended)?.score ?? 0
    expect(prose).toContain(`Theo kết quả chấm điểm, phần mềm ${best?.name} (${best?.vendor}) đạt yêu cầu và có tổng điểm cao nhất (${comma(score)}/100).`)
  })

  it('keeps document numbers whole in justified text (no gap after "/" or "-")', () => {
    // pdfmake once justified "70/TB-UBND" as "70/ TB- UBND": the slack went to break points.
    expect(text).toContain('Thông báo số 70/TB-UBND ngày 03/4/2015')
    expect(text).toContain('2803/BTTTT-THH')
    expect(text).not.toMatch(/\d\/ [A-ZĐ]/)
  })

  it('embeds every font', () => {
    expect(fonts.length).toBeGreaterThanOrEqual(3)
    for (const f of fonts) expect(f.emb).toBe('yes')
  })

  it('carries the hash once, on the last page, and every rater in the appendix', () => {
    expect(text.split('\f').filter((p) => p.includes(evaluationHash(file)))).toHaveLength(1)
    expect(text.split('\f').filter((p) => p.trim()).at(-1)).toContain(`(SHA-256): ${evaluationHash(file)}`)
    const appendix = text.slice(text.indexOf('PHỤ LỤC: PHIẾU CHẤM ĐIỂM'))
    const raters = file.members.filter((m) => RATER_ROLES.includes(m.role))
    expect(raters.length).toBeGreaterThan(3)
    for (const m of raters) expect(appendix).toContain(m.name)
  })

  it('repeats table header rows on continuation pages', () => {
    // The criteria table spans pages: its header row opens the next page too.
    const pages = text.split('\f')
    const withCriteriaHeader = pages.filter((p) => /Mã\s+Tiêu chí\s+Trọng số\s+Điểm tối đa\s+Điểm tối thiểu/.test(p))
    expect(withCriteriaHeader.length).toBeGreaterThanOrEqual(2)
  })
})
