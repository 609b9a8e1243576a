// A UI a committee trusts (issue #11 items 3–9), in a real browser (Debian's chromium through
// playwright-core) against the app listening on 127.0.0.1:0:
// - a refused form re-renders with its message beside the field, in plain words, keeping what was typed;
// - a delete and a stage move ask first (a <dialog>; a confirm page without JavaScript), and
//   scoring → draft works from the page with a reason;
// - every page of a finished evaluation (the demo, loaded and finalized) fits a 390 px phone: no
//   horizontal scroll; screenshots at 1366×768 and 390×844 go to test-artifacts/e2e-ui/;
// - axe-core finds zero violations on every page type.
import { mkdirSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDemoAccounts } from '../../src/demo/demo-accounts.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { SYSTEM_ACTOR } from '../../src/services/actor.ts'
import { importEvaluationFile } from '../../src/services/index.ts'
import { api, login, PASSWORD, testApp, type TestApp } from '../http/helpers.ts'

const SHOTS = 'test-artifacts/e2e-ui'
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const PHONE = { width: 390, height: 844 }
const LAPTOP = { width: 1366, height: 768 }

describe('a UI a committee trusts, in the browser', () => {
  let t: TestApp
  let base: string
  let browser: Browser
  const contexts: BrowserContext[] = []
  let demoId = 0
  let draftId = 0
  const pageErrors: string[] = []

  async function signedIn(username: string, viewport = LAPTOP, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', javaScriptEnabled })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`))
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) pageErrors.push(`${username}: ${m.text()}`) })
    await page.goto(`${base}/login`)
    await page.fill('input[name=username]', username)
    await page.fill('input[name=password]', PASSWORD)
    await Promise.all([page.waitForURL(`${base}/evaluations`), page.click('form[action="/login"] button[type=submit]')])
    return page
  }

  beforeAll(async () => {
    mkdirSync(`${SHOTS}/parts`, { recursive: true })
    t = await testApp()
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    // The demo, with its people's accounts (cli demo's way), then finalized by its chair.
    const file = await loadDemoEvaluation()
    const accounts = await createDemoAccounts(t.db, file, SYSTEM_ACTOR, PASSWORD)
    expect(accounts.created.map((a) => a.username)).toContain('thanhnv')
    demoId = (await importEvaluationFile(t.db, file, SYSTEM_ACTOR)).id
    const chair = await login(t.app, 'thanhnv')
    // A draft for the forms and the confirmations: the demo's chair chairs it, its secretary sets it up.
    const admin = await login(t.app, 'admin')
    const created = await api(t.app, admin, 'POST', '/evaluations', { title: 'Đánh giá thử nghiệm giao diện', catalogId: 'qlvb-dhcv-2015', chair: 'thanhnv' })
    draftId = created.json().id
    expect((await api(t.app, chair, 'POST', `/evaluations/${draftId}/members`, { username: 'tranghtt', role: 'secretary' })).statusCode).toBe(201)
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  }, 120_000)

  afterAll(async () => {
    for (const c of contexts) await c.close()
    await browser?.close()
    await t?.close()
  })

  it('the sheet in review: a change waits for its reason, and is saved once the reason is typed', async () => {
    const page = await signedIn('ductm')
    await page.goto(`${base}/evaluations/${demoId}/sheet?candidate=edoc`)
    // A complete sheet gives its verdict (never "0,00 — KHÔNG ĐẠT" before anything is rated).
    expect((await page.textContent('[data-own-total]'))!.replace(/\s+/g, ' ')).toMatch(/Tổng điểm của bạn: \d+,\d\d — (ĐẠT|KHÔNG ĐẠT)/)
    const fs = page.locator('fieldset[data-criterion="A.2"]')
    const current = await fs.locator('input[type=radio]:checked').getAttribute('value')
    const next = current === '5' ? '4' : '5'
    await fs.locator(`input[value="${next}"]`).check()
    await expect.poll(() => page.textContent('[data-save-state]')).toBe('Chờ lý do sửa điểm')
    await page.fill('[data-reason]', 'Xem lại minh chứng tại buổi họp')
    await expect.poll(() => page.textContent('[data-save-state]'), { timeout: 10_000 }).toBe('Đã lưu')
    const mine = (await api(t.app, await login(t.app, 'ductm'), 'GET', `/evaluations/${demoId}/ratings`)).json() as { member: string; candidate: string; criterion: string; value?: number }[]
    expect(mine.find((r) => r.member === 'm3' && r.candidate === 'edoc' && r.criterion === 'A.2')?.value).toBe(Number(next))
    await page.screenshot({ path: `${SHOTS}/sheet-review-1366.png` })
  })

  it('the chair finalizes the demo (conclusion, proposal, move)', async () => {
    const chair = await login(t.app, 'thanhnv')
    const results = (await api(t.app, chair, 'GET', `/evaluations/${demoId}/results`)).json()
    const proposal = results.results?.recommended ?? results.recommended ?? 'none'
    const patched = await api(t.app, chair, 'PATCH', `/evaluations/${demoId}`, { report: { conclusion: 'Tổ đánh giá đề xuất lựa chọn phần mềm eDoc Kinh Bắc.', proposal } })
    expect(patched.statusCode, patched.body).toBe(200)
    const finalized = await api(t.app, chair, 'POST', `/evaluations/${demoId}/transitions`, { to: 'finalized' })
    expect(finalized.statusCode, finalized.body).toBe(200)
  }, 120_000)

  it('a refused form shows the message beside its field, in plain words, keeping what was typed (400)', async () => {
    const page = await signedIn('tranghtt')
    await page.goto(`${base}/evaluations/${draftId}#details`)
    await page.fill('#f-details-basis', 'Thông báo số 70/TB-UBND')
    await page.fill('#f-details-threshold', 'bảy mươi')
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/evaluations/${draftId}/details`)),
      page.click('form[action$="/details"] button[type=submit]'),
    ])
    expect(res.status()).toBe(400)
    const beside = page.locator('#err-details-threshold')
    await expect.poll(() => beside.textContent()).toBe('Cần một con số, ví dụ 2 hoặc 2,5.')
    expect(await page.getAttribute('#f-details-threshold', 'aria-invalid')).toBe('true')
    // What was typed is still there, the summary names the field by its label, nothing technical.
    expect(await page.inputValue('#f-details-basis')).toBe('Thông báo số 70/TB-UBND')
    expect(await page.inputValue('#f-details-threshold')).toBe('bảy mươi')
    const summary = await page.textContent('[data-form-errors]')
    expect(summary).toContain('Điểm tối thiểu')
    expect(summary).not.toMatch(/threshold|mong đợi|string|regex|\[\d+\]/)
    await page.screenshot({ path: `${SHOTS}/form-error-1366.png`, fullPage: false })

    // A service's refusal names things by name: a criterion code that is taken.
    await page.goto(`${base}/evaluations/${draftId}#criteria`)
    await page.click('#criteria details summary')
    await page.fill('#f-criterion-id', 'A.1')
    await page.fill('#f-criterion-title', 'Tiêu chí trùng mã')
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/criteria/add')), page.click('form[action$="/criteria/add"] button[type=submit]')])
    const taken = await page.textContent('#err-criterion-id')
    expect(taken).toMatch(/đã được dùng/)
    expect(await page.inputValue('#f-criterion-title')).toBe('Tiêu chí trùng mã')
  })

  it('a delete asks first in a dialog saying what goes with it; cancel keeps, confirm deletes', async () => {
    const page = await signedIn('tranghtt')
    await page.goto(`${base}/evaluations/${draftId}#criteria`)
    const group = page.locator('tr[data-node="A"] a[data-confirm]')
    await group.click()
    const dialog = page.locator('dialog[data-confirm-dialog]')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const text = await dialog.textContent()
    expect(text).toMatch(/Xóa nhóm “[^”]+”\?/)
    expect(text).toMatch(/cùng \d+ mục bên trong/)
    expect(await dialog.locator('[data-slot="items"] li').count()).toBeGreaterThan(1)
    await page.screenshot({ path: `${SHOTS}/confirm-dialog-1366.png` })
    await dialog.locator('[data-close]').click()
    expect(await dialog.isVisible()).toBe(false)
    expect(await page.locator('tr[data-node="A"]').count()).toBe(1)
    await group.click()
    await Promise.all([page.waitForURL(/done=deleted/), dialog.locator('[data-slot="button"]').click()])
    expect(await page.locator('tr[data-node="A"]').count()).toBe(0)
    expect(await page.textContent('.notice[role=status]')).toBe('Đã xóa.')
  })

  it('without JavaScript the same question is a page of its own, and scoring → draft works with a reason', async () => {
    const chair = await login(t.app, 'thanhnv')
    expect((await api(t.app, chair, 'POST', `/evaluations/${draftId}/candidates`, { name: 'Phần mềm thử' })).statusCode).toBe(201)
    expect((await api(t.app, chair, 'POST', `/evaluations/${draftId}/transitions`, { to: 'scoring' })).statusCode).toBe(200)
    const page = await signedIn('thanhnv', PHONE, false)
    await page.goto(`${base}/evaluations/${draftId}`)
    await Promise.all([page.waitForURL(/\/confirm\?do=transition%3Adraft/), page.click('a[data-field-to="draft"]')])
    expect(await page.textContent('h2')).toBe('Đưa về Dự thảo?')
    expect(await page.textContent('main')).toContain('Chỉ làm được khi chưa ai chấm điểm')
    await page.screenshot({ path: `${SHOTS}/confirm-page-390.png`, fullPage: true })
    await page.fill('textarea[name=reason]', 'Bổ sung tiêu chí liên thông trước khi chấm')
    await Promise.all([page.waitForURL(/done=moved/), page.click('.confirm-form button[type=submit]')])
    expect(await page.textContent('h1 .status')).toBe('Dự thảo')
  })

  /** Every page a committee opens in a finished evaluation, for the roles that open them. */
  async function pagesOf(page: Page): Promise<string[]> {
    await page.goto(`${base}/evaluations/${demoId}`)
    const tabs = await page.$$eval('.ev-header nav.tabs a', (as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))
    const extra = [`/evaluations/${demoId}/sheet?candidate=soffice`, `/evaluations/${demoId}/confirm?do=transition%3Areview`, '/evaluations', '/account']
    return [...new Set([...tabs, ...extra])]
  }

  it('no page of a finished evaluation is wider than a 390 px phone; screenshots at 390 and 1366', async () => {
    const wide: string[] = []
    for (const who of ['thanhnv', 'tranghtt', 'ductm', 'admin']) {
      const phone = await signedIn(who, PHONE)
      const laptop = await signedIn(who, LAPTOP)
      const urls = who === 'admin' ? ['/evaluations', '/admin/users', '/admin/catalogs', '/account', `/evaluations/${demoId}`] : await pagesOf(phone)
      for (const url of urls) {
        const res = await phone.goto(`${base}${url}`)
        expect(res?.status(), `${who} ${url}`).toBeLessThan(400)
        // Every link is an address, not a dump of the template's context (the JSON download once was 38 KB).
        const longest = await phone.$$eval('a[href]', (as) => Math.max(0, ...as.map((a) => (a.getAttribute('href') ?? '').length)))
        expect(longest, `${who} ${url}`).toBeLessThan(300)
        const { scroll, inner } = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
        if (scroll > inner) wide.push(`${who} ${url}: ${scroll} px`)
        const name = `${who}${url.replace(/[^a-z0-9]+/gi, '-')}`
        // Screenshots of every page for the chair and the admin (the others' pages are the same pages).
        if (who !== 'thanhnv' && who !== 'admin') continue
        await phone.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true, timeout: 90_000 })
        // Screen-sized parts too, to be looked at one by one (a full page is too tall to read).
        if (who === 'thanhnv') {
          const height = await phone.evaluate(() => document.documentElement.scrollHeight)
          for (let k = 0; k * PHONE.height < Math.min(height, 4 * PHONE.height); k++) {
            await phone.screenshot({ path: `${SHOTS}/parts/${name}-390-${k}.png`, fullPage: true, clip: { x: 0, y: k * PHONE.height, width: PHONE.width, height: Math.min(PHONE.height, height - k * PHONE.height) }, timeout: 90_000 })
          }
        }
        await laptop.goto(`${base}${url}`)
        await laptop.screenshot({ path: `${SHOTS}/${name}-1366.png`, timeout: 90_000 })
      }
    }
    expect(wide).toEqual([])
  }, 900_000)

  it('axe-core finds no violation on any page type', async () => {
    const found: string[] = []
    const scan = async (page: Page, label: string) => {
      // The strict CSP forbids inline scripts: evaluate axe's source as the page's own code.
      await page.evaluate(AXE)
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe
        const r = await axe.run(document, { resultTypes: ['violations'] })
        return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ')}`)
      })
      for (const v of violations) found.push(`${label}: ${v}`)
    }
    const chair = await signedIn('thanhnv')
    for (const url of await pagesOf(chair)) {
      await chair.goto(`${base}${url}`)
      await scan(chair, `chair ${url}`)
    }
    const admin = await signedIn('admin')
    for (const url of ['/admin/users', '/admin/catalogs', `/evaluations/${draftId}`]) {
      await admin.goto(`${base}${url}`)
      await scan(admin, `admin ${url}`)
    }
    // The setup page in draft (every form), the sheet in review, a refused form, the sign-in page.
    const secretary = await signedIn('tranghtt')
    await secretary.goto(`${base}/evaluations/${draftId}`)
    await scan(secretary, 'secretary setup (draft)')
    await secretary.fill('#f-details-threshold', '150')
    await Promise.all([secretary.waitForResponse((r) => r.url().endsWith('/details')), secretary.click('form[action$="/details"] button[type=submit]')])
    await scan(secretary, 'secretary refused details form')
    const anonymous = await browser.newContext({ viewport: LAPTOP })
    contexts.push(anonymous)
    const login = await anonymous.newPage()
    await login.goto(`${base}/login`)
    await scan(login, 'sign-in')
    expect(found).toEqual([])
  }, 600_000)

  it('no script error on any page visited', () => {
    expect(pageErrors).toEqual([])
  })
})
