// §2: the chair alone moves an evaluation on; every other move, and every write in a state that
// does not allow it, is refused with 409 and a localized message — and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, scoreEverything, snapshot, testApp, type Committee, type TestApp } from './helpers.ts'

type Status = 'draft' | 'scoring' | 'review' | 'finalized'
const ALL: Status[] = ['draft', 'scoring', 'review', 'finalized']
// scoring → draft is legal while nobody has rated (§2); its refusals are proven in test/http/confirm.test.ts.
const LEGAL: Record<Status, Status[]> = { draft: ['scoring'], scoring: ['review', 'draft'], review: ['finalized'], finalized: ['review'] }

async function reach(t: TestApp, c: Committee, status: Status) {
  if (status === 'draft') return
  await move(t.app, c, 'scoring')
  if (status === 'scoring') return
  await scoreEverything(t, c)
  await move(t.app, c, 'review')
  if (status === 'review') return
  await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { report: { conclusion: 'Đề xuất lựa chọn phần mềm A.', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
  await move(t.app, c, 'finalized')
}

interface Write { name: string; who: 'chair' | 'member1'; method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: (id: number) => string; body?: unknown }

const SETUP_WRITES: Write[] = [
  { name: 'PATCH details', who: 'chair', method: 'PATCH', path: (id) => `/evaluations/${id}`, body: { basis: 'Thông báo 70/TB-UBND' } },
  { name: 'add a candidate', who: 'chair', method: 'POST', path: (id) => `/evaluations/${id}/candidates`, body: { name: 'Phần mềm C' } },
  { name: 'rename a candidate', who: 'chair', method: 'PATCH', path: (id) => `/evaluations/${id}/candidates/A`, body: { name: 'Đổi tên' } },
  { name: 'remove a candidate', who: 'chair', method: 'DELETE', path: (id) => `/evaluations/${id}/candidates/B` },
  { name: 'add a member', who: 'chair', method: 'POST', path: (id) => `/evaluations/${id}/members`, body: { username: 'outsider', role: 'member' } },
  { name: 'remove a member', who: 'chair', method: 'DELETE', path: (id) => `/evaluations/${id}/members/m4` },
  { name: 're-weight a criterion', who: 'chair', method: 'PATCH', path: (id) => `/evaluations/${id}/criteria/A.1`, body: { weight: 9 } },
  { name: 'add a criterion', who: 'chair', method: 'POST', path: (id) => `/evaluations/${id}/criteria`, body: { parent: 'A', node: { id: 'A.9', title: { vi: 'Mới' }, weight: 1 } } },
  { name: 'delete a criterion', who: 'chair', method: 'DELETE', path: (id) => `/evaluations/${id}/criteria/A.5` },
  { name: 'AHP', who: 'chair', method: 'POST', path: (id) => `/evaluations/${id}/criteria/B/ahp`, body: { matrix: Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]) } },
]
const RATING_WRITES: Write[] = [
  { name: 'save a rating', who: 'member1', method: 'PUT', path: (id) => `/evaluations/${id}/ratings/A/A.1`, body: { value: 3, reason: 'Xem lại' } },
]
const CONCLUSION: Write = { name: 'write the conclusion', who: 'chair', method: 'PATCH', path: (id) => `/evaluations/${id}`, body: { report: { conclusion: 'Kết luận' } } }
const DECLARE: Write = { name: 'declare', who: 'member1', method: 'POST', path: (id) => `/evaluations/${id}/declaration`, body: { noConflict: true } }

const WRONG_STATE_WRITES: Record<Status, Write[]> = {
  draft: [...RATING_WRITES, CONCLUSION, DECLARE],
  scoring: [...SETUP_WRITES, CONCLUSION],
  review: [...SETUP_WRITES, DECLARE],
  finalized: [...SETUP_WRITES, ...RATING_WRITES, CONCLUSION, DECLARE],
}

for (const status of ALL) {
  describe(`in ${status}`, () => {
    let t: TestApp
    let c: Committee
    beforeAll(async () => {
      t = await testApp()
      c = await committee(t.app)
      await reach(t, c, status)
    })
    afterAll(async () => t.close())

    for (const to of ALL.filter((s) => !LEGAL[status].includes(s))) {
      it(`${status} → ${to} is refused: 409, localized, nothing changed`, async () => {
        const before = await snapshot(t.db)
        const res = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to, reason: 'thử' })
        expect(res.statusCode).toBe(409)
        expect(res.json().error.code).toBe('wrong_state')
        expect(res.json().error.message).toMatch(/không thể chuyển/)
        expect(await snapshot(t.db)).toBe(before)
      })
    }

    for (const w of WRONG_STATE_WRITES[status]) {
      it(`${w.name} is refused in ${status}: 409, nothing changed`, async () => {
        const before = await snapshot(t.db)
        const res = await api(t.app, c.cookies[w.who], w.method, w.path(c.id), w.body)
        expect(res.statusCode, res.body).toBe(409)
        expect(['wrong_state', 'conflict']).toContain(res.json().error.code)
        expect(res.json().error.message.length).toBeGreaterThan(0)
        expect(await snapshot(t.db)).toBe(before)
      })
    }

    it(`the setup page shows the localized 409 for a form in the wrong state (${status})`, async () => {
      if (status === 'draft') return
      const page = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}`, headers: { cookie: c.cookies.chair } })
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1]
      const before = await snapshot(t.db)
      const res = await t.app.inject({
        method: 'POST', url: `/evaluations/${c.id}/candidates`,
        headers: { cookie: c.cookies.chair, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token!, name: 'Phần mềm C' }).toString(),
      })
      expect(res.statusCode).toBe(409)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.body).toContain('không thực hiện được khi')
      expect(await snapshot(t.db)).toBe(before)
    })
  })
}

describe('preconditions of a move (§2)', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  })
  afterAll(async () => t.close())

  it('scoring → review with an incomplete sheet: 409, nothing changed', async () => {
    await move(t.app, c, 'scoring')
    const before = await snapshot(t.db)
    const res = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'review' })
    expect(res.statusCode).toBe(409)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('review → finalized without a conclusion: 409; with one: 200', async () => {
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    const before = await snapshot(t.db)
    const refused = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'finalized' })
    expect(refused.statusCode).toBe(409)
    expect(await snapshot(t.db)).toBe(before)
    await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { report: { conclusion: 'Đề xuất A', proposal: 'none', deviation: 'Chờ thẩm định giá' } })
    await move(t.app, c, 'finalized')
  })

  it('finalized → review needs a reason', async () => {
    const before = await snapshot(t.db)
    const res = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to: 'review' })
    expect([400, 409]).toContain(res.statusCode)
    expect(await snapshot(t.db)).toBe(before)
    await move(t.app, c, 'review', 'Mở lại để rà soát')
  })
})
