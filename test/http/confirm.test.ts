// Issue #11 items 3, 4 and 8 without a browser: forms refused with the message beside the field in
// plain words (never a path, a zod phrase or a code), confirmations on their own page (no
// JavaScript) for every stage move and delete, scoring → draft per §2, the member picker, and the
// own-password page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, login, move, PASSWORD, snapshot, testApp, type Committee, type TestApp } from './helpers.ts'

describe('forms, confirmations and scoring → draft', () => {
  let t: TestApp
  let c: Committee
  const get = (who: keyof Committee['cookies'], url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
  const csrfOf = async (who: keyof Committee['cookies'], url: string) => /name="_csrf" value="([^"]+)"/.exec((await get(who, url)).body)![1]!
  const post = async (who: keyof Committee['cookies'], from: string, url: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams({ _csrf: await csrfOf(who, from) })
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
    return t.app.inject({ method: 'POST', url, headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() })
  }
  /** The text beside a field (`err-<form>-<field>`), as the reader sees it. */
  const beside = (html: string, id: string) => new RegExp(`id="err-${id.replace(/\./g, '\\.')}">([^<]*)<`).exec(html)?.[1]

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('a refused details form: 400, the page again, each message beside its field in words, typed values kept, nothing saved', async () => {
    const before = await snapshot(t.db)
    const res = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/details`, {
      title: '', basis: 'Căn cứ đã gõ', aggregation: 'mean', threshold: 'bảy mươi', deadline: '25/5/2015',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(beside(res.body, 'details-title')).toBe('Cần điền mục này.')
    expect(beside(res.body, 'details-threshold')).toBe('Cần một con số, ví dụ 2 hoặc 2,5.')
    expect(beside(res.body, 'details-deadline')).toBeDefined()
    expect(res.body).toContain('Căn cứ đã gõ')
    expect(res.body).toContain('value="bảy mươi"')
    expect(res.body).toContain('aria-invalid="true"')
    // Nothing developer-grade: no field codes, no zod phrases, no regex.
    expect(res.body).not.toMatch(/<code>|mong đợi|string có|\^\\d|Quá nhỏ/)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('a service refusal names things by name: a criterion code already used', async () => {
    const res = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/criteria/add`, { parent: 'A', id: 'A.1', title: 'Trùng mã', type: 'scored', weight: '1' })
    expect(res.statusCode).toBe(409)
    const msg = beside(res.body, 'criterion-id')!
    expect(msg).toMatch(/đã được dùng/)
    expect(msg).not.toContain('"A.1"')
  })

  it('a weight that is not a number is refused beside its box, naming nothing by path', async () => {
    const res = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/criteria/weights`, { 'w.A.1': 'abc' })
    expect(res.statusCode).toBe(400)
    expect(beside(res.body, 'weights-w.A.1')).toBe('Trọng số phải là một số không âm, ví dụ 2 hoặc 2,5 (đang nhập: abc).')
    expect(res.body).not.toContain('w.A.1: abc')
  })

  it('the member picker adds several at once; an unknown username is refused beside the picker', async () => {
    const admin = await login(t.app, 'admin')
    for (const u of ['tv7', 'tv8']) expect((await api(t.app, admin, 'POST', '/users', { username: u, password: PASSWORD, displayName: `Thành viên ${u}` })).statusCode).toBe(201)
    const page = await get('secretary', `/evaluations/${c.id}`)
    expect(page.body).toContain('value="tv7"')
    expect(page.body).not.toContain('value="member1"') // already on the committee
    const added = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/members`, { usernames: ['tv7', 'tv8'], role: 'member' })
    expect(added.statusCode).toBe(303)
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json() as { members: { username: string }[] }
    expect(ev.members.map((m) => m.username)).toEqual(expect.arrayContaining(['tv7', 'tv8']))
    const none = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/members`, { role: 'member' })
    expect(none.statusCode).toBe(400)
    expect(beside(none.body, 'member-usernames')).toBe('Hãy chọn ít nhất một mục.')
    const unknown = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/members`, { usernames: 'khongco', role: 'member' })
    expect(unknown.statusCode).toBe(400)
    expect(beside(unknown.body, 'member-usernames')).toContain('khongco')
  })

  it('every delete and stage move has a confirm page saying what will happen', async () => {
    const group = await get('secretary', `/evaluations/${c.id}/confirm?do=delete-criterion%3AA`)
    expect(group.statusCode).toBe(200)
    expect(group.body).toMatch(/Xóa nhóm “[^”]+”\?/)
    expect(group.body).toMatch(/cùng 5 mục bên trong/)
    expect(group.body).toContain(`action="/evaluations/${c.id}/criteria/A/delete"`)
    expect(group.body).toContain(`href="/evaluations/${c.id}#criteria"`)
    const cand = await get('secretary', `/evaluations/${c.id}/confirm?do=delete-candidate%3AB`)
    expect(cand.body).toContain(`action="/evaluations/${c.id}/candidates/B/delete"`)
    const member = await get('secretary', `/evaluations/${c.id}/confirm?do=delete-member%3Am4`)
    expect(member.body).toContain(`action="/evaluations/${c.id}/members/m4/delete"`)
    const start = await get('chair', `/evaluations/${c.id}/confirm?do=transition%3Ascoring`)
    expect(start.body).toContain('Bắt đầu chấm điểm?')
    expect(start.body).toContain('name="to" value="scoring"')
    const nonsense = await get('chair', `/evaluations/${c.id}/confirm?do=transition%3Afinalized`)
    expect(nonsense.body).toContain('Thao tác này không còn thực hiện được')
    // The setup page's buttons are links to these pages, each with its dialog text.
    const setup = await get('chair', `/evaluations/${c.id}`)
    expect(setup.body.replaceAll('&#x3D;', '=')).toContain(`href="/evaluations/${c.id}/confirm?do=transition%3Ascoring"`)
    expect(setup.body).toContain('data-confirm-dialog')
    expect(setup.body).not.toMatch(/<form[^>]*\/delete"/)
  })

  it('scoring → draft (§2): a reason is needed (400), refused once someone rated (409), else done and audited', async () => {
    await move(t.app, c, 'scoring')
    const before = await snapshot(t.db)
    const noReason = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'draft' })
    expect(noReason.statusCode).toBe(400)
    expect(await snapshot(t.db)).toBe(before)
    const page = await post('chair', `/evaluations/${c.id}`, `/evaluations/${c.id}/transitions`, { to: 'draft', reason: '' })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('cần nêu lý do')
    const back = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'draft', reason: 'Bổ sung tiêu chí' })
    expect(back.statusCode, back.body).toBe(200)
    const audit = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { action: string; reason: string | null; after: { status: string } }[]
    expect(audit.at(-1)).toMatchObject({ action: 'evaluation.transition', reason: 'Bổ sung tiêu chí', after: { status: 'draft' } })
    await move(t.app, c, 'scoring')
    await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 3 })).statusCode).toBe(200)
    const rated = await snapshot(t.db)
    const refused = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'draft', reason: 'Muộn rồi' })
    expect(refused.statusCode).toBe(409)
    expect(JSON.stringify(refused.json().error.details)).toContain('đã có 1 điểm được chấm')
    expect(await snapshot(t.db)).toBe(rated)
  })

  it('the sheet: "chưa chấm xong" until complete; a comment with no level is kept and asked for its level', async () => {
    const sheet = await get('member1', `/evaluations/${c.id}/sheet?candidate=A`)
    expect(sheet.body).toContain('Chưa chấm xong')
    expect(sheet.body).not.toContain('KHÔNG ĐẠT')
    const before = await snapshot(t.db)
    const res = await post('member1', `/evaluations/${c.id}/sheet?candidate=A`, `/evaluations/${c.id}/sheet/A`, { 'v.A.1': '3', 'c.A.2': 'Có minh chứng, chưa chọn mức' })
    expect(res.statusCode).toBe(400)
    expect(beside(res.body, 'sheet-c.A.2')).toBe('Hãy chọn mức điểm để lưu nhận xét này.')
    expect(res.body).toContain('Có minh chứng, chưa chọn mức')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('everyone changes their own password on /account, with the current one', async () => {
    expect((await get('member2', '/account')).statusCode).toBe(200)
    const wrong = await post('member2', '/account', '/account/password', { currentPassword: 'sai-mat-khau', password: 'mat-khau-moi-2', confirm: 'mat-khau-moi-2' })
    expect(wrong.statusCode).toBe(400)
    expect(beside(wrong.body, 'own-currentPassword')).toBeDefined()
    const differ = await post('member2', '/account', '/account/password', { currentPassword: PASSWORD, password: 'mat-khau-moi-2', confirm: 'khac-hẳn' })
    expect(beside(differ.body, 'own-confirm')).toBe('Hai lần nhập mật khẩu mới không giống nhau.')
    const ok = await post('member2', '/account', '/account/password', { currentPassword: PASSWORD, password: 'mat-khau-moi-2', confirm: 'mat-khau-moi-2' })
    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toBe('/account?done=passwordChanged')
    await login(t.app, 'member2', 'mat-khau-moi-2')
  })

  it('the list page offers the QLVB&ĐHCV catalog first and the chair from the accounts', async () => {
    const list = await get('admin', '/evaluations')
    const options = [...list.body.matchAll(/<option value="([^"]+@[^"]+)"/g)].map((m) => m[1])
    expect(options[0]).toMatch(/^qlvb-dhcv-2015@/)
    expect(list.body).toContain('<option value="chair">')
  })
})
