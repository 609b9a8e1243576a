import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { evaluationHash } from '../../src/domain/canonical.ts'
import { assertEvaluationFile } from '../../src/domain/evaluation-file.ts'
import { finalReportName, writeFinalReports } from '../../src/report/final-reports.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { finalized, smallEvaluation } from '../fixtures/report/small-evaluation.ts'
import { pdfText } from './pdf-tools.ts'

const dir = mkdtempSync(join(tmpdir(), 'final-reports-'))
afterAll(async () => {
  await closeRenderPool()
  rmSync(dir, { recursive: true, force: true })
})

describe('writeFinalReports', () => {
  const file = assertEvaluationFile(finalized(smallEvaluation()))
  const hash = evaluationHash(file)

  it('names files <slug>-<12 hex>-<lang>.pdf', () => {
    expect(finalReportName(file, 'vi')).toBe(`danh-gia-02-phan-mem-quan-ly-van-ban-va-dieu-hanh-cong-viec-${hash.slice(0, 12)}-vi.pdf`)
  })

  it('writes the vi and en reports, without a watermark, and leaves no temp file', async () => {
    const paths = await writeFinalReports(file, dir)
    expect(basename(paths.vi)).toBe(finalReportName(file, 'vi'))
    expect(basename(paths.en)).toBe(finalReportName(file, 'en'))
    expect(readdirSync(dir).sort()).toEqual([basename(paths.en), basename(paths.vi)].sort())
    const vi = readFileSync(paths.vi)
    expect(vi.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdfText(vi)).toContain(`(SHA-256): ${hash}`)
    expect(pdfText(readFileSync(paths.en))).toContain('I. BASIS')
  })

  it('gives the same bytes for the same data (dates come from the data, not the clock)', async () => {
    const other = mkdtempSync(join(dir, 'again-'))
    const again = await writeFinalReports(structuredClone(file), other)
    const first = join(dir, finalReportName(file, 'vi'))
    expect(readFileSync(again.vi).equals(readFileSync(first))).toBe(true)
  })

  it('never overwrites an existing file of that name', async () => {
    const path = join(dir, finalReportName(file, 'vi'))
    writeFileSync(path, 'kept')
    const paths = await writeFinalReports(file, dir)
    expect(paths.vi).toBe(path)
    expect(readFileSync(path, 'utf8')).toBe('kept')
  })

  it('refuses an evaluation that is not finalized', async () => {
    await expect(writeFinalReports(assertEvaluationFile(smallEvaluation()), dir)).rejects.toThrow(/finalized/)
  })
})
