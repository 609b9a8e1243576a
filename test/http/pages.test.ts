// Pages (§5): they render correct Vietnamese (NFC) by default and English on request, work
// without JavaScript (plain forms), carry no inline script or style, and the JSON API is
// described by its OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, PASSWORD, scoreEverything, sessionCookie, testApp, type Committee, type TestApp } from './helpers.ts'

describe('pages', () => {
  let t: TestApp
  let c: Committee
  const get = (who: keyof Committee['cookies'] | null, url: string, lang?: 'vi' | 'en') =>
    t.app.inject({ method: 'GET', url, headers: { cookie: [who ? c.cookies[who] : '', lang ? `lang=${lang}` : ''].filter(Boolean).join('; ') } })
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!
  const post = (who: keyof Committee['cookies'], url: string, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('a page needing sign-in redirects to the sign-in page, keeping where to go next', async () => {
    const res = await get(null, `/evaluations/${c.id}`)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/evaluations/${c.id}`)}`)
  })

  it('signs in through the plain form (no JavaScript): CSRF token, 303 to next, a new session id', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login' })
    expect(page.body).toContain('<h1>Đăng nhập</h1>')
    const anon = sessionCookie(page)
    const res = await t.app.inject({
      method: 'POST', url: '/login', headers: { cookie: anon, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf(page.body), username: 'member1', password: PASSWORD, next: '/evaluations' }).toString(),
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/evaluations')
    expect(sessionCookie(res)).not.toBe(anon)
  })

  it('a wrong password re-renders the form with a localized message and 401', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/login?lang=en' })
    const res = await t.app.inject({
      method: 'POST', url: '/login', headers: { cookie: `${sessionCookie(page)}; lang=en`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf(page.body), username: 'member1', password: 'sai' }).toString(),
    })
    expect(res.statusCode).toBe(401)
    expect(res.body).toContain('Wrong username or password.')
  })

  it('renders NFC Vietnamese by default and English with ?lang=en, remembered in a cookie', async () => {
    const vi = await get('chair', `/evaluations/${c.id}`)
    expect(vi.statusCode).toBe(200)
    expect(vi.body).toBe(vi.body.normalize('NFC'))
    expect(vi.body).toContain('<html lang="vi">')
    for (const s of ['Phần mềm dự tuyển', 'Thành viên tổ đánh giá', 'Tiêu chí và trọng số', 'Điểm tối đa', 'Dự thảo', 'Tổ trưởng', 'Thang điểm']) expect(vi.body).toContain(s)
    // Weights as % and max points, Vietnamese separators: group A weighs 15 of 100 → "15,00 %".
    expect(vi.body).toContain('15,00 %')
    const en = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}?lang=en`, headers: { cookie: c.cookies.chair } })
    expect(en.body).toContain('<html lang="en">')
    expect(en.body).toContain('Criteria and weights')
    expect(en.body).toContain('15.00%')
    const cookie = [en.headers['set-cookie']].flat().find((x) => String(x).startsWith('lang='))
    expect(cookie).toMatch(/^lang=en;.*HttpOnly/)
  })

  it('no inline script and no style attribute in any page; the CSP forbids them', async () => {
    await move(t.app, c, 'scoring')
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    const urls = ['/evaluations', `/evaluations/${c.id}`, `/evaluations/${c.id}/sheet`, `/evaluations/${c.id}/declaration`,
      `/evaluations/${c.id}/progress`, `/evaluations/${c.id}/results`, `/evaluations/${c.id}/history`, `/evaluations/${c.id}/report`, '/admin/users']
    for (const url of urls) {
      const res = await get(url === '/admin/users' ? 'admin' : 'chair', url)
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(res.body, url).not.toMatch(/\sstyle="/)
      expect(res.body, url).not.toMatch(/\son[a-z]+="/)
      expect(res.body, url).toBe(res.body.normalize('NFC'))
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("style-src 'self'")
      expect(csp).not.toContain('unsafe-inline')
    }
  })

  it('the results page shows ranking, recommendation, charts as SVG, sensitivity and Monte Carlo', async () => {
    const res = await get('member1', `/evaluations/${c.id}/results`)
    expect(res.statusCode).toBe(200)
    for (const s of ['Xếp hạng', 'Đề xuất', 'Độ nhạy', 'Mô phỏng Monte Carlo', 'Bất đồng giữa các thành viên']) expect(res.body).toContain(s)
    expect((res.body.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(3)
    const results = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/results`)).json().results
    // Every displayed score is the §3 rounding of the computed one, with the Vietnamese comma.
    for (const cand of results.candidates) {
      const shown = (Math.round(cand.score * 100) / 100).toFixed(2).replace('.', ',')
      expect(res.body).toContain(shown)
    }
  })

  it('the score sheet saves without JavaScript and shows a localized 409 when closed', async () => {
    const sheet = await get('member1', `/evaluations/${c.id}/sheet?candidate=A`)
    expect(sheet.body).toContain('Phiếu chấm điểm')
    expect(sheet.body).toContain('Không đáp ứng')
    const before = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/ratings`)).json()
      .find((r: { member: string; candidate: string; criterion: string }) => r.member === 'm3' && r.candidate === 'A' && r.criterion === 'A.1')
    const next = before.value === 5 ? 4 : 5
    const res = await post('member1', `/evaluations/${c.id}/sheet/A`, { _csrf: csrf(sheet.body), 'v.A.1': String(next), 'c.A.1': 'Đổi sau khi thảo luận', reason: 'Sau thảo luận' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/evaluations/${c.id}/sheet?candidate=A&saved=1`)
    const after = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/ratings`)).json()
      .find((r: { member: string; candidate: string; criterion: string }) => r.member === 'm3' && r.candidate === 'A' && r.criterion === 'A.1')
    expect(after).toMatchObject({ value: next, comment: 'Đổi sau khi thảo luận' })
  })

  it('the OpenAPI document describes the API from the zod schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    const paths = Object.keys(doc.paths)
    for (const p of ['/api/v1/auth/login', '/api/v1/evaluations', '/api/v1/evaluations/{id}', '/api/v1/evaluations/{id}/ratings/{candidateId}/{criterionId}', '/api/v1/evaluations/{id}/transitions', '/api/v1/evaluations/{id}/criteria/{groupId}/ahp']) {
      expect(paths).toContain(p)
    }
    expect(paths.some((p) => !p.startsWith('/api/v1'))).toBe(false)
    const put = doc.paths['/api/v1/evaluations/{id}/ratings/{candidateId}/{criterionId}'].put
    expect(put.requestBody.content['application/json'].schema.properties).toHaveProperty('value')
    expect(put.responses).toHaveProperty('409')
  })
})

describe('report downloads', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('blank sheets for the committee at any stage; the report from review on (409 before)', async () => {
    const blank = await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/blank-sheets.pdf`)
    expect(blank.statusCode).toBe(200)
    expect(blank.headers['content-type']).toBe('application/pdf')
    expect(blank.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    const early = await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/report.pdf?lang=vi`)
    expect(early.statusCode).toBe(409)
    expect(early.json().error).toMatchObject({ code: 'wrong_state', message: 'báo cáo có từ giai đoạn Xem xét (bảo đảm chấm độc lập)' })
    const page = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}/report`, headers: { cookie: c.cookies.member1 } })
    expect(page.body).toContain('Phiếu chấm điểm trống để in (PDF)')
    expect(page.body).not.toContain('report.pdf?lang=vi')
  })
})
