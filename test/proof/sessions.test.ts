// Sessions (§7): a new session id at sign-in (no fixation), sign-out ends the session on the
// server (the old cookie is worthless afterwards, its row is gone), the cookie is HttpOnly and
// SameSite=Lax, and Secure when the app is configured behind TLS; sessions live in the
// database, so a second app on the same database (a restart) keeps people signed in. The key
// that signs the cookies lives in the database too (§15, issue #14): two app servers with their
// own DATA_DIR on one database accept each other's cookies, and the first start after the
// upgrade adopts the old DATA_DIR/session-key so the sessions of before stay good.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../../src/config.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { ensureFirstAdmin, sessionSigningKey } from '../../src/services/index.ts'
import { ADMIN, PASSWORD, api, testApp, type TestApp } from '../http/helpers.ts'
import { testDbTarget } from '../pg/test-db.ts'

function setCookies(res: LightMyRequestResponse): string[] {
  const raw = res.headers['set-cookie']
  return Array.isArray(raw) ? raw : raw ? [raw] : []
}
/** The session cookie a browser ends up with: the last `sid` set (sign-in first clears the old one). */
const sidCookie = (res: LightMyRequestResponse) => setCookies(res).filter((c) => c.startsWith('sid=') && !c.startsWith('sid=;')).at(-1)
const pair = (cookie: string) => cookie.split(';')[0]!
/** The session id inside the signed cookie value `sid=<id>.<signature>`. */
const sessionId = (cookie: string) => decodeURIComponent(pair(cookie).slice(4)).split('.')[0]!
const attributes = (cookie: string) => cookie.split(';').slice(1).map((a) => a.trim().toLowerCase())

const signIn = (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ username: ADMIN, password: PASSWORD }) })

const sessionRows = async (db: Db) => (await db.selectFrom('sessions').select('sid').execute()).map((r) => r.sid)

describe('sessions', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp()
  })
  afterAll(async () => {
    await t?.close()
  })

  it('signing in gives a new session id every time, never the one the browser brought', async () => {
    // A session made before sign-in (the sign-in page's CSRF secret lives in one).
    const page = await t.app.inject({ method: 'GET', url: '/login' })
    const before = sidCookie(page)
    expect(before, 'the sign-in page starts a session for its CSRF token').toBeDefined()
    const first = await signIn(t.app, { cookie: pair(before!) })
    expect(first.statusCode).toBe(200)
    const after = sidCookie(first)!
    expect(sessionId(after)).not.toBe(sessionId(before!))
    // The old id is gone from the store, not only replaced in the browser.
    expect(await sessionRows(t.db)).not.toContain(sessionId(before!))
    // The pre-sign-in session does not become a signed-in one.
    expect((await api(t.app, pair(before!), 'GET', '/auth/me')).statusCode).toBe(401)
    const second = sidCookie(await signIn(t.app))!
    expect(sessionId(second)).not.toBe(sessionId(after))
    expect((await api(t.app, pair(after), 'GET', '/auth/me')).statusCode).toBe(200)
  })

  it('signing out deletes the session on the server: the old cookie no longer works', async () => {
    const cookie = pair(sidCookie(await signIn(t.app))!)
    const sid = sessionId(cookie)
    expect(await sessionRows(t.db)).toContain(sid)
    expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(200)
    const out = await api(t.app, cookie, 'POST', '/auth/logout')
    expect(out.statusCode).toBe(204)
    expect(await sessionRows(t.db)).not.toContain(sid)
    // Replaying the cookie kept from before sign-out: nobody.
    expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(401)
    expect((await api(t.app, cookie, 'GET', '/evaluations')).statusCode).toBe(401)
  })

  it('the cookie is HttpOnly, SameSite=Lax, Path=/, and not Secure on plain HTTP', async () => {
    const cookie = sidCookie(await signIn(t.app))!
    const attrs = attributes(cookie)
    expect(attrs).toContain('httponly')
    expect(attrs).toContain('samesite=lax')
    expect(attrs).toContain('path=/')
    expect(attrs).not.toContain('secure')
  })

  it('a forged or tampered cookie is nobody', async () => {
    const cookie = pair(sidCookie(await signIn(t.app))!)
    const tampered = `${cookie.slice(0, -3)}${cookie.endsWith('A') ? 'B' : 'A'}xx`
    expect((await api(t.app, tampered, 'GET', '/auth/me')).statusCode).toBe(401)
    expect((await api(t.app, 'sid=not-a-session', 'GET', '/auth/me')).statusCode).toBe(401)
  })
})

describe('sessions behind TLS (TRUST_PROXY=1)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp({ secureCookies: true })
  })
  afterAll(async () => {
    await t?.close()
  })

  it('the cookie is Secure, HttpOnly and SameSite=Lax when the proxy says https', async () => {
    const res = await signIn(t.app, { 'x-forwarded-proto': 'https' })
    expect(res.statusCode).toBe(200)
    const cookie = sidCookie(res)
    expect(cookie, 'a session cookie over https').toBeDefined()
    const attrs = attributes(cookie!)
    expect(attrs).toContain('secure')
    expect(attrs).toContain('httponly')
    expect(attrs).toContain('samesite=lax')
  })

  it('never sends the session cookie over plain HTTP when configured for TLS', async () => {
    const res = await signIn(t.app)
    // Either no cookie at all, or one the browser would only ever send back over https.
    const cookie = sidCookie(res)
    if (cookie) expect(attributes(cookie)).toContain('secure')
  })
})

describe('sessions survive a restart (they live in the database)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eoffice-sessions-'))
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  /** An app as server.ts starts one: its own DATA_DIR, the shared database, the key read from it. */
  async function start(dataDir = dir, sessionSecret?: string): Promise<{ app: FastifyInstance; db: Db; key: string }> {
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir } as NodeJS.ProcessEnv)
    const db = await openDb(await testDbTarget(join(dir, 'eoffice-eval.sqlite')))
    await ensureFirstAdmin(db, ADMIN, PASSWORD)
    const key = sessionSecret ?? (await sessionSigningKey(db, { legacyFile: join(dataDir, 'session-key') })).key
    const app = await buildApp(config, { db, catalogs: await CatalogRegistry.fromDir(config.criteriaDir), sessionSecret: key, logger: false })
    await app.ready()
    return { app, db, key }
  }
  const stop = async (s: { app: FastifyInstance; db: Db }) => {
    await s.app.close()
    await closeDb(s.db)
  }

  it('before the upgrade the key was DATA_DIR/session-key: the first start adopts it, and a cookie signed with it still signs in', async () => {
    const old = 'f'.repeat(64)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'session-key'), `${old}\n`)
    // The server as it was: the file's key, passed as it is.
    const before = await start(dir, old)
    const kept = pair(sidCookie(await signIn(before.app))!)
    await stop(before)

    const after = await start()
    try {
      expect(after.key).toBe(old)
      expect((await after.db.selectFrom('app_secrets').select('session_key').executeTakeFirstOrThrow()).session_key).toBe(old)
      expect((await api(after.app, kept, 'GET', '/auth/me')).statusCode).toBe(200)
    } finally {
      await stop(after)
    }
  })

  it('a cookie from before the restart still signs in; signed out before, it does not', async () => {
    const one = await start()
    const kept = pair(sidCookie(await signIn(one.app))!)
    const ended = pair(sidCookie(await signIn(one.app))!)
    expect((await api(one.app, ended, 'POST', '/auth/logout')).statusCode).toBe(204)
    await stop(one)

    const two = await start()
    try {
      expect((await api(two.app, kept, 'GET', '/auth/me')).statusCode).toBe(200)
      expect((await api(two.app, ended, 'GET', '/auth/me')).statusCode).toBe(401)
    } finally {
      await stop(two)
    }
  })

  it('two app servers, each with its own DATA_DIR, on one database: a session made on one is good on the other, and ends on both', async () => {
    const own = (n: number) => {
      const d = join(dir, `server-${n}`)
      mkdirSync(d, { recursive: true })
      return d
    }
    // Their own DATA_DIRs, one of them with a stale key file: the database's key wins on both.
    writeFileSync(join(own(2), 'session-key'), `${'0'.repeat(64)}\n`)
    const [a, b] = await Promise.all([start(own(1)), start(own(2))])
    try {
      expect(a.key).toBe(b.key)
      const cookie = pair(sidCookie(await signIn(a.app))!)
      const me = await api(b.app, cookie, 'GET', '/auth/me')
      expect(me.statusCode).toBe(200)
      expect(me.json().user.username).toBe(ADMIN)
      // And the other way round, then sign-out on one ends the session on both.
      const other = pair(sidCookie(await signIn(b.app))!)
      expect((await api(a.app, other, 'GET', '/auth/me')).statusCode).toBe(200)
      expect((await api(b.app, cookie, 'POST', '/auth/logout')).statusCode).toBe(204)
      expect((await api(a.app, cookie, 'GET', '/auth/me')).statusCode).toBe(401)
    } finally {
      await stop(a)
      await stop(b)
    }
  })

  it('a cookie signed with another key is nobody, even with a real session id', async () => {
    const real = await start()
    const cookie = pair(sidCookie(await signIn(real.app))!)
    await stop(real)
    const stranger = await start(dir, 'e'.repeat(64))
    try {
      expect((await api(stranger.app, cookie, 'GET', '/auth/me')).statusCode).toBe(401)
    } finally {
      await stop(stranger)
    }
  })
})
