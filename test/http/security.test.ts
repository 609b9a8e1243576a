// Sessions and sign-in (§7): HttpOnly SameSite=Lax cookies (Secure behind TLS), a new session id
// at sign-in, sign-out ends the session server-side, sessions survive a restart (they live in
// the database), failed sign-ins are limited per account and per address (successes are not).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../../src/config.ts'
import { closeDb } from '../../src/db/create-db.ts'
import { ensureFirstAdmin, sessionSigningKey } from '../../src/services/index.ts'
import { openTestDb } from '../pg/test-db.ts'
import { ADMIN, api, committee, login, PASSWORD, testApp, type Committee, type TestApp } from './helpers.ts'

describe('sessions and sign-in', () => {
  let t: TestApp | undefined
  afterEach(async () => { await t?.close(); t = undefined })

  it('session cookie: HttpOnly, SameSite=Lax, not Secure on plain HTTP; Secure when configured', async () => {
    t = await testApp()
    const res = await api(t.app, null, 'POST', '/auth/login', { username: ADMIN, password: PASSWORD })
    const sid = [res.headers['set-cookie']].flat().find((x) => String(x).startsWith('sid='))!
    expect(sid).toMatch(/HttpOnly/)
    expect(sid).toMatch(/SameSite=Lax/)
    expect(sid).not.toMatch(/Secure/)
    await t.close()
    t = await testApp({ secureCookies: true })
    const secure = await api(t.app, null, 'POST', '/auth/login', { username: ADMIN, password: PASSWORD })
    expect([secure.headers['set-cookie']].flat().find((x) => String(x).startsWith('sid='))).toMatch(/Secure/)
  })

  it('sign-out destroys the session: the old cookie is worth nothing', async () => {
    t = await testApp()
    const cookie = await login(t.app, ADMIN)
    expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(200)
    expect((await api(t.app, cookie, 'POST', '/auth/logout')).statusCode).toBe(204)
    expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(401)
  })

  it('a signed-in request does not write its session back (no extra commit per autosave)', async () => {
    t = await testApp()
    const cookie = await login(t.app, ADMIN)
    const before = await t.db.selectFrom('sessions').selectAll().execute()
    const res = await api(t.app, cookie, 'GET', '/auth/me')
    expect(res.statusCode).toBe(200)
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual(before)
  })

  it('a restart keeps people signed in (sessions are in the database)', async () => {
    const base = loadConfig({ LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv)
    const db = await openTestDb()
    await ensureFirstAdmin(db, ADMIN, PASSWORD)
    const catalogs = await CatalogRegistry.fromDir(base.criteriaDir)
    // Each start reads the signing key from the database, as server.ts does.
    const deps = async () => ({ db, catalogs, sessionSecret: (await sessionSigningKey(db)).key, logger: false as const })
    const first = await buildApp(base, await deps())
    const cookie = await login(first, ADMIN)
    await first.close()
    const second = await buildApp(base, await deps())
    expect((await api(second, cookie, 'GET', '/auth/me')).json().user.username).toBe(ADMIN)
    await second.close()
    await closeDb(db)
  })

  it('failed sign-ins are limited per account (429 after the limit); the right password is refused too while locked', async () => {
    t = await testApp({ loginAttempts: 3 })
    const attempt = (password: string, ip = '10.0.0.1') => t!.app.inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: ADMIN, password }),
    })
    for (let i = 0; i < 3; i++) expect((await attempt('sai')).statusCode).toBe(401)
    const locked = await attempt(PASSWORD, '10.0.0.2')
    expect(locked.statusCode).toBe(429)
    expect(locked.json().error.message).toMatch(/Đăng nhập sai quá nhiều lần/)
  })

  it('failed sign-ins are limited per address, across accounts', async () => {
    t = await testApp({ loginAttempts: 3 })
    const attempt = (username: string, password: string) => t!.app.inject({
      method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.9', headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username, password }),
    })
    for (const u of ['a', 'b', 'c']) expect((await attempt(u, 'sai')).statusCode).toBe(401)
    expect((await attempt(ADMIN, PASSWORD)).statusCode).toBe(429)
  })

  it('successful sign-ins are not counted', async () => {
    t = await testApp({ loginAttempts: 3 })
    for (let i = 0; i < 6; i++) {
      const res = await api(t.app, null, 'POST', '/auth/login', { username: ADMIN, password: PASSWORD })
      expect(res.statusCode).toBe(200)
    }
  })

  it('security headers on every response', async () => {
    t = await testApp()
    // A page, the API (signed out: 401), an unknown URL, a bad JSON body, a static file.
    const requests = [
      { method: 'GET', url: '/login' },
      { method: 'GET', url: '/api/v1/evaluations' },
      { method: 'GET', url: '/khong-co-trang-nay' },
      { method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' },
      { method: 'GET', url: '/public/app.css' },
    ] as const
    const statuses: number[] = []
    for (const r of requests) {
      const res = await t.app.inject(r)
      statuses.push(res.statusCode)
      expect(res.headers['x-content-type-options'], r.url).toBe('nosniff')
      expect(res.headers['x-frame-options'], r.url).toBe('SAMEORIGIN')
      expect(String(res.headers['content-security-policy']), r.url).toContain("frame-ancestors 'none'")
      expect(res.headers['strict-transport-security'], r.url).toBeUndefined() // plain HTTP here: no HSTS
    }
    expect(statuses).toEqual([200, 401, 404, 400, 200])
  })
})

// CSRF by URL spelling (issue #9): the API's JSON-only rule lives on its route scope, so a
// cross-site form (urlencoded, text/plain, multipart without a token) reaches no API route
// however the URL is written. Every write route of the OpenAPI document, every spelling, a
// signed-in admin's and chair's cookie, a body that would succeed as JSON: nothing changes.
describe('CSRF by URL spelling: no write route takes a form body, however its URL is spelled', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  }, 60_000)
  afterAll(async () => { await t?.close() })

  const SPELLINGS = [
    '/api/v1', '/%61pi/v1', '/%61%70%69/v1', '/api/%761', '//api/v1', '/api//v1', '/API/v1', '/Api/V1', '/api/v1/../v1',
    '/api/v1/.', '/api/./v1', '/%2Fapi/v1', '/api%2Fv1', '/api/v1/', '/./api/v1',
  ]
  const FORM = {
    username: 'member1', password: 'bi-chiem-quyen-1', currentPassword: PASSWORD, displayName: 'Kẻ lạ', admin: 'true',
    title: 'Đổi tên', catalogId: 'qlvb-dhcv-2015', name: 'Phần mềm Z', role: 'member', weight: '5', to: 'scoring', noConflict: 'true',
    value: '3', reason: 'x', yaml: 'id: x', id: 'x', version: '9.9.9',
  }
  const BODIES: { type: string; payload: (boundary: string) => string }[] = [
    { type: 'application/x-www-form-urlencoded', payload: () => new URLSearchParams(FORM).toString() },
    { type: 'text/plain', payload: () => JSON.stringify(FORM) },
    {
      type: 'multipart/form-data; boundary=XyZ',
      payload: () => `${Object.entries(FORM).map(([k, v]) => `--XyZ\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('')}--XyZ--\r\n`,
    },
  ]

  it('every write route × every spelling × urlencoded, text/plain and multipart bodies: refused, every table unchanged', async () => {
    const { documentedRoutes } = await import('../proof/api-routes.ts')
    const { diffSnapshots, snapshot: dump } = await import('../proof/db-snapshot.ts')
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const group = ev.criteria[0].id as string
    const leaf = (ev.criteria[0].children?.[0]?.id ?? group) as string
    const values: Record<string, string> = { id: String(c.id), code: 'A', candidateId: 'A', criterionId: leaf, groupId: group, member: 'm3', username: 'member1', version: '1.0.0' }
    const writes = (await documentedRoutes(t.app)).filter((r) => r.method !== 'GET')
    expect(writes.length).toBeGreaterThan(20)
    // A page (a 404 for most spellings) gives a session its CSRF secret the first time: let both
    // sessions have theirs before the snapshot, so that benign write is not mistaken for an attack's.
    for (const who of ['admin', 'chair'] as const) expect((await t.app.inject({ method: 'GET', url: '/evaluations', headers: { cookie: c.cookies[who] } })).statusCode).toBe(200)
    const before = await dump(t.db)
    const reached: string[] = []
    let sent = 0
    for (const route of writes) {
      const path = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'x'))
      for (const prefix of SPELLINGS) {
        for (const body of BODIES) {
          for (const who of ['admin', 'chair'] as const) {
            const url = `${prefix}${path}`
            const res = await t.app.inject({ method: route.method, url, headers: { cookie: c.cookies[who], 'content-type': body.type, origin: 'https://evil.example' }, payload: body.payload('XyZ') })
            sent++
            if (res.statusCode < 400) reached.push(`${route.method} ${url} [${body.type}] as ${who} → ${res.statusCode}`)
            // On its own spelling a JSON route says 415; the workbook upload takes multipart but wants its token (403) or refuses the parts (413).
            const upload = route.multipart === true && body.type.startsWith('multipart/')
            if (prefix === '/api/v1' && !upload && res.statusCode !== 415) reached.push(`${route.method} ${url} [${body.type}] → ${res.statusCode}, expected 415`)
          }
        }
      }
      expect(diffSnapshots(before, await dump(t.db)), `after ${route.method} ${route.path}`).toEqual([])
    }
    expect(reached).toEqual([])
    expect(sent).toBe(writes.length * SPELLINGS.length * BODIES.length * 2)
    // The cookies still work: nothing signed anyone out either.
    expect((await api(t.app, c.cookies.admin, 'GET', '/auth/me')).statusCode).toBe(200)
  }, 180_000)
})
