// Blind scoring (§2): until review nobody — the chair included — sees another rater's ratings,
// by API or page. From review on, the committee sees everyone's. (The full proof, every route
// and page in two worlds, is test/proof/blindness.test.ts; these are the readable examples.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, scoreEverything, testApp, type Committee, type TestApp } from './helpers.ts'

const SECRET = 'Nhận xét bí mật của thành viên một'

describe('blind scoring', () => {
  let t: TestApp
  let c: Committee
  const page = (who: keyof Committee['cookies'], url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    await move(t.app, c, 'scoring')
    for (const who of ['chair', 'member1', 'member2'] as const) {
      const r = await api(t.app, c.cookies[who], 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
      expect(r.statusCode).toBe(204)
    }
    const r = await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 5, comment: SECRET })
    expect(r.statusCode).toBe(200)
    await api(t.app, c.cookies.member2, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 1, comment: 'của m4' })
    await api(t.app, c.cookies.chair, 'PUT', `/evaluations/${c.id}/ratings/A/A.2`, { value: 2, comment: 'của tổ trưởng' })
  })
  afterAll(async () => t.close())

  it('GET ratings shows each rater only their own (member and chair alike)', async () => {
    const m2 = (await api(t.app, c.cookies.member2, 'GET', `/evaluations/${c.id}/ratings`)).json()
    expect(m2).toEqual([expect.objectContaining({ member: 'm4', candidate: 'A', criterion: 'A.1', value: 1, comment: 'của m4' })])
    const chair = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/ratings`)).json()
    expect(chair).toEqual([expect.objectContaining({ member: 'm1', criterion: 'A.2', value: 2 })])
    const secretary = (await api(t.app, c.cookies.secretary, 'GET', `/evaluations/${c.id}/ratings`)).json()
    expect(secretary).toEqual([])
  })

  it('results during scoring: only for chair and secretary, and progress only (no score, point, rank or total)', async () => {
    expect((await api(t.app, c.cookies.member2, 'GET', `/evaluations/${c.id}/results`)).statusCode).toBe(403)
    for (const who of ['chair', 'secretary'] as const) {
      const view = (await api(t.app, c.cookies[who], 'GET', `/evaluations/${c.id}/results`)).json()
      expect(Object.keys(view).sort()).toEqual(['blind', 'complete', 'progress', 'status'])
      expect(view.blind).toBe(true)
      expect(view.progress.cells.find((x: { member: string; candidate: string }) => x.member === 'm3' && x.candidate === 'A').rated).toBe(1)
      expect(JSON.stringify(view)).not.toMatch(/score|points|rank|raters|disagreements|spread/)
    }
  })

  it('the audit log leaves out other raters\' saves (content and hash) and shows no seq or hash after scoring began', async () => {
    const entries = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { seq: number | null; hash: string | null; action: string; entity: string | null; after: { member?: string } }[]
    const body = JSON.stringify(entries)
    expect(body).not.toContain(SECRET)
    expect(body).not.toContain('của m4')
    expect(entries.filter((e) => e.action === 'rating.save').map((e) => e.after.member)).toEqual(['m1'])
    const start = entries.findIndex((e) => e.action === 'evaluation.transition')
    expect(entries.slice(0, start + 1).every((e) => typeof e.seq === 'number' && /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true)
    expect(entries.slice(start + 1).every((e) => e.seq === null && e.hash === null)).toBe(true)
  })

  it('progress shows counts, never values', async () => {
    const body = (await api(t.app, c.cookies.secretary, 'GET', `/evaluations/${c.id}/progress`)).json()
    const cell = body.cells.find((x: { member: string; candidate: string }) => x.member === 'm3' && x.candidate === 'A')
    expect(cell.rated).toBe(1)
    expect(JSON.stringify(body)).not.toContain(SECRET)
  })

  it('no page shows another rater\'s comment: sheet, results, history, progress', async () => {
    for (const [who, url] of [
      ['member2', `/evaluations/${c.id}/sheet?candidate=A`],
      ['chair', `/evaluations/${c.id}/sheet?candidate=A`],
      ['chair', `/evaluations/${c.id}/results`],
      ['chair', `/evaluations/${c.id}/history`],
      ['secretary', `/evaluations/${c.id}/history`],
      ['secretary', `/evaluations/${c.id}/progress`],
    ] as const) {
      const res = await page(who, url)
      expect(res.statusCode, `${who} ${url}`).toBe(200)
      expect(res.body, `${who} ${url}`).not.toContain(SECRET)
    }
    // The member's own sheet does show their own comment.
    expect((await page('member1', `/evaluations/${c.id}/sheet?candidate=A`)).body).toContain(SECRET)
    expect((await page('member2', `/evaluations/${c.id}/results`)).statusCode).toBe(403)
  })

  it('from review on, the committee sees everyone\'s ratings', async () => {
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
    const all = (await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/ratings`)).json() as { member: string }[]
    expect(new Set(all.map((r) => r.member))).toEqual(new Set(['m1', 'm3', 'm4']))
    const view = (await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/results`)).json()
    expect(view.blind).toBe(false)
    expect(Object.keys(view.results.candidates[0].raters).sort()).toEqual(['m1', 'm3', 'm4'])
    // The whole log, seq and hash included, once review has begun.
    const entries = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { seq: number; hash: string }[]
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1))
    expect(JSON.stringify(entries)).toContain(SECRET)
  })
})
