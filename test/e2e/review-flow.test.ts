// The review meeting in a real browser (Debian's chromium through playwright-core): set up and
// rated through the API (the committee-flow test covers that part in the browser), then in
// review the chair opens the workspace, sees the disagreement first with the raters' comments,
// records the committee's consensus with a reason and sees the result change; the secretary
// records the meeting and downloads the minutes, checked with pdftotext. The workspace fits a
// 390 px phone. Screenshots go to test-artifacts/e2e/.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { api, committee, move, PASSWORD, testApp, type Committee, type TestApp } from '../http/helpers.ts'

const SHOTS = 'test-artifacts/e2e'
// A small tree: group A with A.1 and A.2, group C with C.1 (pass/fail) and C.2.
const KEEP: Record<string, readonly string[]> = { A: ['A.1', 'A.2'], C: ['C.1', 'C.2'] }
// Raters chair, member1, member2. A.1 for product A is the disagreement: 5, 1, 2 (spread 4).
const RATINGS: Record<string, Record<string, [number | boolean, number | boolean, number | boolean]>> = {
  A: { 'A.1': [5, 1, 2], 'A.2': [4, 4, 3], 'C.1': [true, true, true], 'C.2': [3, 3, 4] },
  B: { 'A.1': [3, 3, 3], 'A.2': [3, 4, 3], 'C.1': [true, true, true], 'C.2': [4, 4, 4] },
}
const COMMENTS = ['Cấp số tự động, đủ các sổ văn bản đến', 'Chỉ cấp số thủ công, không tự động', 'Cấp số tự động nhưng lỗi khi trùng số']

describe('the review meeting in the browser', () => {
  let t: TestApp
  let c: Committee
  let base: string
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  async function signedIn(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`${username}: ${m.text()}`) })
    await page.goto(`${base}/login`)
    await page.fill('input[name=username]', username)
    await page.fill('input[name=password]', PASSWORD)
    await Promise.all([page.waitForURL(`${base}/evaluations`), page.click('form[action="/login"] button[type=submit]')])
    return page
  }

  const score = async (candidate: string) => {
    const r = (await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/results`)).json()
    return (r.results.candidates as { id: string; score: number }[]).find((x) => x.id === candidate)!.score
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    t = await testApp()
    c = await committee(t.app)
    const chair = c.cookies.chair
    const ev = (await api(t.app, chair, 'GET', `/evaluations/${c.id}`)).json() as { criteria: { id: string; children?: { id: string }[] }[] }
    for (const g of ev.criteria) {
      if (!(g.id in KEEP)) { expect((await api(t.app, chair, 'DELETE', `/evaluations/${c.id}/criteria/${g.id}`)).statusCode).toBe(204); continue }
      for (const x of g.children ?? []) if (!KEEP[g.id]!.includes(x.id)) await api(t.app, chair, 'DELETE', `/evaluations/${c.id}/criteria/${x.id}`)
    }
    await move(t.app, c, 'scoring')
    for (const [r, who] of (['chair', 'member1', 'member2'] as const).entries()) {
      expect((await api(t.app, c.cookies[who], 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })).statusCode).toBe(204)
      for (const [cand, byCriterion] of Object.entries(RATINGS)) {
        for (const [criterion, values] of Object.entries(byCriterion)) {
          const comment = cand === 'A' && criterion === 'A.1' ? COMMENTS[r] : undefined
          const res = await api(t.app, c.cookies[who], 'PUT', `/evaluations/${c.id}/ratings/${cand}/${criterion}`, { ...(typeof values[r] === 'boolean' ? { pass: values[r] } : { value: values[r] }), ...(comment ? { comment } : {}) })
          expect(res.statusCode, res.body).toBe(200)
        }
      }
    }
    await move(t.app, c, 'review')
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  }, 120_000)

  afterAll(async () => {
    for (const x of contexts) await x.close()
    await browser?.close()
    await t?.close()
    await closeRenderPool()
  })

  it('the chair opens the workspace from the tabs: the disagreement first, with every rater\'s comment', async () => {
    const page = await signedIn('chair')
    await page.goto(`${base}/evaluations/${c.id}/results`)
    await Promise.all([page.waitForURL(/\/review$/), page.click('nav.tabs a[href$="/review"]')])
    const first = page.locator('section.review-criterion').first()
    expect(await first.getAttribute('id')).toBe('crit-A.1')
    const text = (await first.textContent())!
    for (const comment of COMMENTS) expect(text).toContain(comment)
    expect(text).toContain('chênh lệch 4 mức')
    await page.screenshot({ path: `${SHOTS}/review-01-workspace.png`, fullPage: true })
  })

  it('the chair records the consensus with a reason; the cell shows it and what it replaced; the score changes', async () => {
    const before = await score('A')
    const page = await signedIn('chair')
    await page.goto(`${base}/evaluations/${c.id}/review`)
    const cell = page.locator('section#crit-A\\.1 tr.review-consensus td').first()
    // Without a reason the form comes back with the message beside the field.
    await cell.locator('summary').click()
    await cell.locator('select[name=value]').selectOption('4')
    await cell.locator('textarea[name=reason]').evaluate((el) => el.removeAttribute('required'))
    await Promise.all([page.waitForLoadState('load'), cell.locator('form button[type=submit]').first().click()])
    expect(await page.locator('.field-error').first().textContent()).toMatch(/lý do/i)
    // What the chair chose is still chosen.
    expect(await page.locator('section#crit-A\\.1 tr.review-consensus td').first().locator('select[name=value]').inputValue()).toBe('4')
    await page.screenshot({ path: `${SHOTS}/review-02-reason-missing.png`, fullPage: true })
    const again = page.locator('section#crit-A\\.1 tr.review-consensus td').first()
    await again.locator('select[name=value]').selectOption('4')
    await again.locator('textarea[name=reason]').fill('Tổ chạy thử lại: cấp số tự động hoạt động, lỗi trùng số đã được sửa')
    await Promise.all([page.waitForURL(/#cell-/), again.locator('form button[type=submit]').first().click()])
    const shown = (await page.locator('section#crit-A\\.1 tr.review-consensus td').first().textContent())!
    expect(shown).toContain('4')
    expect(shown).toContain('Thay cho điểm tổng hợp 2,67')
    expect(shown).toContain('Tổ chạy thử lại')
    await page.screenshot({ path: `${SHOTS}/review-03-consensus.png`, fullPage: true })
    // A.1 mean 8/3 → 4: A gains 100 × W(A.1) × (4 − 8/3)/5.
    expect(await score('A')).toBeGreaterThan(before)
    await page.goto(`${base}/evaluations/${c.id}/results`)
    await page.screenshot({ path: `${SHOTS}/review-04-results.png`, fullPage: true })
  })

  it('an observer reads the workspace without forms; the group filter works without JavaScript', async () => {
    const page = await signedIn('observer')
    await page.goto(`${base}/evaluations/${c.id}/review`)
    expect(await page.locator('details.consensus-form').count()).toBe(0)
    await page.selectOption('select[name=group]', 'C')
    await Promise.all([page.waitForURL(/group=C/), page.click('form.review-filter button[type=submit]')])
    const ids = await page.locator('section.review-criterion').evaluateAll((els) => els.map((e) => e.id))
    expect(ids.sort()).toEqual(['crit-C.1', 'crit-C.2'])
  })

  it('on a 390 px phone the workspace is no wider than the screen', async () => {
    const page = await signedIn('chair', { width: 390, height: 844 })
    await page.goto(`${base}/evaluations/${c.id}/review`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    await page.screenshot({ path: `${SHOTS}/review-05-phone.png`, fullPage: true })
    expect(width).toBeLessThanOrEqual(390)
  })

  it('the secretary records the meeting and downloads the minutes', async () => {
    const page = await signedIn('secretary')
    await page.goto(`${base}/evaluations/${c.id}`)
    await Promise.all([page.waitForURL(/\/meeting$/), page.click('nav.tabs a[href$="/meeting"]')])
    await page.fill('input[name=startedAt]', '2015-05-20T08:00')
    await page.fill('input[name=endedAt]', '2015-05-20T10:30')
    await page.fill('input[name=place]', 'Phòng họp tầng 2, Sở Thông tin và Truyền thông')
    for (const m of ['m1', 'm2', 'm3']) await page.check(`input[name=att_${m}][value=present]`)
    await page.check('input[name=att_m4][value=absent]')
    await page.fill('input[name=reason_m4]', 'Đi công tác')
    await page.fill('textarea[name=notes]', 'Tổ đánh giá nhất trí với kết quả sau khi thống nhất tiêu chí A.1.')
    await Promise.all([page.waitForURL(/saved=1/), page.click('form[action$="/meeting"] button[type=submit]')])
    expect(await page.locator('p.notice').first().textContent()).toContain('Đã lưu')
    await page.screenshot({ path: `${SHOTS}/review-06-meeting.png`, fullPage: true })

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="minutes.pdf?lang=vi"]')])
    const path = `${SHOTS}/review-minutes-vi.pdf`
    await download.saveAs(path)
    const text = execFileSync('pdftotext', ['-layout', path, '-']).toString('utf8').replace(/\s+/g, ' ')
    for (const s of ['BIÊN BẢN', 'Phòng họp tầng 2', 'Người dùng member2', 'Đi công tác', 'Tổ chạy thử lại', 'THƯ KÝ', 'CHỦ TRÌ', '10 giờ 30 phút']) {
      expect(text).toContain(s)
    }
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    execFileSync('pdftoppm', ['-r', '50', '-png', path, `${SHOTS}/review-minutes`])
  }, 60_000)

  it('no page raised a script or console error', () => {
    // The one 400 is the refused form of the test above (the browser logs any 4xx page load).
    const unexpected = pageErrors.filter((e) => !e.startsWith('chair: Failed to load resource: the server responded with a status of 400'))
    expect(unexpected, unexpected.join('\n')).toEqual([])
    expect(pageErrors.length).toBeLessThanOrEqual(1)
  })
})
