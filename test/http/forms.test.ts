// The pages' forms without JavaScript: admin users (add, reset password), setup (details with the
// report block, weights, AHP with its consistency check), the declaration with a conflict, the
// history filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, login, move, snapshot, testApp, type Committee, type TestApp } from './helpers.ts'

describe('forms', () => {
  let t: TestApp
  let c: Committee
  const get = (who: keyof Committee['cookies'], url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
  const csrfOf = async (who: keyof Committee['cookies'], url: string) => /name="_csrf" value="([^"]+)"/.exec((await get(who, url)).body)![1]!
  const post = async (who: keyof Committee['cookies'], from: string, url: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST', url, headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: await csrfOf(who, from), ...form }).toString(),
    })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('the admin adds a user and resets a password; others may not see the page', async () => {
    const added = await post('admin', '/admin/users', '/admin/users', { username: 'thanhvien9', displayName: 'Đỗ Văn Chín', password: 'mat-khau-999' })
    expect(added.statusCode).toBe(303)
    const page = await t.app.inject({ method: 'GET', url: added.headers.location as string, headers: { cookie: c.cookies.admin } })
    expect(page.body).toContain('Đã tạo người dùng thanhvien9.')
    expect(page.body).toContain('Đỗ Văn Chín')
    await login(t.app, 'thanhvien9', 'mat-khau-999')
    const reset = await post('admin', '/admin/users', '/admin/users/thanhvien9/password', { password: 'mat-khau-moi-9' })
    expect(reset.statusCode).toBe(303)
    await login(t.app, 'thanhvien9', 'mat-khau-moi-9')
    expect((await get('member1', '/admin/users')).statusCode).toBe(403)
  })

  it('the details form saves the report block; copies-to lines become a list', async () => {
    const res = await post('secretary', `/evaluations/${c.id}`, `/evaluations/${c.id}/details`, {
      title: 'Đánh giá QLVB&ĐHCV 2015', basis: 'Thông báo 70/TB-UBND', deadline: '2015-05-25', aggregation: 'median', threshold: '65',
      disagreementSpread: '', parentAgency: 'UBND TỈNH BẮC GIANG', agency: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', number: '125/BC-STTTT',
      place: 'Bắc Giang', date: '2015-05-05', recipient: 'Ủy ban nhân dân tỉnh Bắc Giang', signerAuthority: 'KT. GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC', signerName: 'Nguyễn Văn Ký', copiesTo: 'Như trên;\r\nLưu: VT, CNTT.',
    })
    expect(res.statusCode).toBe(303)
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    expect(ev).toMatchObject({ aggregation: 'median', threshold: 65, deadline: '2015-05-25' })
    expect(ev.report).toMatchObject({ number: '125/BC-STTTT', signer: { authority: 'KT. GIÁM ĐỐC', name: 'Nguyễn Văn Ký' }, copiesTo: ['Như trên;', 'Lưu: VT, CNTT.'] })
  })

  it('the weights form changes only what differs (one audit entry per change)', async () => {
    const before = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json().length
    const res = await post('chair', `/evaluations/${c.id}`, `/evaluations/${c.id}/criteria/weights`, { 'w.A': '20', 'w.B': '12', 't.C': '50' })
    expect(res.statusCode).toBe(303)
    const after = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json()
    expect(after.length).toBe(before + 1)
    expect(after.at(-1)).toMatchObject({ action: 'criterion.update', entity: 'criterion:A' })
    const page = await get('chair', `/evaluations/${c.id}`)
    expect(page.body).toContain('name="w.A" value="20"')
  })

  it('AHP: an inconsistent matrix shows its CR and asks for confirmation (409, nothing changed); confirmed, it applies', async () => {
    // Group A has 5 criteria; a cyclic judgement (1 ≫ 2 ≫ 3 ≫ 1) is inconsistent.
    const cells: Record<string, string> = { group: 'A' }
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) cells[`a.${i}.${j}`] = '1'
    Object.assign(cells, { 'a.0.1': '9', 'a.1.2': '9', 'a.0.2': '1/9' })
    const before = await snapshot(t.db)
    const refused = await post('chair', `/evaluations/${c.id}`, `/evaluations/${c.id}/ahp`, cells)
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toMatch(/CR = \d+,\d{3}/)
    expect(refused.body).toContain('name="confirm"')
    expect(await snapshot(t.db)).toBe(before)
    const applied = await post('chair', `/evaluations/${c.id}`, `/evaluations/${c.id}/ahp`, { ...cells, confirm: 'on' })
    expect(applied.statusCode).toBe(303)
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const a = ev.criteria.find((g: { id: string }) => g.id === 'A')
    expect(a.ahp.matrix[0][1]).toBe(9)
    expect(a.ahp.matrix[1][0]).toBeCloseTo(1 / 9, 12)
  })

  it('a declaration with a conflict makes the rater abstain for that candidate', async () => {
    await move(t.app, c, 'scoring')
    const page = await get('member2', `/evaluations/${c.id}/declaration`)
    expect(page.body).toContain('Cam kết không xung đột lợi ích')
    const empty = await post('member2', `/evaluations/${c.id}/declaration`, `/evaluations/${c.id}/declaration`, {})
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Hãy chọn cam kết không xung đột')
    const res = await post('member2', `/evaluations/${c.id}/declaration`, `/evaluations/${c.id}/declaration`, { 'conflict.B': 'on', 'reason.B': 'Từng làm việc cho đơn vị cung cấp' })
    expect(res.statusCode).toBe(303)
    const sheet = await get('member2', `/evaluations/${c.id}/sheet?candidate=B`)
    expect(sheet.body).toContain('Bạn không chấm phần mềm này (xung đột lợi ích): Từng làm việc cho đơn vị cung cấp')
    const refused = await api(t.app, c.cookies.member2, 'PUT', `/evaluations/${c.id}/ratings/B/A.1`, { value: 3 })
    expect(refused.statusCode).toBe(403)
  })

  it('the history filters by member and by candidate, and shows the chain intact', async () => {
    await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 3 })
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    await api(t.app, c.cookies.chair, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 3 })
    await api(t.app, c.cookies.chair, 'PUT', `/evaluations/${c.id}/ratings/B/A.1`, { value: 2 })
    const all = await get('chair', `/evaluations/${c.id}/history`)
    // While blind, the chain's state without its entry count (it would count others' saves).
    expect(all.body).toContain('Chuỗi nhật ký toàn vẹn.')
    // Actions in words, the code kept as the tooltip for auditors.
    expect(all.body).toContain('<abbr title="candidate.add">Thêm phần mềm dự tuyển</abbr>')
    expect(all.body).toContain('<abbr title="rating.save">Chấm điểm</abbr>')
    const english = await get('chair', `/evaluations/${c.id}/history?lang=en`)
    expect(english.body).toContain('<abbr title="member.declare">Conflict-of-interest declaration</abbr>')
    // The chair's own saves show; another rater's do not until review.
    const byMember = await get('chair', `/evaluations/${c.id}/history?member=m1`)
    expect(byMember.body).toContain('rating:m1/A/A.1')
    expect(byMember.body).toContain('rating:m1/B/A.1')
    expect(byMember.body).not.toContain('candidate.add')
    expect((await get('chair', `/evaluations/${c.id}/history?member=m3`)).body).not.toContain('rating:m3/')
    const byCandidate = await get('chair', `/evaluations/${c.id}/history?member=m1&candidate=B`)
    expect(byCandidate.body).toContain('rating:m1/B/A.1')
    expect(byCandidate.body).not.toContain('rating:m1/A/A.1')
  })

  it('the progress page shows members × candidates with counts', async () => {
    const res = await get('secretary', `/evaluations/${c.id}/progress`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Tiến độ chấm điểm')
    expect(res.body).toMatch(/1\/\d+ \(\d+,\d\d %\)/)
    expect(res.body).toContain('Không chấm')
  })
})

describe('history in words', () => {
  it('a rating change reads "3 → 4 · comment", a status change by its labels', async () => {
    const { describeChange } = await import('../../src/http/routes/audit/index.ts')
    const base = { seq: 1, at: '2015-05-12T01:30:00Z', actor: 'member1', onBehalfOf: null, entity: 'rating:m3/A/A.1', reason: null, hash: 'x', redacted: false }
    expect(describeChange({ ...base, action: 'rating.save', before: { value: 3, pass: null, comment: null }, after: { value: 4, pass: null, comment: 'Đủ minh chứng' } }, 'vi'))
      .toBe('3 → 4 · Đủ minh chứng')
    expect(describeChange({ ...base, action: 'rating.save', before: null, after: { value: null, pass: false, comment: null } }, 'en')).toBe('— → Fail')
    expect(describeChange({ ...base, action: 'evaluation.transition', before: { status: 'scoring' }, after: { status: 'review' } }, 'vi')).toBe('Đang chấm điểm → Xem xét')
    expect(describeChange({ ...base, action: 'rating.save', redacted: true, before: null, after: null }, 'vi')).toBeNull()
  })
})

describe('history paging', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    await move(t.app, c, 'scoring')
    await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
  })
  afterAll(async () => t.close())
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies.chair } })

  it('pages by 200 entries, newest first, keeping the filters', async () => {
    const ev = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}`)).json()
    const leaves: string[] = []
    const walk = (ns: { id: string; type?: string; children?: unknown[] }[]) => { for (const n of ns) n.children ? walk(n.children as never) : n.type !== 'pass_fail' && leaves.push(n.id) }
    walk(ev.criteria)
    // Every scored criterion of both candidates, rated three times over: well past one page.
    for (const round of [1, 2, 3]) {
      for (const cand of ['A', 'B']) {
        for (const [i, id] of leaves.entries()) {
          // The chair's own saves: the chair sees them while blind (another rater's would be left out).
          const r = await api(t.app, c.cookies.chair, 'PUT', `/evaluations/${c.id}/ratings/${cand}/${id}`, { value: (i + round) % 6 })
          expect(r.statusCode).toBe(200)
        }
      }
    }
    const total = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json().length
    expect(total).toBeGreaterThan(200)
    const pages = Math.ceil(total / 200)
    const first = await get(`/evaluations/${c.id}/history`)
    expect((first.body.match(/<tr>\s*<td class="num">/g) ?? []).length).toBe(200)
    expect(first.body).toContain(`Trang 1/${pages}`)
    // While blind, entries since scoring began show no seq; the first ones keep theirs.
    expect(first.body).toContain('<td class="num">—</td>')
    const last = await get(`/evaluations/${c.id}/history?page=${pages}`)
    expect(last.body).toContain('<td class="num">1</td>')
    const filtered = await get(`/evaluations/${c.id}/history?member=m1&candidate=B&page=1`)
    expect((filtered.body.match(/rating:m1\/B\//g) ?? []).length).toBe(Math.min(200, 3 * leaves.length))
  })
})
