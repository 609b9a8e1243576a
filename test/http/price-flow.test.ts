// §12 through the pages and the API: a combined technical-and-price evaluation from draft to a
// finalized report — the setup form sets the method and K, the secretary records prices on the
// prices page (sealed), the price stage opens them, the results page shows the final ranking, the
// report has its price section — and bad input answers with an error naming the field.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, scoreEverything, snapshot, testApp, type Committee, type TestApp, type Who } from './helpers.ts'

describe('a combined technical-and-price evaluation (§12), pages and API', () => {
  let t: TestApp
  let c: Committee
  const page = (who: Who, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
  const csrfOf = async (who: Who, url: string) => /name="_csrf" value="([^"]+)"/.exec((await page(who, url)).body)![1]!
  const post = async (who: Who, url: string, from: string, form: Record<string, string>) => t.app.inject({
    method: 'POST', url,
    headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: await csrfOf(who, from), ...form }).toString(),
  })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  }, 120_000)
  afterAll(async () => t.close())

  it('runs from draft to a finalized report with the price sealed until the price stage', async () => {
    const e = `/evaluations/${c.id}`
    expect((await api(t.app, c.cookies.chair, 'PATCH', e, { method: 'combined', K: 70 })).statusCode).toBe(200)
    expect((await api(t.app, c.cookies.chair, 'GET', e)).json()).toMatchObject({ method: 'combined', K: 70 })

    // The secretary records A's price on the page (sealed at once), B's through the API.
    const saved = await post('secretary', `${e}/prices/A`, `${e}/prices`, { price: '1.500.000.000', 'label.0': 'Bảo trì 5 năm', 'amount.0': '300000000' })
    expect(saved.statusCode).toBe(303)
    expect((await api(t.app, c.cookies.secretary, 'PUT', `${e}/prices/B`, { price: 1_000_000_000 })).statusCode).toBe(200)
    const sealedPage = await page('secretary', `${e}/prices`)
    expect(sealedPage.body).toContain('Đã ghi nhận, niêm phong')
    expect(sealedPage.body).not.toMatch(/1\.500\.000\.000|1500000000|300\.000\.000/)

    await move(t.app, c, 'scoring')
    // Everyone gives the top level: both products qualify technically (S = 100), so both open.
    await scoreEverything(t, c, () => 5)
    await move(t.app, c, 'review')
    expect((await page('observer', `${e}/results`)).body).not.toContain('id="price"')
    await move(t.app, c, 'price')

    // Opened: the amounts on the prices page, the final ranking on the results page.
    const opened = await page('member1', `${e}/prices`)
    expect(opened.body).toContain('1.500.000.000')
    expect(opened.body).toContain('1.800.000.000')
    const results = await page('observer', `${e}/results`)
    expect(results.body).toContain('Đánh giá về giá và xếp hạng cuối cùng')
    expect(results.body).toContain('Điểm tổng hợp')
    const r = (await api(t.app, c.cookies.chair, 'GET', `${e}/results`)).json()
    expect(r.results.price.method).toBe('combined')
    expect(r.results.price.Emin).toBe(1_000_000_000)

    const proposal = r.results.recommended ?? 'none'
    const conclusion = 'Tổ đánh giá thống nhất đề xuất theo kết quả xếp hạng cuối cùng.'
    expect((await api(t.app, c.cookies.chair, 'PATCH', e, { report: { conclusion, proposal, ...(proposal === 'none' ? { deviation: 'Hòa điểm' } : {}) } })).statusCode).toBe(200)
    await move(t.app, c, 'finalized')

    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1${e}/report.pdf?lang=vi`, headers: { cookie: c.cookies.observer } })
    expect(pdf.statusCode).toBe(200)
    const dir = mkdtempSync(join(tmpdir(), 'price-report-'))
    writeFileSync(join(dir, 'r.pdf'), pdf.rawPayload)
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
    // The price section: opened proposals with their evaluated prices, and the final ranking speaks in V.
    expect(text).toContain('Mở và đánh giá đề xuất giá')
    expect(text).toContain('1.800.000.000')
    expect(text).toContain('1.000.000.000')
    expect(text).toContain('Bảo trì 5 năm 300.000.000 đồng')
    expect(text).toContain('Theo xếp hạng cuối cùng')
  }, 300_000)

  it('the setup form sets the method and K, and refuses K outside (0, 100) beside the field', async () => {
    const t3 = await testApp()
    try {
      const c3 = await committee(t3.app)
      const e = `/evaluations/${c3.id}`
      const setup = (who: Who) => t3.app.inject({ method: 'GET', url: e, headers: { cookie: c3.cookies[who] } })
      const token = /name="_csrf" value="([^"]+)"/.exec((await setup('secretary')).body)![1]!
      const send = (form: Record<string, string>) => t3.app.inject({
        method: 'POST', url: `${e}/details`,
        headers: { cookie: c3.cookies.secretary, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, title: 'Mua sắm phần mềm QLVB&ĐHCV', aggregation: 'mean', ...form }).toString(),
      })
      const refused = await send({ method: 'combined', K: '150' })
      expect(refused.statusCode).toBe(400)
      expect(refused.body).toMatch(/id="f-details-K"[^>]*aria-invalid="true"/)
      expect((await api(t3.app, c3.cookies.chair, 'GET', e)).json()).toMatchObject({ method: 'technical', K: null })
      expect((await send({ method: 'combined', K: '65' })).statusCode).toBe(303)
      expect((await api(t3.app, c3.cookies.chair, 'GET', e)).json()).toMatchObject({ method: 'combined', K: 65 })
      expect((await setup('observer')).body).toContain('Kết hợp kỹ thuật và giá (điểm tổng hợp) — K = 65,00%')
    } finally {
      await t3.close()
    }
  }, 120_000)

  it('refuses bad prices and K with a clear error naming the field, and changes nothing', async () => {
    const t2 = await testApp()
    try {
      const c2 = await committee(t2.app)
      const e = `/evaluations/${c2.id}`
      expect((await api(t2.app, c2.cookies.chair, 'PATCH', e, { method: 'lowest-price' })).statusCode).toBe(200)
      const before = await snapshot(t2.db)
      for (const [body, field] of [
        [{ price: 0 }, 'price'], [{ price: -1 }, 'price'], [{ price: 2.5 }, 'price'], [{ price: 1e15 + 1 }, 'price'],
        [{ price: 10, adjustments: [{ label: 'Giảm', amount: -10 }] }, 'adjustments'],
      ] as const) {
        const res = await api(t2.app, c2.cookies.secretary, 'PUT', `${e}/prices/A`, body)
        expect(res.statusCode, JSON.stringify(body)).toBe(400)
        expect(JSON.stringify(res.json().error.details), JSON.stringify(body)).toContain(field)
      }
      for (const K of [0, 100, 100.5]) {
        const res = await api(t2.app, c2.cookies.chair, 'PATCH', e, { method: 'combined', K })
        expect(res.statusCode).toBe(400)
        expect(JSON.stringify(res.json().error.details)).toContain('K')
      }
      // The price stage before review is complete: not a move that exists.
      expect((await api(t2.app, c2.cookies.chair, 'POST', `${e}/transitions`, { to: 'price' })).statusCode).toBe(409)
      expect(await snapshot(t2.db)).toBe(before)
    } finally {
      await t2.close()
    }
  }, 120_000)
})
