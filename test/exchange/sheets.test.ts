// The secretary's Excel round trip (§2, §5): a paper rater's score sheet (member2 = m4, marked
// in draft as rating on paper) downloaded (blank during scoring), filled in as Excel would,
// uploaded through the page's form with a reason — every rating applied and audited on the
// rater's behalf; one bad cell applies nothing and names the cell; a sheet of another rater or
// another evaluation is refused; a rater not on paper is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportEvaluationFile, verifyAudit } from '../../src/services/index.ts'
import { api, committee, move, snapshot, type Committee } from '../http/helpers.ts'
import { cellOf, csrfOf, exchangeApp, fillSheet, leavesOf, loadWorkbook, page, postForm, xlsxPart } from './helpers.ts'

let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee
let leaves: { id: string; passFail: boolean }[]
let token: string

const sheetUrl = (member: string, id = c.id) => `/api/v1/evaluations/${id}/sheets/${member}.xlsx`
async function download(member: string, id = c.id): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url: sheetUrl(member, id), headers: { cookie: c.cookies.secretary } })
  if (res.statusCode !== 200) throw new Error(`sheet ${member}: ${res.statusCode} ${res.body}`)
  return res.rawPayload
}
/** Every cell of both candidates: level (i + k) mod 6, pass/fail "Đạt". */
const everything = (k: number) => leaves.flatMap((l, i) => (['A', 'B'] as const).map((cand) => [l.id, cand, l.passFail ? 'Đạt' : (i + k) % 6] as [string, string, string | number]))
const upload = (buffer: Buffer, member: string, extra: Record<string, string> = { reason: 'Phiếu chấm trên giấy, ký ngày 12/5/2015' }) =>
  postForm(t.app, c.cookies.secretary, `/evaluations/${c.id}/sheets`, { _csrf: token, member, ...extra, workbook: xlsxPart(buffer) })
const ratingsOf = async (member: string) => (await exportEvaluationFile(t.db, c.id)).ratings.filter((r) => r.member === member)

beforeAll(async () => {
  t = await exchangeApp()
  c = await committee(t.app)
  leaves = leavesOf((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json().criteria)
  await move(t.app, c, 'scoring')
  token = csrfOf((await page(t.app, c.cookies.secretary, `/evaluations/${c.id}/exchange`)).body)
}, 60_000)
afterAll(async () => { await t.close() })

describe('score sheets in Excel (secretary)', () => {
  it('the exchange page offers each paper rater\'s sheet and the upload form to the secretary only', async () => {
    const mine = await page(t.app, c.cookies.secretary, `/evaluations/${c.id}/exchange`)
    expect(mine.statusCode).toBe(200)
    expect(mine.body).toContain(`/api/v1/evaluations/${c.id}/sheets/m4.xlsx`)
    expect(mine.body).not.toContain(`/api/v1/evaluations/${c.id}/sheets/m3.xlsx`) // member1 rates online
    expect(mine.body).toContain('enctype="multipart/form-data"')
    expect(mine.body).toContain('Phiếu chấm điểm của Người dùng member2 (.xlsx)')
    // Strict CSP: no inline script, no style attribute (as every page).
    expect(mine.body).not.toMatch(/\sstyle=|<script(?![^>]*\ssrc=)/)
    const en = await page(t.app, c.cookies.secretary, `/evaluations/${c.id}/exchange?lang=en`)
    expect(en.body).toContain('Score sheet of Người dùng member2 (.xlsx)')
    expect(en.body).toContain('Upload a filled-in score sheet')
    const member = await page(t.app, c.cookies.member1, `/evaluations/${c.id}/exchange`)
    expect(member.statusCode).toBe(200)
    expect(member.body).not.toContain('/sheets/m4.xlsx')
    expect(member.body).not.toContain('enctype="multipart/form-data"')
  })

  it('downloads: secretary only; raters only; blank during scoring even after the rater rated (blind)', async () => {
    expect((await t.app.inject({ method: 'GET', url: sheetUrl('m3'), headers: { cookie: c.cookies.chair } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: sheetUrl('m3'), headers: { cookie: c.cookies.member1 } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: sheetUrl('m2'), headers: { cookie: c.cookies.secretary } })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: sheetUrl('m9'), headers: { cookie: c.cookies.secretary } })).statusCode).toBe(404)
    // member1 (m3) declares and rates A on the first criterion: 4.
    expect((await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })).statusCode).toBe(204)
    const first = leaves.find((l) => !l.passFail)!
    expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/${first.id}`, { value: 4 })).statusCode).toBe(200)
    const res = await t.app.inject({ method: 'GET', url: sheetUrl('m3'), headers: { cookie: c.cookies.secretary } })
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const ws = (await loadWorkbook(res.rawPayload)).worksheets[0]!
    expect(ws.getCell(cellOf(ws, first.id, 'A')).value).toBeNull()
    // The level cell is the right one: in review the same cell shows the rating (test below).
    expect(ws.getCell(cellOf(ws, first.id, 'A')).dataValidation.type).toBe('list')
  })

  it('a correct sheet applies every rating, audited as entered by the secretary on the rater\'s behalf', async () => {
    // member2 (m4) rates on paper. No reason: refused. Not declared yet: refused — the declaration
    // is personal, the secretary cannot make it for them; member2 signs in and declares.
    const filled = await fillSheet(await download('m4'), everything(1))
    const noReason = await upload(filled.buffer, 'm4', {})
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('cần nêu lý do nhập thay phiếu chấm điểm')
    const refused = await upload(filled.buffer, 'm4')
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toContain('chưa tự ghi cam kết không xung đột lợi ích')
    expect((await api(t.app, c.cookies.member2, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })).statusCode).toBe(204)
    const res = await upload(filled.buffer, 'm4')
    expect(res.statusCode, res.body).toBe(303)
    expect(String(res.headers.location)).toContain(`done=sheetApplied&saved=${leaves.length * 2}&`)
    const saved = await ratingsOf('m4')
    expect(saved).toHaveLength(leaves.length * 2)
    leaves.forEach((l, i) => {
      for (const cand of ['A', 'B']) {
        const r = saved.find((x) => x.candidate === cand && x.criterion === l.id)!
        if (l.passFail) expect(r.pass).toBe(true)
        else expect(r.value).toBe((i + 1) % 6)
      }
    })
    const secretaryId = (await t.db.selectFrom('users').select('id').where('username', '=', 'secretary').executeTakeFirstOrThrow()).id
    const audit = await t.db.selectFrom('audit_log').selectAll().where('evaluation_id', '=', c.id).where('action', '=', 'rating.save').where('on_behalf_of', '=', 'm4').execute()
    expect(audit).toHaveLength(leaves.length * 2)
    expect(new Set(audit.map((a) => a.actor_user_id))).toEqual(new Set([secretaryId]))
    expect((await verifyAudit(t.db, c.id)).ok).toBe(true)
  })

  it('one bad cell: nothing applied, the page lists that cell by sheet and address', async () => {
    const entries = everything(2)
    const bad = entries.findIndex(([criterion, cand]) => cand === 'B' && !leaves.find((l) => l.id === criterion)!.passFail)
    entries[bad] = [entries[bad]![0], 'B', 9]
    const filled = await fillSheet(await download('m4'), entries)
    const before = await snapshot(t.db)
    const res = await upload(filled.buffer, 'm4')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(`${filled.sheet}!${filled.cells[bad]}`)
    expect(res.body).toContain('9 nằm ngoài thang điểm 0–5')
    expect(res.body).toContain('chưa có điểm nào được ghi')
    expect(await snapshot(t.db)).toBe(before)
    // Two bad cells: both named.
    const two = everything(2)
    const pf = two.findIndex(([criterion]) => leaves.find((l) => l.id === criterion)!.passFail)
    two[pf] = [two[pf]![0], two[pf]![1], 'có lẽ']
    two[bad] = [two[bad]![0], 'B', 'bốn']
    const filled2 = await fillSheet(await download('m4'), two)
    const res2 = await upload(filled2.buffer, 'm4')
    expect(res2.statusCode).toBe(400)
    expect(res2.body).toContain(`${filled2.sheet}!${filled2.cells[pf]}`)
    expect(res2.body).toContain(`${filled2.sheet}!${filled2.cells[bad]}`)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('a sheet of another rater is refused, naming whose it is', async () => {
    const filled = await fillSheet(await download('m3'), everything(3))
    const before = await snapshot(t.db)
    const res = await upload(filled.buffer, 'm4')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('phiếu này là của thành viên')
    expect(res.body).toContain('Người dùng member1')
    // And member1 (m3) rates online: their own sheet is not the secretary's to enter (403).
    const notPaper = await upload(filled.buffer, 'm3')
    expect(notPaper.statusCode).toBe(403)
    expect(notPaper.body).toContain('không chấm trên giấy')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('a sheet of another evaluation is refused', async () => {
    const created = await api(t.app, c.cookies.admin, 'POST', '/evaluations', { title: 'Đợt đánh giá khác', catalogId: 'qlvb-dhcv-2015', chair: 'chair' })
    const other = created.json().id as number
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/candidates`, { name: 'Phần mềm A' })
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/candidates`, { name: 'Phần mềm B' })
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/members`, { username: 'secretary', role: 'secretary' })
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/members`, { username: 'member1', role: 'member' })
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/members`, { username: 'member2', role: 'member', paper: true })
    expect((await api(t.app, c.cookies.chair, 'POST', `/evaluations/${other}/transitions`, { to: 'scoring' })).statusCode).toBe(200)
    // Same criteria, same candidates, same member code m4: only the evaluation differs.
    const filled = await fillSheet(await download('m4', other), everything(3))
    const before = await snapshot(t.db)
    const res = await upload(filled.buffer, 'm4')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('phiếu này thuộc đợt đánh giá')
    expect(res.body).toContain('Đợt đánh giá khác')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('not a workbook, no file, no CSRF token, too large: refused, nothing changed', async () => {
    const before = await snapshot(t.db)
    const junk = await upload(Buffer.from('không phải Excel'), 'm4')
    expect(junk.statusCode).toBe(400)
    expect(junk.body).toContain('không đọc được tệp Excel')
    const none = await postForm(t.app, c.cookies.secretary, `/evaluations/${c.id}/sheets`, { _csrf: token, member: 'm4', reason: 'Phiếu giấy' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('chưa chọn tệp Excel')
    const filled = await fillSheet(await download('m4'), everything(4))
    const noToken = await postForm(t.app, c.cookies.secretary, `/evaluations/${c.id}/sheets`, { member: 'm4', reason: 'Phiếu giấy', workbook: xlsxPart(filled.buffer) })
    expect(noToken.statusCode).toBe(403)
    const big = await upload(Buffer.alloc(5 * 1024 * 1024, 1), 'm4')
    expect(big.statusCode).toBe(413)
    const chair = await postForm(t.app, c.cookies.chair, `/evaluations/${c.id}/sheets`, {
      _csrf: csrfOf((await page(t.app, c.cookies.chair, `/evaluations/${c.id}/exchange`)).body), member: 'm4', reason: 'Phiếu giấy', workbook: xlsxPart(filled.buffer),
    })
    expect(chair.statusCode).toBe(403)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('in review: the sheet comes pre-filled; a changed cell needs a reason and only changes are written', async () => {
    // The chair and member1 rate online themselves; m4's paper sheet is entered again (the
    // secretary may correct what the secretary entered).
    for (const who of ['chair', 'member1'] as const) {
      await api(t.app, c.cookies[who], 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
      for (const [i, l] of leaves.entries()) {
        for (const cand of ['A', 'B']) {
          const r = await api(t.app, c.cookies[who], 'PUT', `/evaluations/${c.id}/ratings/${cand}/${l.id}`, l.passFail ? { pass: true } : { value: i % 6 })
          expect(r.statusCode).toBe(200)
        }
      }
    }
    const again = await upload((await fillSheet(await download('m4'), everything(2))).buffer, 'm4', { reason: 'Nhập lại theo phiếu giấy' })
    expect(again.statusCode, again.body).toBe(303)
    await move(t.app, c, 'review')
    const first = leaves.find((l) => !l.passFail)!
    const sheet = await download('m4')
    const ws = (await loadWorkbook(sheet)).worksheets[0]!
    expect(ws.getCell(cellOf(ws, first.id, 'A')).value).toBe(2)
    const changed = await fillSheet(sheet, [[first.id, 'A', 5]])
    const before = await snapshot(t.db)
    const noReason = await upload(changed.buffer, 'm4', {})
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('cần nêu lý do')
    expect(await snapshot(t.db)).toBe(before)
    const res = await upload(changed.buffer, 'm4', { reason: 'Thành viên sửa sau khi thảo luận' })
    expect(res.statusCode, res.body).toBe(303)
    expect(String(res.headers.location)).toContain('done=sheetApplied&saved=1&')
    expect((await ratingsOf('m4')).find((r) => r.candidate === 'A' && r.criterion === first.id)!.value).toBe(5)
    const last = await t.db.selectFrom('audit_log').selectAll().where('evaluation_id', '=', c.id).orderBy('seq', 'desc').executeTakeFirstOrThrow()
    expect(last).toMatchObject({ action: 'rating.save', on_behalf_of: 'm4', reason: 'Thành viên sửa sau khi thảo luận' })
    expect((await verifyAudit(t.db, c.id)).ok).toBe(true)
  })
})
