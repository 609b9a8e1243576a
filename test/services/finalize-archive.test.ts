// Finalizing writes the archive or does not happen (§2, STYLE habit 8): the vi and en reports go
// to REPORTS_DIR inside the service that finalizes; a failure leaves the evaluation in review,
// changed in nothing, with a localized reason. A finalized report is served from the archive.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findEvaluationHead } from '../../src/db/evaluation-repository.ts'
import { finalReportName } from '../../src/report/final-reports.ts'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { exportEvaluationFile, reportPdf, transition, updateEvaluation } from '../../src/services/index.ts'
import { pdfText } from '../report/pdf-tools.ts'
import { caught, draftEvaluation, makeFixture, rateAll, snapshot, type Fixture } from './fixture.ts'

afterAll(async () => { await closeRenderPool() })

async function reviewEvaluation(f: Fixture): Promise<number> {
  const id = await draftEvaluation(f)
  await transition(f.db, f.chair, id, { to: 'scoring' })
  await rateAll(f, id, (candidate, criterion) => ({ 'KS.1': candidate === 'A' ? 4 : 2, 'KS.3': 3, 'TD.1': candidate === 'A' ? 5 : 3 })[criterion]!)
  await transition(f.db, f.chair, id, { to: 'review' })
  await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất lựa chọn Phần mềm Alpha.', proposal: 'A' } })
  return id
}

describe('finalize writes the archived reports, or does not happen', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await reviewEvaluation(f)
  })
  afterEach(async () => { await f.close() })

  it('writes <slug>-<12 hex>-<lang>.pdf for vi and en before the move; downloads serve those bytes', async () => {
    expect(await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)).toEqual({ status: 'finalized' })
    const file = await exportEvaluationFile(f.db, id)
    const names = { vi: finalReportName(file, 'vi'), en: finalReportName(file, 'en') }
    expect(readdirSync(f.archive.reportsDir).sort()).toEqual([names.en, names.vi].sort())
    const archived = readFileSync(join(f.archive.reportsDir, names.vi))
    expect(pdfText(archived)).toContain('Alpha')
    // The download is the archived file, byte for byte — even after the file is replaced by
    // something no renderer would produce, which proves nothing is rendered anew.
    const vi = await reportPdf(f.db, f.member1, id, { lang: 'vi', ...f.archive })
    expect(vi.filename).toBe(names.vi)
    expect(vi.pdf.equals(archived)).toBe(true)
    writeFileSync(join(f.archive.reportsDir, names.en), 'the archived bytes')
    const en = await reportPdf(f.db, f.observer, id, { lang: 'en', ...f.archive })
    expect(en.pdf.toString()).toBe('the archived bytes')
    // The move's audit entry names the archived files.
    const entry = await f.db.selectFrom('audit_log').select('after').where('evaluation_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(JSON.parse(entry.after!)).toEqual({ status: 'finalized', archive: names })
  })

  it('reopen, change, finalize again: new files for the new content, the old ones kept', async () => {
    await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)
    const first = readdirSync(f.archive.reportsDir).sort()
    await transition(f.db, f.chair, id, { to: 'review', reason: 'Bổ sung kết luận' })
    await updateEvaluation(f.db, f.chair, id, { report: { conclusion: 'Đề xuất lựa chọn Phần mềm Alpha (bổ sung).' } })
    await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)
    const all = readdirSync(f.archive.reportsDir)
    expect(all).toHaveLength(4)
    for (const name of first) expect(all).toContain(name)
    // Same content again (reopen and finalize with no change): same names, nothing new.
    await transition(f.db, f.chair, id, { to: 'review', reason: 'Xem lại' })
    await transition(f.db, f.chair, id, { to: 'finalized' }, f.archive)
    expect(readdirSync(f.archive.reportsDir)).toHaveLength(4)
  })

  it('REPORTS_DIR unusable (a file in its place): refused with the reason, still in review, nothing changed', async () => {
    const blocked = join(f.dir, 'blocked')
    writeFileSync(blocked, 'not a directory')
    const before = await snapshot(f.db)
    const err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }, { reportsDir: blocked }))
    expect(err.code).toBe('conflict')
    expect(err.message).toContain('không ghi được báo cáo vào thư mục lưu trữ báo cáo')
    expect(err.message).toContain('vẫn ở giai đoạn Xem xét')
    expect(err.localized('en')).toContain('the evaluation stays in review')
    expect(err.message).toMatch(/lỗi E[A-Z]+/)
    expect(await snapshot(f.db)).toEqual(before)
    expect((await findEvaluationHead(f.db, id))!.status).toBe('review')
    // In review the report is still a fresh (draft) rendering, not an archive read.
    expect((await reportPdf(f.db, f.chair, id, { lang: 'vi', reportsDir: blocked })).filename).toBe(`evaluation-${id}-vi.pdf`)
  })

  it('refuses a broken audit chain: nothing written, still in review', async () => {
    await f.db.updateTable('audit_log').set({ reason: 'sửa sau lưng ứng dụng' }).where('evaluation_id', '=', id).where('seq', '=', 3).execute()
    const before = await snapshot(f.db)
    const err = await caught(transition(f.db, f.chair, id, { to: 'finalized' }, f.archive))
    expect(err.code).toBe('conflict')
    expect(err.message).toBe('nhật ký thay đổi không toàn vẹn (kiểm tra chuỗi băm không đạt); không thể hoàn thành đợt đánh giá')
    expect(err.details?.length).toBeGreaterThan(0)
    expect(await snapshot(f.db)).toEqual(before)
    expect(existsSync(f.archive.reportsDir)).toBe(false)
  })
})
