// Sessions and sign-in (§7): HttpOnly SameSite=Lax cookies (Secure behind TLS), a new session id
// at sign-in, sign-out ends the session server-side, sessions survive a restart (they live in
// the database), failed sign-ins are limited per account and per address (successes are not).
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../../src/config.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { ensureFirstAdmin } from '../../src/services/index.ts'
import { ADMIN, api, login, PASSWORD, testApp, type TestApp } from './helpers.ts'

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
    const db = await openDb(':memory:')
    await ensureFirstAdmin(db, ADMIN, PASSWORD)
    const catalogs = await CatalogRegistry.fromDir(base.criteriaDir)
    const deps = { db, catalogs, sessionSecret: 's'.repeat(64), logger: false as const }
    const first = await buildApp(base, deps)
    const cookie = await login(first, ADMIN)
    await first.close()
    const second = await buildApp(base, deps)
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
    const res = await t.app.inject({ method: 'GET', url: '/login' })
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBeDefined()
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'")
  })
})
