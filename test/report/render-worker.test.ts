// Rendering runs in a worker thread: the main thread's event loop keeps turning while a large
// report (5 candidates × 60 criteria × 15 raters = 75 score sheets) is laid out.
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { renderReport } from '../../src/report/render-report.ts'
import { largeEvaluation } from '../fixtures/report/large-evaluation.ts'
import { pdfPages, pdfText } from './pdf-tools.ts'

afterAll(closeRenderPool)

describe('the render worker', () => {
  it('keeps the main thread responsive during a large render', async () => {
    const file = assertEvaluationFile(largeEvaluation())
    let ticks = 0
    let done = false
    const timer = setInterval(() => {
      if (!done) ticks++
    }, 5)
    try {
      const pdf = await renderReport(file, { lang: 'vi', creationDate: new Date('2015-05-05T00:00:00Z') })
      done = true
      // A synchronous in-thread layout would block the interval for its whole duration.
      expect(ticks).toBeGreaterThan(10)
      const text = pdfText(pdf)
      expect(text.match(/\(Ký và ghi rõ họ tên\)/g)).toHaveLength(75)
      expect(pdfPages(pdf)).toBeGreaterThan(75)
    } finally {
      clearInterval(timer)
    }
  })

  it('reports a failure as a rejected promise and keeps serving', async () => {
    const broken = { ...largeEvaluation(1, 1), criteria: null } as never
    await expect(renderReport(broken, { lang: 'vi' })).rejects.toThrow()
    const ok = await renderReport(assertEvaluationFile(largeEvaluation(1, 1)), { lang: 'en' })
    expect(ok.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('works under tsx too, and lets the process exit when done (the worker is unref\'d)', () => {
    const root = resolve(import.meta.dirname, '..', '..')
    const out = execFileSync(join(root, 'node_modules/.bin/tsx'), ['test/fixtures/report/render-small.ts'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect(out).toMatch(/^%PDF- \d{5,}\n$/)
  })

  it('renders several jobs queued at once, each with its own result', async () => {
    const small = assertEvaluationFile(largeEvaluation(1, 1))
    const [vi, en] = await Promise.all([renderReport(small, { lang: 'vi' }), renderReport(small, { lang: 'en' })])
    expect(pdfText(vi)).toContain('PHỤ LỤC: PHIẾU CHẤM ĐIỂM')
    expect(pdfText(en)).toContain('APPENDIX: SCORE SHEETS')
  })
})
