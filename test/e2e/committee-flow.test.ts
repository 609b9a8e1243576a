// The committee's flow in a real browser (Debian's chromium through playwright-core), against
// the app listening in-process on 127.0.0.1:0: three raters sign in; the secretary sets up an
// evaluation of the QLVB&ĐHCV catalog with two candidates; each rater declares no conflict and
// scores — by keyboard on one candidate, by mouse on the other — with autosave proven by a
// reload; the chair moves to review, sees the results with their charts, and finalizes.
// Screenshots go to test-artifacts/e2e/. One browser, one context per person.
import { mkdirSync, readdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, login, PASSWORD, testApp, type TestApp } from '../http/helpers.ts'

const SHOTS = 'test-artifacts/e2e'
const RATERS = ['chair', 'member1', 'member2'] as const
// The criteria kept for the browser run (the full catalog has 40; the API tests cover it whole).
const KEEP = { A: ['A.1', 'A.2'], C: ['C.1', 'C.2'] } as const
const CRITERIA = ['A.1', 'A.2', 'C.1', 'C.2'] as const

describe('committee flow in the browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  const contexts: BrowserContext[] = []
  let id = 0
  let progressPage: Page
  // Script errors and console errors (a CSP violation, a failed load) of every page visited.
  const pageErrors: string[] = []

  async function signedIn(username: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
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

  /** A stage move: the link opens the confirmation dialog, whose button moves (issue #11 item 4). */
  async function confirmMove(page: Page, label: string, to: string | RegExp) {
    await page.click(`#transitions a[data-confirm]:has-text("${label}")`)
    await Promise.all([page.waitForURL(to), page.click('dialog[data-confirm-dialog] [data-slot="button"]')])
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    t = await testApp()
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    const admin = await login(t.app, 'admin')
    for (const u of ['chair', 'secretary', 'member1', 'member2']) {
      await api(t.app, admin, 'POST', '/users', { username: u, password: PASSWORD, displayName: { chair: 'Nguyễn Văn Trưởng', secretary: 'Trần Thị Thư', member1: 'Lê Văn Một', member2: 'Phạm Thị Hai' }[u] })
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  })

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await t?.close()
  })

  it('the admin creates the evaluation from the list page', async () => {
    const page = await signedIn('admin')
    await page.fill('input[name=title]', 'Đánh giá phần mềm QLVB&ĐHCV năm 2015')
    await page.selectOption('select[name=catalog]', { index: 0 })
    const options = await page.$$eval('select[name=catalog] option', (os) => os.map((o) => (o as HTMLOptionElement).value))
    await page.selectOption('select[name=catalog]', options.find((v) => v.startsWith('qlvb-dhcv-2015@'))!)
    await page.selectOption('select[name=chair]', 'chair')
    await Promise.all([page.waitForURL(/\/evaluations\/\d+$/), page.click('form[action="/evaluations"] button[type=submit]')])
    id = Number(/\/evaluations\/(\d+)$/.exec(page.url())![1])
    expect(await page.textContent('h1')).toContain('Dự thảo')
    // The chair names the secretary, who does the setup.
    const chair = await login(t.app, 'chair')
    expect((await api(t.app, chair, 'POST', `/evaluations/${id}/members`, { username: 'secretary', role: 'secretary' })).statusCode).toBe(201)
  })

  it('the secretary sets it up: details, report block, candidates, members, weights normalized live', async () => {
    const page = await signedIn('secretary')
    await page.goto(`${base}/evaluations/${id}`)
    await page.fill('textarea[name=basis]', 'Thông báo số 70/TB-UBND ngày 03/4/2015 của UBND tỉnh Bắc Giang')
    await page.fill('input[name=agency]', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG')
    await page.fill('input[name=number]', '125/BC-STTTT')
    await page.fill('input[name=place]', 'Bắc Giang')
    await page.fill('input[name=recipient]', 'Ủy ban nhân dân tỉnh Bắc Giang')
    await page.fill('input[name=signerName]', 'Nguyễn Văn Ký')
    await Promise.all([page.waitForURL(/#details$/), page.click('form[action$="/details"] button[type=submit]')])
    expect(await page.inputValue('input[name=number]')).toBe('125/BC-STTTT')

    for (const [name, vendor] of [['eOffice Bắc Giang', 'Công ty Phần mềm A'], ['QLVB Việt', 'Công ty Phần mềm B']] as const) {
      await page.fill('form[action$="/candidates"] input[name=name]', name)
      await page.fill('form[action$="/candidates"] input[name=vendor]', vendor)
      await Promise.all([page.waitForURL(/#candidates$/), page.click('form[action$="/candidates"] button[type=submit]')])
    }
    expect(await page.textContent('#candidates')).toContain('QLVB Việt')
    // The picker: both members at once, by their names.
    for (const u of ['member1', 'member2']) await page.check(`form[action$="/members"] input[name=usernames][value="${u}"]`)
    await page.selectOption('form[action$="/members"] select[name=role]', 'member')
    await Promise.all([page.waitForURL(/#members$/), page.click('form[action$="/members"] button[type=submit]')])
    expect(await page.textContent('#members')).toContain('Phạm Thị Hai')

    // Keep a small tree so the browser run stays quick (the API tests use the whole catalog).
    const secretary = await login(t.app, 'secretary')
    const ev = (await api(t.app, secretary, 'GET', `/evaluations/${id}`)).json() as { criteria: { id: string; children?: { id: string }[] }[] }
    for (const g of ev.criteria) {
      if (!(g.id in KEEP)) { expect((await api(t.app, secretary, 'DELETE', `/evaluations/${id}/criteria/${g.id}`)).statusCode).toBe(204); continue }
      for (const c of g.children ?? []) {
        if (!(KEEP as Record<string, readonly string[]>)[g.id]!.includes(c.id)) await api(t.app, secretary, 'DELETE', `/evaluations/${id}/criteria/${c.id}`)
      }
    }
    await page.goto(`${base}/evaluations/${id}`)
    await page.reload()
    // Live normalization: A 15 and C 16 → A is 48,39 %; typing 16 for A makes both 50,00 %.
    const global = (node: string) => page.textContent(`tr[data-node="${node}"] [data-out="global"]`)
    expect(await global('A')).toBe('48,39 %')
    await page.fill('input[name="w.A"]', '16')
    expect(await global('A')).toBe('50,00 %')
    expect(await global('C')).toBe('50,00 %')
    await page.screenshot({ path: `${SHOTS}/01-setup.png`, fullPage: true })
    await Promise.all([page.waitForURL(/#criteria$/), page.click('form[data-weights] button.primary')])
    expect(await page.inputValue('input[name="w.A"]')).toBe('16')
  })

  it('the chair starts scoring', async () => {
    const page = await signedIn('chair')
    await page.goto(`${base}/evaluations/${id}`)
    await confirmMove(page, 'Bắt đầu chấm điểm', /\/evaluations\/\d+\?done=moved$/)
    expect(await page.textContent('h1')).toContain('Đang chấm điểm')
    // The secretary puts the progress matrix on the projector before anyone has rated.
    progressPage = await signedIn('secretary')
    await progressPage.goto(`${base}/evaluations/${id}/progress`)
    expect(await progressPage.$$eval('[data-text]', (els) => els.map((e) => e.textContent))).toEqual(Array(6).fill('0/4 (0,00 %)'))
  })

  const levels: Record<(typeof RATERS)[number], Record<'A' | 'B', Record<(typeof CRITERIA)[number], string>>> = {
    chair: { A: { 'A.1': '5', 'A.2': '4', 'C.1': 'pass', 'C.2': '4' }, B: { 'A.1': '3', 'A.2': '3', 'C.1': 'pass', 'C.2': '2' } },
    member1: { A: { 'A.1': '4', 'A.2': '4', 'C.1': 'pass', 'C.2': '5' }, B: { 'A.1': '3', 'A.2': '2', 'C.1': 'pass', 'C.2': '3' } },
    member2: { A: { 'A.1': '4', 'A.2': '5', 'C.1': 'pass', 'C.2': '4' }, B: { 'A.1': '2', 'A.2': '3', 'C.1': 'fail', 'C.2': '3' } },
  }
  const keyOf = (v: string) => (v === 'pass' ? '1' : v === 'fail' ? '0' : v)

  for (const rater of RATERS) {
    it(`${rater} declares no conflict, scores A by keyboard and B by mouse; autosave survives a reload`, async () => {
      const page = await signedIn(rater)
      await page.goto(`${base}/evaluations/${id}/declaration`)
      await page.check('#no-conflict')
      await Promise.all([page.waitForURL(/\/sheet$/), page.click('form[action$="/declaration"] button[type=submit]')])

      // Candidate A by keyboard: a level key, then ↓ to the next criterion.
      await page.goto(`${base}/evaluations/${id}/sheet?candidate=A`)
      await page.focus('fieldset[data-criterion] input[type=radio]')
      for (const c of CRITERIA) {
        await page.keyboard.press(keyOf(levels[rater].A[c]))
        await page.keyboard.press('ArrowDown')
      }
      await expect.poll(() => page.textContent('[data-save-state]')).toBe('Đã lưu')
      expect(await page.textContent('[data-progress-text]')).toBe('Đã chấm 4/4 tiêu chí')
      // The own total follows the saves without a reload (chair on A: 5, 4, pass, 4 → 86,00).
      if (rater === 'chair') await expect.poll(() => page.textContent('.own-total')).toContain('86,00')
      if (rater === 'chair') await page.screenshot({ path: `${SHOTS}/02-sheet-keyboard.png`, fullPage: true })
      await page.reload()
      for (const c of CRITERIA) {
        expect(await page.isChecked(`fieldset[data-criterion="${c}"] input[value="${levels[rater].A[c]}"]`), `${rater} A ${c}`).toBe(true)
      }

      // Candidate B by mouse, with a comment on one criterion.
      await page.goto(`${base}/evaluations/${id}/sheet?candidate=B`)
      for (const c of CRITERIA) await page.click(`fieldset[data-criterion="${c}"] input[value="${levels[rater].B[c]}"]`)
      await page.fill('fieldset[data-criterion="C.2"] textarea', `Nhận xét của ${rater}: tích hợp chữ ký số còn hạn chế`)
      await expect.poll(() => page.textContent('[data-save-state]'), { timeout: 5000 }).toBe('Đã lưu')
      await page.reload()
      for (const c of CRITERIA) expect(await page.isChecked(`fieldset[data-criterion="${c}"] input[value="${levels[rater].B[c]}"]`)).toBe(true)
      expect(await page.inputValue('fieldset[data-criterion="C.2"] textarea')).toContain(`Nhận xét của ${rater}`)
    })
  }

  it('the progress matrix on the projector caught up by itself (polling): every sheet complete', async () => {
    const texts = () => progressPage.$$eval('[data-text]', (els) => els.map((e) => e.textContent))
    await expect.poll(texts, { timeout: 12_000, interval: 500 }).toEqual(Array(6).fill('4/4 (100,00 %)'))
    expect(await progressPage.$$eval('[data-declared]', (els) => els.map((e) => e.textContent?.trim()))).toEqual(['Đã cam kết', 'Đã cam kết', 'Đã cam kết'])
    await progressPage.screenshot({ path: `${SHOTS}/03-progress.png`, fullPage: true })
  })

  it('the chair moves to review and sees the results with their charts', async () => {
    const page = await signedIn('chair')
    await page.goto(`${base}/evaluations/${id}`)
    await confirmMove(page, 'Chuyển sang Xem xét', `${base}/evaluations/${id}/results`)
    // Candidate B fails C.1 for member2 only: 2 of 3 pass, so it still passes C.1 (§3).
    expect(await page.textContent('#recommendation')).toContain('eOffice Bắc Giang')
    expect(await page.$$eval('#charts svg', (s) => s.length)).toBeGreaterThanOrEqual(1)
    expect(await page.$$eval('#disagreements svg', (s) => s.length)).toBe(1)
    await page.screenshot({ path: `${SHOTS}/04-results.png`, fullPage: true })
  })

  it('in review, a rater changes a rating with a reason (autosave), kept in the history', async () => {
    const page = await signedIn('member2')
    await page.goto(`${base}/evaluations/${id}/sheet?candidate=B`)
    await page.fill('[data-reason]', 'Sau khi xem lại minh chứng tích hợp')
    await page.click('fieldset[data-criterion="C.2"] input[value="4"]')
    await expect.poll(() => page.textContent('[data-save-state]')).toBe('Đã lưu')
    const chair = await login(t.app, 'chair')
    const audit = (await api(t.app, chair, 'GET', `/evaluations/${id}/audit`)).json() as { entity: string; reason: string | null; after: { value: number } }[]
    expect(audit.at(-1)).toMatchObject({ entity: 'rating:m4/B/C.2', reason: 'Sau khi xem lại minh chứng tích hợp', after: { value: 4 } })
  })

  it('the chair writes the conclusion and finalizes; the reports are written', async () => {
    const page = await signedIn('chair')
    await page.goto(`${base}/evaluations/${id}#conclusion`)
    await page.fill('textarea[name=conclusion]', 'Tổ đánh giá đề xuất lựa chọn phần mềm eOffice Bắc Giang.')
    await Promise.all([page.waitForURL(/#conclusion$/), page.click('form[action$="/conclusion"] button[type=submit]')])
    await confirmMove(page, 'Hoàn thành', `${base}/evaluations/${id}/results`)
    expect(await page.textContent('h1')).toContain('Đã hoàn thành')
    // §2: finalizing wrote the vi and en reports to REPORTS_DIR, named <slug>-<hash12>-<lang>.pdf.
    const reports = readdirSync(t.app.config.reportsDir).filter((f) => f.endsWith('.pdf')).sort()
    expect(reports).toHaveLength(2)
    expect(reports[0]).toMatch(/-[0-9a-f]{12}-en\.pdf$/)
    expect(reports[1]).toMatch(/-[0-9a-f]{12}-vi\.pdf$/)
    await page.goto(`${base}/evaluations/${id}/history`)
    expect(await page.textContent('.notice')).toContain('Chuỗi nhật ký toàn vẹn')
    await page.screenshot({ path: `${SHOTS}/05-history.png`, fullPage: true })
  })

  it('no page raised a script error, a CSP violation or a failed load', () => {
    expect(pageErrors).toEqual([])
  })
})
