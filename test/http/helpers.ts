// A fresh app on an in-memory database for each test file, signing its cookies with the
// database's own session key as the server does (§15), plus helpers to sign in and to
// set up a committee: admin, chair, secretary, two members, an observer and an outsider.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../../src/config.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { testDbTarget } from '../pg/test-db.ts'
import type { Db } from '../../src/db/database.ts'
import { schemaColumns, tableRows } from '../../src/db/table-rows.ts'
import { ensureFirstAdmin, sessionSigningKey } from '../../src/services/index.ts'

export const PASSWORD = 'mat-khau-123'
export const ADMIN = 'admin'

export interface TestApp {
  app: FastifyInstance
  db: Db
  /** The key signing its session cookies (the database's, as the server reads it): never shown to anyone. */
  sessionKey: string
  close(): Promise<void>
}

let catalogs: CatalogRegistry | undefined

export async function testApp(opts: { loginAttempts?: number; secureCookies?: boolean; trustProxyHops?: number } = {}): Promise<TestApp> {
  const base = loadConfig({ LOG_LEVEL: 'silent', REPORTS_DIR: mkdtempSync(join(tmpdir(), 'eoffice-reports-')) } as NodeJS.ProcessEnv)
  const config = { ...base, secureCookies: opts.secureCookies ?? false, trustProxyHops: opts.trustProxyHops ?? 0 }
  const db = await openDb(await testDbTarget())
  catalogs ??= await CatalogRegistry.fromDir(config.criteriaDir)
  await ensureFirstAdmin(db, ADMIN, PASSWORD)
  const { key: sessionKey } = await sessionSigningKey(db)
  const app = await buildApp(config, {
    db, catalogs, sessionSecret: sessionKey, logger: false, loginAttempts: opts.loginAttempts ?? 1000,
  })
  await app.ready()
  return { app, db, sessionKey, close: async () => { await app.close(); await closeDb(db) } }
}

/** The session cookie from a response, as a Cookie header value. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie']
  const list = Array.isArray(raw) ? raw : raw ? [raw] : []
  const sid = list.find((c) => c.startsWith('sid='))
  if (!sid) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body.slice(0, 200)})`)
  return sid.split(';')[0]!
}

export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`)
  return sessionCookie(res)
}

/** A JSON API call as a signed-in user (cookie) or anonymous (no cookie). */
export function api(app: FastifyInstance, cookie: string | null, method: InjectOptions['method'], url: string, payload?: unknown) {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (method !== 'GET' && method !== 'HEAD') headers['content-type'] = 'application/json'
  return app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) })
}

export const USERS = ['chair', 'secretary', 'member1', 'member2', 'observer', 'outsider'] as const
export type Who = (typeof USERS)[number] | 'admin'

export interface Committee {
  cookies: Record<Who, string>
  id: number
}

/** Accounts, an evaluation (QLVB&ĐHCV catalog) with candidates A and B, and its committee (m1 chair, m2 secretary, m3 member1, m4 member2 rating on paper, m5 observer). */
export async function committee(app: FastifyInstance): Promise<Committee> {
  const admin = await login(app, ADMIN)
  for (const u of USERS) {
    const r = await api(app, admin, 'POST', '/users', { username: u, password: PASSWORD, displayName: `Người dùng ${u}` })
    if (r.statusCode !== 201) throw new Error(`user ${u}: ${r.body}`)
  }
  const created = await api(app, admin, 'POST', '/evaluations', { title: 'Đánh giá QLVB&ĐHCV 2015', catalogId: 'qlvb-dhcv-2015', chair: 'chair' })
  if (created.statusCode !== 201) throw new Error(`evaluation: ${created.body}`)
  const id = (created.json() as { id: number }).id
  const cookies = { admin } as Record<Who, string>
  for (const u of USERS) cookies[u] = await login(app, u)
  const chair = cookies.chair
  for (const name of ['Phần mềm A', 'Phần mềm B']) {
    const r = await api(app, chair, 'POST', `/evaluations/${id}/candidates`, { name, vendor: 'Công ty X' })
    if (r.statusCode !== 201) throw new Error(`candidate: ${r.body}`)
  }
  // member2 (m4) rates on paper (§2): the secretary may enter their sheets.
  for (const [username, role] of [['secretary', 'secretary'], ['member1', 'member'], ['member2', 'member'], ['observer', 'observer']] as const) {
    const r = await api(app, chair, 'POST', `/evaluations/${id}/members`, { username, role, ...(username === 'member2' ? { paper: true } : {}) })
    if (r.statusCode !== 201) throw new Error(`member ${username}: ${r.body}`)
  }
  return { cookies, id }
}

export async function move(app: FastifyInstance, c: Committee, to: string, reason?: string) {
  const r = await api(app, c.cookies.chair, 'POST', `/evaluations/${c.id}/transitions`, { to, ...(reason ? { reason } : {}) })
  if (r.statusCode !== 200) throw new Error(`transition ${to}: ${r.statusCode} ${r.body}`)
}

export type { LightMyRequestResponse }

/** Every table of the schema a refused request must leave alone (sessions excepted), as plain rows. */
export async function snapshot(db: Db): Promise<string> {
  const tables = [...(await schemaColumns(db)).keys()].filter((t) => t !== 'sessions').sort()
  const out: Record<string, string[]> = {}
  // Sorted: PostgreSQL returns rows in no set order.
  for (const table of tables) out[table] = (await tableRows(db, table)).map((r) => JSON.stringify(r)).sort()
  return JSON.stringify(out)
}

/** Every rater declares and rates every criterion of every candidate (values by a fixed rule). */
export async function scoreEverything(t: TestApp, c: Committee, value = (i: number, rater: number) => (i + rater) % 6) {
  const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
  const leaves: { id: string; passFail: boolean }[] = []
  const walk = (nodes: { id: string; type?: string; children?: unknown[] }[]) => {
    for (const n of nodes) n.children ? walk(n.children as never) : leaves.push({ id: n.id, passFail: n.type === 'pass_fail' })
  }
  walk(ev.criteria)
  const raters = ['chair', 'member1', 'member2'] as const
  for (const [r, who] of raters.entries()) {
    const cookie = c.cookies[who]
    const d = await api(t.app, cookie, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    if (d.statusCode !== 204 && d.statusCode !== 409) throw new Error(`declare ${who}: ${d.body}`)
    for (const cand of ev.candidates as { id: string }[]) {
      for (const [i, leaf] of leaves.entries()) {
        const body = leaf.passFail ? { pass: true } : { value: value(i, r) }
        const res = await api(t.app, cookie, 'PUT', `/evaluations/${c.id}/ratings/${cand.id}/${leaf.id}`, body)
        if (res.statusCode !== 200) throw new Error(`rate ${who} ${cand.id} ${leaf.id}: ${res.body}`)
      }
    }
  }
}
