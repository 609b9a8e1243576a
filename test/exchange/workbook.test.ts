// The results workbook through the route (§5 GET …/export.xlsx): committee from review on only;
// recalculated by LibreOffice (cached results poisoned first), its totals, group subtotals and
// ranks equal the API's results to 2 decimals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Results } from '../../src/domain/results.ts'
import { LABELS } from '../../src/xlsx/labels.ts'
import { api, committee, move, scoreEverything, type Committee } from '../http/helpers.ts'
import { poisonCachedResults, recalculate } from '../xlsx/recalc.ts'
import { exchangeApp, loadWorkbook } from './helpers.ts'
import { expectSummaryEqualsResults } from './summary-check.ts'

let t: Awaited<ReturnType<typeof exchangeApp>>
let c: Committee
const xlsx = (cookie: string, lang = 'vi') => t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/export.xlsx?lang=${lang}`, headers: { cookie } })

beforeAll(async () => {
  t = await exchangeApp()
  c = await committee(t.app)
  await move(t.app, c, 'scoring')
  // Different levels per rater, so the raters' sheets and the means really differ.
  await scoreEverything(t, c, (i, rater) => (i * (rater + 2) + rater) % 6)
}, 120_000)
afterAll(async () => { await t.close() })

describe('results workbook through the API', () => {
  it('is refused during scoring (blind) and to people outside the committee', async () => {
    expect((await xlsx(c.cookies.chair)).statusCode).toBe(409)
    await move(t.app, c, 'review')
    expect((await xlsx(c.cookies.outsider)).statusCode).toBe(403)
    expect((await xlsx(c.cookies.admin)).statusCode).toBe(403)
  })

  it('recalculated by LibreOffice, equals the results to 2 decimals (vi and en)', async () => {
    const results = (await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/results`)).json().results as Results
    const books: Record<string, { buffer: Buffer; sheets: string[] }> = {}
    for (const lang of ['vi', 'en'] as const) {
      const res = await xlsx(c.cookies.observer, lang)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toContain('spreadsheetml')
      const wb = await loadWorkbook(res.rawPayload)
      const sheets = wb.worksheets.map((w) => w.name)
      expect(sheets[0]).toBe(LABELS[lang].summarySheet)
      books[lang] = { buffer: await poisonCachedResults(res.rawPayload), sheets }
    }
    expect(books.vi!.sheets).toEqual(['Tổng hợp', 'Tiêu chí', 'Phiếu – Người dùng chair', 'Phiếu – Người dùng member1', 'Phiếu – Người dùng member2', expect.any(String), 'Bất đồng'])
    const recalculated = await recalculate(books)
    for (const lang of ['vi', 'en'] as const) {
      const summary = recalculated.get(lang)!.get(LABELS[lang].summarySheet)!
      // Every candidate's total (with its rank) and every top-level group subtotal was compared.
      const groups = Object.keys(results.candidates[0]!.groups).length
      expect(groups).toBeGreaterThan(1)
      expect(expectSummaryEqualsResults(summary, results, lang)).toBe(2 * (1 + groups))
    }
  }, 240_000)
})
