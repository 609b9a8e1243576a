// Links to the data exchange pages (§5): the evaluation's "Dữ liệu" tab, the results page's
// downloads and the admin's catalogs link appear for those who may use them, and only for them.
// Also the rules the routes now leave to the services: the report's file, the heat map's spreads,
// the no-JavaScript score sheet (all or nothing) and the candidate edit form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, scoreEverything, snapshot, testApp, type Committee, type TestApp, type Who } from './helpers.ts'

let t: TestApp
let c: Committee
const get = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!
const post = (who: Who, url: string, form: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(form).toString() })
/** The body with handlebars' escaped "=" (`&#x3D;`, as in `?lang&#x3D;vi`) decoded, as a browser reads the links. */
const decoded = (body: string) => body.replaceAll('&#x3D;', '=')
const exchangeTab = () => `href="/evaluations/${c.id}/exchange"`

describe('links to the data exchange pages', () => {
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('draft: the "Dữ liệu" tab for the chair and the secretary only', async () => {
    for (const who of ['chair', 'secretary'] as const) {
      const page = await get(who, `/evaluations/${c.id}`)
      expect(page.statusCode).toBe(200)
      expect(page.body, who).toContain(`<a href="/evaluations/${c.id}/exchange">Dữ liệu</a>`)
    }
    for (const who of ['member1', 'observer'] as const) {
      const page = await get(who, `/evaluations/${c.id}`)
      expect(page.statusCode).toBe(200)
      expect(page.body, who).not.toContain(exchangeTab())
    }
  })

  it('the exchange page marks its own tab as the current one', async () => {
    const page = await get('chair', `/evaluations/${c.id}/exchange`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`<a href="/evaluations/${c.id}/exchange" aria-current="page" class="current">Dữ liệu</a>`)
  })

  it('the admin menu links the catalogs page for an admin only', async () => {
    const admin = await get('admin', '/evaluations')
    expect(admin.body).toContain('<a href="/admin/catalogs">Bộ tiêu chí</a>')
    const chair = await get('chair', '/evaluations')
    expect(chair.statusCode).toBe(200)
    expect(chair.body).not.toContain('/admin/catalogs')
  })

  it('scoring: the results page (chair, progress only) offers no workbook and no report', async () => {
    await move(t.app, c, 'scoring')
    const page = await get('chair', `/evaluations/${c.id}/results`)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('export.xlsx')
    expect(page.body).not.toContain('report.pdf')
    expect(page.body).not.toContain('id="downloads"')
    // The members still have nothing to exchange: no tab.
    expect((await get('member1', `/evaluations/${c.id}/sheet`)).body).not.toContain(exchangeTab())
  })

  it('review: every committee member gets the tab, the workbook in the page language and both reports', async () => {
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    for (const who of ['chair', 'secretary', 'member1', 'observer'] as const) {
      const page = await get(who, `/evaluations/${c.id}/results`)
      expect(page.statusCode, who).toBe(200)
      expect(page.body, who).toContain(exchangeTab())
      expect(decoded(page.body), who).toContain(`href="/api/v1/evaluations/${c.id}/export.xlsx?lang=vi" download>Bảng tính kết quả (Excel, có công thức)</a>`)
      expect(decoded(page.body), who).toContain(`href="/api/v1/evaluations/${c.id}/report.pdf?lang=vi" download>`)
      expect(decoded(page.body), who).toContain(`href="/api/v1/evaluations/${c.id}/report.pdf?lang=en" download>`)
    }
    const en = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}/results?lang=en`, headers: { cookie: c.cookies.member1 } })
    expect(decoded(en.body)).toContain(`href="/api/v1/evaluations/${c.id}/export.xlsx?lang=en" download>Results workbook (Excel, live formulas)</a>`)
    // Each link works for the reader it is shown to.
    const book = await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/export.xlsx?lang=vi`)
    expect(book.statusCode).toBe(200)
  })

  it('the heat map has a spread for every candidate × criterion, from the service', async () => {
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const leaves: { id: string; passFail: boolean }[] = []
    const walk = (nodes: { id: string; type?: string; children?: unknown[] }[]) => {
      for (const n of nodes) n.children ? walk(n.children as never) : leaves.push({ id: n.id, passFail: n.type === 'pass_fail' })
    }
    walk(ev.criteria)
    const view = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/results`)).json()
    expect(view.spreads).toHaveLength(2 * leaves.length)
    // scoreEverything: leaf i gets (i + r) % 6 from raters r = 0, 1, 2 → {0,1,2}…{3,4,5} spread 2,
    // {4,5,0} and {5,0,1} spread 5; pass/fail criteria all "pass" → 0.
    const expected = (i: number) => (leaves[i]!.passFail ? 0 : i % 6 <= 3 ? 2 : 5)
    for (const cand of ['A', 'B']) {
      leaves.forEach((leaf, i) => {
        expect(view.spreads.find((s: { candidate: string; criterion: string }) => s.candidate === cand && s.criterion === leaf.id))
          .toEqual({ candidate: cand, criterion: leaf.id, rated: 3, spread: expected(i) })
      })
    }
    // The flagged disagreements are those at or over the catalog's 3 points: the spread-5 cells.
    expect(view.results.disagreements.map((d: { criterion: string }) => d.criterion).sort())
      .toEqual(view.spreads.filter((s: { spread: number }) => s.spread >= 3).map((s: { criterion: string }) => s.criterion).sort())
    const page = await get('member1', `/evaluations/${c.id}/results`)
    expect(page.body).toMatch(/<figure class="scroll"[^>]*><svg/)
  })

  it('the report is for the committee: an admin outside it is refused (403); blank sheets are not', async () => {
    expect((await api(t.app, c.cookies.admin, 'GET', `/evaluations/${c.id}/report.pdf?lang=vi`)).statusCode).toBe(403)
    expect((await api(t.app, c.cookies.outsider, 'GET', `/evaluations/${c.id}/report.pdf?lang=vi`)).statusCode).toBe(403)
    expect((await api(t.app, c.cookies.admin, 'GET', `/evaluations/${c.id}/blank-sheets.pdf`)).statusCode).toBe(200)
  })
})

describe('the no-JavaScript score sheet saves all or nothing', () => {
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    await move(t.app, c, 'scoring')
    const d = await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    expect(d.statusCode).toBe(204)
  })
  afterAll(async () => t.close())

  it('a value outside the scale (99) next to a good one: 400, nothing saved, no audit entry', async () => {
    const sheet = await get('member1', `/evaluations/${c.id}/sheet?candidate=A`)
    const before = await snapshot(t.db)
    const res = await post('member1', `/evaluations/${c.id}/sheet/A`, { _csrf: csrf(sheet.body), 'v.A.1': '4', 'v.A.2': '99' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/text\/html/)
    expect(await snapshot(t.db)).toBe(before)
    expect((await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/ratings`)).json()).toEqual([])
  })

  it('a value that is not a number: 400, nothing saved', async () => {
    const sheet = await get('member1', `/evaluations/${c.id}/sheet?candidate=A`)
    const before = await snapshot(t.db)
    const res = await post('member1', `/evaluations/${c.id}/sheet/A`, { _csrf: csrf(sheet.body), 'v.A.1': '4', 'v.A.2': 'bốn' })
    expect(res.statusCode).toBe(400)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('the same sheet with good values saves both in one post', async () => {
    const sheet = await get('member1', `/evaluations/${c.id}/sheet?candidate=A`)
    const res = await post('member1', `/evaluations/${c.id}/sheet/A`, { _csrf: csrf(sheet.body), 'v.A.1': '4', 'v.A.2': '2' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/evaluations/${c.id}/sheet?candidate=A&saved=2`)
    const mine = (await api(t.app, c.cookies.member1, 'GET', `/evaluations/${c.id}/ratings`)).json()
      .map((r: { criterion: string; value: number }) => `${r.criterion}=${r.value}`).sort()
    expect(mine).toEqual(['A.1=4', 'A.2=2'])
  })
})

describe('the candidate edit form (setup page, no JavaScript)', () => {
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  const candidateA = async () => (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json().candidates.find((x: { id: string }) => x.id === 'A')

  it('shows a filled-in form per candidate to the chair and the secretary in draft', async () => {
    const page = await get('secretary', `/evaluations/${c.id}`)
    expect(page.body).toContain(`action="/evaluations/${c.id}/candidates/A"`)
    expect(page.body).toContain('name="name" value="Phần mềm A"')
    expect((await get('member1', `/evaluations/${c.id}`)).body).not.toContain(`action="/evaluations/${c.id}/candidates/A"`)
  })

  it('renames a candidate and clears a blank vendor; 303 back to the list', async () => {
    const page = await get('chair', `/evaluations/${c.id}`)
    const res = await post('chair', `/evaluations/${c.id}/candidates/A`, { _csrf: csrf(page.body), name: 'Phần mềm Văn bản số', vendor: '', version: '2.1' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/evaluations/${c.id}?done=candidateSaved#candidates`)
    const a = await candidateA()
    expect(a.name).toBe('Phần mềm Văn bản số')
    expect(a.vendor ?? null).toBeNull()
    expect(a.version).toBe('2.1')
  })

  it('refuses a post without its CSRF token, from a member, and with a blank name — nothing changed', async () => {
    const page = await get('chair', `/evaluations/${c.id}`)
    const before = await snapshot(t.db)
    expect((await post('chair', `/evaluations/${c.id}/candidates/A`, { name: 'Không có mã' })).statusCode).toBe(403)
    const member = await get('member1', `/evaluations/${c.id}`)
    expect((await post('member1', `/evaluations/${c.id}/candidates/A`, { _csrf: csrf(member.body), name: 'Thành viên đổi tên' })).statusCode).toBe(403)
    expect((await post('chair', `/evaluations/${c.id}/candidates/A`, { _csrf: csrf(page.body), name: '  ' })).statusCode).toBe(400)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('outside draft the form is gone and a post is refused with the localized status (409)', async () => {
    await move(t.app, c, 'scoring')
    const page = await get('chair', `/evaluations/${c.id}`)
    expect(page.body).not.toContain(`action="/evaluations/${c.id}/candidates/A"`)
    const res = await post('chair', `/evaluations/${c.id}/candidates/A`, { _csrf: csrf(page.body), name: 'Quá muộn' })
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('không thực hiện được khi đợt đánh giá đang ở trạng thái &quot;Đang chấm điểm&quot;')
  })
})
