// On-behalf entry through the workbook upload and the rater's sheet page (§2): an upload never
// replaces the rater's own online ratings (409, naming the sheet's cells, nothing written); a
// rater not on paper is refused (403); the paper rater's sheet page marks what the secretary
// entered ("Do thư ký nhập thay"); the member form sets `paper`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportEvaluationFile } from '../../src/services/index.ts'
import { api, committee, move, snapshot, type Committee } from '../http/helpers.ts'
import { exchangeApp, fillSheet, leavesOf, multipart, page, xlsxPart } from './helpers.ts'

let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee
let leaves: { id: string; passFail: boolean }[]

beforeAll(async () => {
  t = await exchangeApp()
  c = await committee(t.app) // m4 = member2 rates on paper
  leaves = leavesOf((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json().criteria)
  await move(t.app, c, 'scoring')
  await api(t.app, c.cookies.member2, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
  await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
}, 60_000)
afterAll(async () => { await t.close() })

async function post(member: string, entries: [string, string, string | number][], reason = 'Phiếu chấm trên giấy ngày 12/5') {
  const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/sheets/${member}.xlsx`, headers: { cookie: c.cookies.secretary } })
  const filled = await fillSheet(dl.rawPayload, entries)
  const { payload, contentType } = multipart({ reason, workbook: xlsxPart(filled.buffer) })
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/evaluations/${c.id}/sheets/${member}`,
    headers: { cookie: c.cookies.secretary, 'content-type': contentType, 'x-csrf-token': String(dl.headers['x-csrf-token']) }, payload,
  })
  return { res, filled }
}

describe('on-behalf entry through the sheet upload, and the marker on the rater’s sheet', () => {
  it('refuses a rater who does not rate on paper: 403 with a clear message, nothing changed', async () => {
    const first = leaves.find((l) => !l.passFail)!
    const before = await snapshot(t.db)
    const { res } = await post('m3', [[first.id, 'A', 3]])
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('thành viên "m3" không chấm trên giấy') })
    expect(await snapshot(t.db)).toBe(before)
  })

  it('never over the rater’s own online ratings: 409 naming each cell, nothing written; other candidates go in', async () => {
    const [first, second] = leaves.filter((l) => !l.passFail)
    expect((await api(t.app, c.cookies.member2, 'PUT', `/evaluations/${c.id}/ratings/A/${first!.id}`, { value: 5, comment: 'Tự chấm trực tuyến' })).statusCode).toBe(200)
    const before = await snapshot(t.db)
    const { res, filled } = await post('m4', [[first!.id, 'A', 1], [second!.id, 'A', 2], [first!.id, 'B', 3]])
    expect(res.statusCode).toBe(409)
    const error = res.json().error
    expect(error.code).toBe('conflict')
    expect(error.message).toBe('thành viên "m4" đã tự chấm trực tuyến; thư ký không nhập thay, không ghi đè: chưa ghi gì')
    // The two cells of candidate A, by sheet and address; B's cell is not refused.
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual([`${filled.sheet}!${filled.cells[0]}`, `${filled.sheet}!${filled.cells[1]}`].sort())
    expect(await snapshot(t.db)).toBe(before)
    const own = (await exportEvaluationFile(t.db, c.id)).ratings.filter((r) => r.member === 'm4')
    expect(own).toEqual([{ member: 'm4', candidate: 'A', criterion: first!.id, value: 5, comment: 'Tự chấm trực tuyến' }])
    // B alone: accepted, stored as entered on the rater's behalf (the §9 file says so too).
    const ok = await post('m4', [[first!.id, 'B', 3], [second!.id, 'B', 4]])
    expect(ok.res.statusCode, ok.res.body).toBe(200)
    const file = await exportEvaluationFile(t.db, c.id)
    expect(file.ratings.filter((r) => r.member === 'm4' && r.candidate === 'B').map((r) => [r.criterion, r.value, r.onBehalf])).toEqual([
      [first!.id, 3, true], [second!.id, 4, true],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))))
    expect(file.members.find((m) => m.id === 'm4')!.paper).toBe(true)
  })

  it('the paper rater’s sheet marks the ratings the secretary entered, and only those', async () => {
    const [first] = leaves.filter((l) => !l.passFail)
    const b = await page(t.app, c.cookies.member2, `/evaluations/${c.id}/sheet?candidate=B`)
    expect(b.statusCode).toBe(200)
    expect(b.body.match(/Do thư ký nhập thay từ phiếu chấm trên giấy/g)).toHaveLength(2)
    const a = await page(t.app, c.cookies.member2, `/evaluations/${c.id}/sheet?candidate=A`)
    expect(a.body).not.toContain('Do thư ký nhập thay')
    const en = await page(t.app, c.cookies.member2, `/evaluations/${c.id}/sheet?candidate=B&lang=en`)
    expect(en.body).toContain('Entered by the secretary from the paper score sheet')
    // The API says it per rating.
    const mine = (await api(t.app, c.cookies.member2, 'GET', `/evaluations/${c.id}/ratings`)).json()
    expect(mine.find((r: { candidate: string; criterion: string }) => r.candidate === 'B' && r.criterion === first!.id).onBehalf).toBe(true)
    expect(mine.find((r: { candidate: string }) => r.candidate === 'A').onBehalf).toBeUndefined()
  })

  it('the setup page’s member form sets `paper` in draft; the API takes it on POST and PATCH …/members', async () => {
    const created = await api(t.app, c.cookies.admin, 'POST', '/evaluations', { title: 'Đợt có thành viên chấm giấy', catalogId: 'qlvb-dhcv-2015', chair: 'chair' })
    const id = created.json().id as number
    const setup = await page(t.app, c.cookies.chair, `/evaluations/${id}`)
    expect(setup.body).toContain('name="paper"')
    expect(setup.body).toContain('Chấm trên giấy (thư ký nhập thay phiếu chấm điểm)')
    expect((await api(t.app, c.cookies.chair, 'POST', `/evaluations/${id}/members`, { username: 'member1', role: 'member', paper: true })).statusCode).toBe(201)
    expect((await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${id}/members/m2`, { paper: false })).statusCode).toBe(204)
    expect((await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${id}/members/m2`, { paper: 'yes' })).statusCode).toBe(400)
    const bad = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${id}/members`, { username: 'observer', role: 'observer', paper: true })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details).toEqual([{ path: 'paper', message: 'chỉ thành viên chấm điểm (tổ trưởng, thành viên) mới chấm trên giấy' }])
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${id}`)).json()
    expect(ev.members.map((m: { id: string; paper: boolean }) => [m.id, m.paper])).toEqual([['m1', false], ['m2', false]])
  })
})
