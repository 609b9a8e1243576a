// §7 "Hostile input", attack by attack (issue #9): each test is one attack a reviewer made on
// the server, and the outcome it must have now. The memory side of hostile uploads (a real
// server process under five at once) is test/proof/hostile-memory.test.ts.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSessionStore } from '../../src/http/plugins/session-store.ts'
import { HOME, safeNext } from '../../src/http/routes/auth/login.ts'
import { diffSnapshots, snapshot as dump } from '../proof/db-snapshot.ts'
import { lyingZipBomb, manyCells, yamlAliases, yamlDeepBlock, yamlDeepFlow, yamlLaughs, zipBomb } from '../proof/hostile-files.ts'
import { multipart, xlsxPart } from '../exchange/helpers.ts'
import { ADMIN, PASSWORD, api, committee, login, move, testApp, type Committee, type TestApp } from './helpers.ts'

describe('next after sign-in (GET /login?next=… while signed in)', () => {
  let t: TestApp
  let cookie: string
  beforeAll(async () => {
    t = await testApp()
    cookie = await login(t.app, ADMIN)
  })
  afterAll(async () => { await t.close() })

  const follow = (next: string) => t.app.inject({ method: 'GET', url: `/login?next=${next}`, headers: { cookie } })

  it('a non-ASCII or control character never reaches the Location header raw, and the server keeps answering', async () => {
    const cases: [string, string][] = [
      ['/%C4%91', '/%C4%91'], // "/đ": a same-site path, percent-encoded for the header
      ['%2Fti%E1%BA%BFng-vi%E1%BB%87t%3Fa%3D1', '/ti%E1%BA%BFng-vi%E1%BB%87t?a=1'],
      ['/%0A', HOME], ['/%0D%0ASet-Cookie:%20x=1', HOME], ['/a%00b', HOME], ['/%E2%80%AE', HOME],
    ]
    for (const [next, location] of cases) {
      const res = await follow(next)
      expect([next, res.statusCode, res.headers.location]).toEqual([next, 303, location])
    }
    expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(200)
  })

  it('off-site targets go to the home page: tab/newline tricks, "//", backslashes, schemes', async () => {
    for (const next of ['%2F%09%2Fevil.example', '/%09/evil.example', '//evil.example', '/%2F/evil.example', '%2F%2Fevil.example',
      '/%5Cevil.example', '%5C%5Cevil.example', 'https://evil.example', 'javascript:alert(1)', 'evil.example', '/%20/evil.example', '']) {
      const res = await follow(next)
      expect([next, res.statusCode, res.headers.location]).toEqual([next, 303, HOME])
    }
  })

  it('property: whatever `next` is, the result is the home page or an ASCII path of this site', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map((s) => `/${s}`), fc.constantFrom('/\t/x', '/\n/x', '/\\x', '//x')), (next) => {
      const out = safeNext(next)
      expect(out).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/)
      expect(new URL(out, 'http://here.invalid').origin).toBe('http://here.invalid')
    }), { numRuns: 2000 })
  })

  it('the session store never lets a throwing callback escape (it would end the process)', async () => {
    const calls: unknown[] = []
    const store = dbSessionStore({
      get: async () => ({ userId: 1 }), set: async () => undefined, destroy: async () => undefined,
    })
    const throwing = (err?: unknown) => {
      calls.push(err ?? 'ok')
      if (!err) throw new Error('the rest of the request threw')
    }
    store.get('sid', throwing as never)
    store.set('sid', {} as never, throwing as never)
    store.destroy('sid', throwing as never)
    await new Promise((r) => setTimeout(r, 20))
    // Each: first called with success, then handed its own throw as the error.
    const threw = 'the rest of the request threw'
    expect(calls.map((x) => (x instanceof Error ? x.message : x))).toEqual(['ok', threw, 'ok', threw, 'ok', threw])
  })
})

describe('sign-in limits (§7)', () => {
  let t: TestApp | undefined
  afterAll(async () => { await t?.close() })
  const attempt = (app: TestApp['app'], username: string, password: string, o: { ip?: string; xff?: string } = {}) => app.inject({
    method: 'POST', url: '/api/v1/auth/login', remoteAddress: o.ip ?? '10.0.0.1',
    headers: { 'content-type': 'application/json', ...(o.xff ? { 'x-forwarded-for': o.xff } : {}) },
    payload: JSON.stringify({ username, password }),
  })

  it('" victim", "VICTIM" and "victim" share one account limit (the username as sign-in reads it)', async () => {
    t = await testApp({ loginAttempts: 3 })
    for (const [i, u] of [' admin', 'ADMIN ', 'admin'].entries()) expect((await attempt(t.app, u, 'sai', { ip: `10.1.0.${i}` })).statusCode).toBe(401)
    expect((await attempt(t.app, '\tadmin ', PASSWORD, { ip: '10.1.0.9' })).statusCode).toBe(429)
    await t.close()
    t = undefined
  })

  it('60 guesses sent at once: only the limit reaches the password check, the rest get 429', async () => {
    t = await testApp({ loginAttempts: 5 })
    const all = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(t!.app, ADMIN, `sai-${i}`, { ip: `10.2.${i}.1` })))
    const statuses = all.map((r) => r.statusCode)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(55)
    const row = await t.db.selectFrom('users').select('failed_logins').where('username', '=', ADMIN).executeTakeFirstOrThrow()
    expect(row.failed_logins).toBe(5) // the password was checked 5 times, no more
    await t.close()
    t = undefined
  })

  it('X-Forwarded-For is ignored without TRUST_PROXY, and with TRUST_PROXY=1 only its last hop counts', async () => {
    t = await testApp({ loginAttempts: 3 })
    for (let i = 0; i < 3; i++) expect((await attempt(t.app, `u${i}`, 'sai', { xff: `203.0.113.${i}` })).statusCode).toBe(401)
    expect((await attempt(t.app, 'u9', 'sai', { xff: '198.51.100.7' })).statusCode).toBe(429)
    await t.close()
    t = await testApp({ loginAttempts: 3, trustProxyHops: 1 })
    // The proxy appends the real client (192.0.2.50); what the client itself wrote in front is not believed.
    for (let i = 0; i < 3; i++) expect((await attempt(t.app, `u${i}`, 'sai', { xff: `203.0.113.${i}, 192.0.2.50` })).statusCode).toBe(401)
    expect((await attempt(t.app, 'u9', 'sai', { xff: '198.51.100.7, 192.0.2.50' })).statusCode).toBe(429)
    // Another real client behind the same proxy is not blocked.
    expect((await attempt(t.app, 'u9', 'sai', { xff: '192.0.2.51' })).statusCode).toBe(401)
    await t.close()
    t = undefined
  })
})

describe('passwords and sessions, caching, notices, catalogs', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
  }, 60_000)
  afterAll(async () => { await t.close() })

  it('a self-change needs the current password and ends the user\'s other sessions; an admin reset ends all of them', async () => {
    const a = await login(t.app, 'member2')
    const b = await login(t.app, 'member2')
    const before = await dump(t.db)
    const missing = await api(t.app, a, 'POST', '/users/member2/password', { password: 'mat-khau-moi-1' })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error.details[0].path).toBe('currentPassword')
    const wrong = await api(t.app, a, 'POST', '/users/member2/password', { password: 'mat-khau-moi-1', currentPassword: 'sai-roi-123' })
    expect(wrong.statusCode).toBe(400)
    expect(diffSnapshots(before, await dump(t.db))).toEqual([])
    const ok = await api(t.app, a, 'POST', '/users/member2/password', { password: 'mat-khau-moi-1', currentPassword: PASSWORD })
    expect(ok.statusCode, ok.body).toBe(204)
    expect((await api(t.app, a, 'GET', '/auth/me')).statusCode).toBe(200) // the one asking stays
    expect((await api(t.app, b, 'GET', '/auth/me')).statusCode).toBe(401) // the other one ended
    const d = await login(t.app, 'member2', 'mat-khau-moi-1')
    expect((await api(t.app, c.cookies.admin, 'POST', '/users/member2/password', { password: PASSWORD })).statusCode).toBe(204)
    for (const cookie of [a, d]) expect((await api(t.app, cookie, 'GET', '/auth/me')).statusCode).toBe(401)
  })

  it('pages and API answers carry Cache-Control: no-store', async () => {
    for (const url of ['/evaluations', `/evaluations/${c.id}`, '/admin/users', '/login']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies.admin } })
      expect([url, res.headers['cache-control']]).toEqual([url, 'no-store'])
    }
    for (const url of ['/auth/me', `/evaluations/${c.id}`, '/catalogs', '/no-such-route']) {
      const res = await api(t.app, c.cookies.admin, 'GET', url)
      expect([url, res.headers['cache-control']]).toEqual([url, 'no-store'])
    }
  })

  it('?done= shows only the server\'s own notices: text in the URL never reaches the page', async () => {
    const notice = async (query: string) => {
      const body = (await t.app.inject({ method: 'GET', url: `/admin/users?${query}`, headers: { cookie: c.cookies.admin } })).body
      return /<p class="notice" role="status">([^<]*)<\/p>/.exec(body)?.[1]
    }
    expect(await notice(`done=${encodeURIComponent('Tài khoản bị khóa, hãy gọi 0900 000 000')}`)).toBeUndefined()
    expect(await notice('done=userCreated&username=tv1')).toBe('Đã tạo người dùng tv1.')
    expect(await notice(`done=userCreated&username=${encodeURIComponent('tv1, hãy gọi 0900')}`)).toBeUndefined()
    expect(await notice('done=userCreated')).toBeUndefined()
    expect(await notice('done=constructor')).toBeUndefined()
    expect(await notice('done=__proto__')).toBeUndefined()
  })

  it('weights of 1e308 and other numbers out of range are refused with 400, nothing changed', async () => {
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const group = ev.criteria[0].id as string
    const before = await dump(t.db)
    for (const body of [{ weight: 1e308 }, { weight: 1e7 }, { weight: -1 }]) {
      const res = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/criteria/${group}`, body)
      expect([body, res.statusCode]).toEqual([body, 400])
    }
    for (const raw of ['{"weight":1e999}', '{"weight":Infinity}']) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/evaluations/${c.id}/criteria/${group}`, headers: { cookie: c.cookies.chair, 'content-type': 'application/json' }, payload: raw })
      expect([raw, res.statusCode]).toEqual([raw, 400])
    }
    for (const body of [{ threshold: 101 }, { threshold: -1 }, { disagreementSpread: 1e300 }]) {
      const res = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, body)
      expect([body, res.statusCode]).toEqual([body, 400])
    }
    const ahp = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/criteria/${group}/ahp`, { matrix: [[1, 1e308], [1e-308, 1]] })
    expect(ahp.statusCode).toBe(400)
    const deep = await t.app.inject({ method: 'POST', url: '/api/v1/evaluations', headers: { cookie: c.cookies.admin, 'content-type': 'application/json' }, payload: `{"title":${'['.repeat(5000)}${']'.repeat(5000)}}` })
    expect(deep.statusCode).toBe(400)
    expect(diffSnapshots(before, await dump(t.db))).toEqual([])
  })

  it('catalog YAML: alias floods, billion laughs, deep nesting, weights of 1e308 → 400 naming the problem, never 500', async () => {
    const before = await dump(t.db)
    const shipped = await t.app.inject({ method: 'GET', url: '/api/v1/catalogs/qlvb-dhcv-2015/1.0.0.yaml', headers: { cookie: c.cookies.admin } })
    const cases: [string, string, RegExp][] = [
      ['aliases', yamlAliases(300), /bí danh/],
      ['laughs', yamlLaughs(), /bí danh/],
      ['deep flow', yamlDeepFlow(100_000), /lồng quá sâu/],
      ['deep block', yamlDeepBlock(600), /lồng quá sâu/],
    ]
    for (const [name, yaml, message] of cases) {
      const res = await api(t.app, c.cookies.admin, 'POST', '/catalogs', { yaml })
      expect([name, res.statusCode]).toEqual([name, 400])
      expect(JSON.stringify(res.json().error.details)).toMatch(message)
    }
    expect(shipped.statusCode).toBe(200)
    {
      const huge = shipped.body.replace(/^id: .*$/m, 'id: thu-so-lon').replace(/weight: [\d.]+/, 'weight: 1e308')
      const res = await api(t.app, c.cookies.admin, 'POST', '/catalogs', { yaml: huge })
      expect(res.statusCode).toBe(400)
    }
    let node: Record<string, unknown> = { id: 'x', title: { vi: 'x' }, weight: 1 }
    for (let i = 0; i < 40; i++) node = { id: `g${i}`, title: { vi: 'g' }, weight: 1, children: [node] }
    const deepJson = await api(t.app, c.cookies.admin, 'POST', '/catalogs', { id: 'sau', version: '1.0.0', title: { vi: 's', en: 's' }, source: 's', scale: { min: 0, max: 5, levels: [] }, criteria: [node] })
    expect(deepJson.statusCode).toBe(400)
    expect(diffSnapshots(before, await dump(t.db))).toEqual([])
  })

  it('workbook uploads: a zip bomb, the same bomb lying about its size, too many cells → 400 before exceljs reads it', async () => {
    // m3 rates on paper: the secretary may upload their sheet (§2), so each upload reaches the parser.
    expect((await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}/members/m3`, { paper: true })).statusCode).toBe(204)
    await move(t.app, c, 'scoring')
    expect((await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })).statusCode).toBe(204)
    const dl = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/sheets/m3.xlsx`, headers: { cookie: c.cookies.secretary } })
    expect(dl.statusCode).toBe(200)
    const token = String(dl.headers['x-csrf-token'])
    const post = (file: Buffer) => {
      const { payload, contentType } = multipart({ reason: 'Thành viên chấm trên giấy', workbook: xlsxPart(file) })
      return t.app.inject({ method: 'POST', url: `/api/v1/evaluations/${c.id}/sheets/m3`, headers: { cookie: c.cookies.secretary, 'content-type': contentType, 'x-csrf-token': token }, payload })
    }
    const before = await dump(t.db)
    const cases: [string, Buffer, RegExp][] = [
      ['zip bomb', await zipBomb(dl.rawPayload, 300), /quá lớn/],
      ['lying zip bomb', await lyingZipBomb(dl.rawPayload, 300), /quá lớn/],
      ['too many cells', await manyCells(dl.rawPayload, 250_000), /quá nhiều ô/],
      ['not a zip', Buffer.from('PK\u0003\u0004 not really'), /không đọc được/],
    ]
    for (const [name, file, message] of cases) {
      expect(file.length).toBeLessThan(4 * 1024 * 1024)
      const t0 = Date.now()
      const res = await post(file)
      expect([name, res.statusCode]).toEqual([name, 400])
      expect(JSON.stringify(res.json().error.details)).toMatch(message)
      expect(Date.now() - t0).toBeLessThan(10_000)
    }
    expect(diffSnapshots(before, await dump(t.db))).toEqual([])
  }, 120_000)
})
