// The API's workbook upload, POST /api/v1/evaluations/:id/sheets/:member: multipart/form-data
// (the one API route that is not JSON; see plugins/api-guard.ts), CSRF token in x-csrf-token as
// the sheet's download gives it. A correct sheet applies every rating; one bad cell → 400 with
// `Sheet!Cell` details and nothing applied; no token → 403; too large → 413.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportEvaluationFile } from '../../src/services/index.ts'
import { api, committee, move, snapshot, type Committee } from '../http/helpers.ts'
import { exchangeApp, fillSheet, leavesOf, multipart, xlsxPart } from './helpers.ts'

let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee
let leaves: { id: string; passFail: boolean }[]

beforeAll(async () => {
  t = await exchangeApp()
  c = await committee(t.app)
  leaves = leavesOf((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json().criteria)
  await move(t.app, c, 'scoring')
  // m4 (member2) rates on paper and declares personally; the secretary enters their sheet.
  await api(t.app, c.cookies.member2, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
}, 60_000)
afterAll(async () => { await t.close() })

describe('POST /api/v1/evaluations/:id/sheets/:member (multipart)', () => {
  it('applies a correct sheet (token from the download), refuses a bad cell with 400 and `Sheet!Cell` details, and a missing token with 403', async () => {
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/sheets/m4.xlsx`, headers: { cookie: c.cookies.secretary } })
    const token = String(dl.headers['x-csrf-token'])
    const post = (buffer: Buffer, fields: Record<string, string> = {}, headers: Record<string, string> = { 'x-csrf-token': token }) => {
      const { payload, contentType } = multipart({ ...fields, workbook: xlsxPart(buffer) })
      return t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${c.id}/sheets/m4`, headers: { cookie: c.cookies.secretary, 'content-type': contentType, ...headers }, payload })
    }
    const all = leaves.flatMap((l, i) => ['A', 'B'].map((cand) => [l.id, cand, l.passFail ? 'Không đạt' : i % 6] as [string, string, string | number]))
    const bad = [...all]
    const k = bad.findIndex(([id]) => !leaves.find((l) => l.id === id)!.passFail)
    bad[k] = [bad[k]![0], bad[k]![1], 6]
    const badSheet = await fillSheet(dl.rawPayload, bad)
    const before = await snapshot(t.db)
    const refused = await post(badSheet.buffer, { reason: 'Phiếu giấy' })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().error).toMatchObject({ code: 'validation', message: 'phiếu chấm điểm không được nhận; chưa có điểm nào được ghi' })
    expect(refused.json().error.details).toEqual([{ path: `${badSheet.sheet}!${badSheet.cells[k]}`, message: '6 nằm ngoài thang điểm 0–5' }])
    expect((await post(badSheet.buffer, { reason: 'Phiếu giấy' }, {})).statusCode).toBe(403)
    expect(await snapshot(t.db)).toBe(before)
    const good = await fillSheet(dl.rawPayload, all)
    const res = await post(good.buffer, { reason: 'Phiếu giấy' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ saved: leaves.length * 2, filled: leaves.length * 2 })
    expect((await exportEvaluationFile(t.db, c.id)).ratings.filter((r) => r.member === 'm4')).toHaveLength(leaves.length * 2)
  })

  it('a file above the limit → 413; a body that is not multipart → 415; nothing changed', async () => {
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/sheets/m3.xlsx`, headers: { cookie: c.cookies.secretary } })
    const token = String(dl.headers['x-csrf-token'])
    const before = await snapshot(t.db)
    const { payload, contentType } = multipart({ workbook: xlsxPart(Buffer.alloc(5 * 1024 * 1024, 7)) })
    const big = await t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${c.id}/sheets/m3`, headers: { cookie: c.cookies.secretary, 'content-type': contentType, 'x-csrf-token': token }, payload })
    expect(big.statusCode).toBe(413)
    expect(big.json().error.code).toBe('too_large')
    const text = await t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${c.id}/sheets/m3`, headers: { cookie: c.cookies.secretary, 'content-type': 'text/plain', 'x-csrf-token': token }, payload: 'x' })
    expect(text.statusCode).toBe(415)
    expect(await snapshot(t.db)).toBe(before)
  })
})
