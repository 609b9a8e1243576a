// Drafts can be archived (#11): the chair or the secretary puts a draft out of the evaluations
// list and back, audited like any setting (audit verify replays it); not once scoring began.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAudit } from '../../src/services/index.ts'
import { api, committee, move, testApp, type Committee, type TestApp, type Who } from './helpers.ts'

describe('archiving a draft', () => {
  let t: TestApp
  let c: Committee
  const page = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
  const archive = async (who: Who, id: number, archived: '0' | '1') => {
    const token = /name="_csrf" value="([^"]+)"/.exec((await page(who, `/evaluations/${id}`)).body)![1]!
    return t.app.inject({
      method: 'POST', url: `/evaluations/${id}/archive`,
      headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, archived }).toString(),
    })
  }

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  }, 120_000)
  afterAll(async () => t.close())

  it('puts a draft out of the list and back, audited and verified', async () => {
    const listed = async () => (await api(t.app, c.cookies.chair, 'GET', '/evaluations')).json().map((e: { id: number }) => e.id)
    expect(await listed()).toContain(c.id)
    expect((await archive('secretary', c.id, '1')).statusCode).toBe(303)
    expect(await listed()).not.toContain(c.id)
    const archivedPage = (await page('chair', '/evaluations?archived=1')).body
    expect(archivedPage).toContain('Các đợt đánh giá đã lưu trữ')
    expect(archivedPage).toContain(`href="/evaluations/${c.id}"`)
    expect((await page('chair', '/evaluations')).body).not.toContain(`href="/evaluations/${c.id}"`)
    expect((await page('chair', `/evaluations/${c.id}`)).body).toContain('Bản dự thảo này đã được lưu trữ')
    expect((await verifyAudit(t.db, c.id)).ok).toBe(true)

    expect((await archive('chair', c.id, '0')).statusCode).toBe(303)
    expect(await listed()).toContain(c.id)
    expect((await verifyAudit(t.db, c.id)).ok).toBe(true)
  })

  it('is refused once scoring began, and by a member', async () => {
    expect((await api(t.app, c.cookies.member1, 'PATCH', `/evaluations/${c.id}`, { archived: true })).statusCode).toBe(403)
    await move(t.app, c, 'scoring')
    const res = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { archived: true })
    expect(res.statusCode).toBe(409)
    expect(res.json().error.message).toMatch(/Đang chấm điểm/)
  })
})
