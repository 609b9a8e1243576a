// The authorization matrix (§5, §7): every API route × (admin, chair, secretary, member,
// observer, non-member, anonymous), each cell asserted allowed (2xx) or denied (401 for the
// anonymous, 403 for a signed-in user without the right). Cells are grouped by the state the
// route needs; denied cells run first, so they see the same database the allowed ones change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, login, move, scoreEverything, testApp, type Committee, type TestApp } from './helpers.ts'

type Actor = 'admin' | 'chair' | 'secretary' | 'member' | 'observer' | 'nonMember' | 'anonymous'
const ACTORS: Actor[] = ['admin', 'chair', 'secretary', 'member', 'observer', 'nonMember', 'anonymous']
const userOf: Record<Exclude<Actor, 'anonymous'>, string> = {
  admin: 'admin', chair: 'chair', secretary: 'secretary', member: 'member1', observer: 'observer', nonMember: 'outsider',
}

interface Route {
  name: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path under /api/v1; `who` lets an allowed cell use its own target so cells stay independent. */
  path: (id: number, who: Actor) => string
  body?: (who: Actor) => unknown
  allowed: readonly Actor[]
}

const SIGNED_IN: Actor[] = ['admin', 'chair', 'secretary', 'member', 'observer', 'nonMember']
const COMMITTEE: Actor[] = ['chair', 'secretary', 'member', 'observer']
const STAFF: Actor[] = ['chair', 'secretary']
const RATERS: Actor[] = ['chair', 'member']
const everyone: Actor[] = [...ACTORS]
const slug = (who: Actor) => who.toLowerCase()

const DRAFT: Route[] = [
  { name: 'GET /auth/me', method: 'GET', path: () => '/auth/me', allowed: SIGNED_IN },
  { name: 'GET /catalogs', method: 'GET', path: () => '/catalogs', allowed: SIGNED_IN },
  { name: 'POST /users', method: 'POST', path: () => '/users', body: (w) => ({ username: `new-${slug(w)}`, password: 'mat-khau-123', displayName: 'Mới' }), allowed: ['admin'] },
  { name: 'GET /users', method: 'GET', path: () => '/users', allowed: ['admin'] },
  { name: 'POST /users/:username/password', method: 'POST', path: () => '/users/spare/password', body: () => ({ password: 'mat-khau-moi-1' }), allowed: ['admin'] },
  { name: 'POST /evaluations', method: 'POST', path: () => '/evaluations', body: () => ({ title: 'Khác', catalogId: 'iso25010-software' }), allowed: ['admin'] },
  { name: 'GET /evaluations', method: 'GET', path: () => '/evaluations', allowed: SIGNED_IN },
  { name: 'GET /evaluations/:id', method: 'GET', path: (id) => `/evaluations/${id}`, allowed: ['admin', ...COMMITTEE] },
  { name: 'PATCH /evaluations/:id', method: 'PATCH', path: (id) => `/evaluations/${id}`, body: (w) => ({ basis: `Căn cứ ${w}` }), allowed: STAFF },
  { name: 'POST /evaluations/:id/candidates', method: 'POST', path: (id) => `/evaluations/${id}/candidates`, body: (w) => ({ name: `Phần mềm ${w}` }), allowed: STAFF },
  { name: 'PATCH /evaluations/:id/candidates/:code', method: 'PATCH', path: (id) => `/evaluations/${id}/candidates/A`, body: (w) => ({ version: `v-${w}` }), allowed: STAFF },
  { name: 'DELETE /evaluations/:id/candidates/:code', method: 'DELETE', path: (id, w) => `/evaluations/${id}/candidates/${w === 'chair' ? 'X1' : 'X2'}`, allowed: STAFF },
  { name: 'POST /evaluations/:id/members', method: 'POST', path: (id) => `/evaluations/${id}/members`, body: (w) => ({ username: w === 'chair' ? 'extra1' : 'extra2', role: 'member' }), allowed: STAFF },
  { name: 'DELETE /evaluations/:id/members/:code', method: 'DELETE', path: (id, w) => `/evaluations/${id}/members/${w === 'chair' ? 'm6' : 'm7'}`, allowed: STAFF },
  { name: 'PATCH /evaluations/:id/criteria/:criterionId', method: 'PATCH', path: (id) => `/evaluations/${id}/criteria/A.1`, body: () => ({ weight: 4 }), allowed: STAFF },
  { name: 'POST /evaluations/:id/criteria', method: 'POST', path: (id) => `/evaluations/${id}/criteria`, body: (w) => ({ parent: 'A', node: { id: `A.n-${slug(w)}`, title: { vi: 'Tiêu chí mới' }, weight: 1 } }), allowed: STAFF },
  { name: 'DELETE /evaluations/:id/criteria/:criterionId', method: 'DELETE', path: (id, w) => `/evaluations/${id}/criteria/${w === 'chair' ? 'A.5' : 'A.4'}`, allowed: STAFF },
  { name: 'POST /evaluations/:id/criteria/:groupId/ahp', method: 'POST', path: (id) => `/evaluations/${id}/criteria/B/ahp`, body: () => ({ matrix: Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]) }), allowed: STAFF },
  { name: 'POST /evaluations/:id/criteria/ahp', method: 'POST', path: (id) => `/evaluations/${id}/criteria/ahp`, body: () => ({ matrix: Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => 1)) }), allowed: STAFF },
  { name: 'GET /evaluations/:id/ratings', method: 'GET', path: (id) => `/evaluations/${id}/ratings`, allowed: COMMITTEE },
  { name: 'GET /evaluations/:id/audit', method: 'GET', path: (id) => `/evaluations/${id}/audit`, allowed: STAFF },
  { name: 'GET /evaluations/:id/blank-sheets.pdf', method: 'GET', path: (id) => `/evaluations/${id}/blank-sheets.pdf`, allowed: ['admin', ...COMMITTEE] },
  { name: 'POST /evaluations/:id/transitions (draft → scoring)', method: 'POST', path: (id) => `/evaluations/${id}/transitions`, body: () => ({ to: 'scoring' }), allowed: ['chair'] },
]

const SCORING: Route[] = [
  { name: 'POST /evaluations/:id/declaration', method: 'POST', path: (id) => `/evaluations/${id}/declaration`, body: () => ({ noConflict: true }), allowed: RATERS },
  { name: 'PUT /evaluations/:id/ratings/:candidateId/:criterionId', method: 'PUT', path: (id) => `/evaluations/${id}/ratings/A/A.1`, body: () => ({ value: 4, comment: 'Đáp ứng tốt' }), allowed: RATERS },
  { name: 'GET /evaluations/:id/progress', method: 'GET', path: (id) => `/evaluations/${id}/progress`, allowed: STAFF },
  { name: 'GET /evaluations/:id/results (scoring)', method: 'GET', path: (id) => `/evaluations/${id}/results`, allowed: STAFF },
  { name: 'GET /evaluations/:id/ratings (scoring)', method: 'GET', path: (id) => `/evaluations/${id}/ratings`, allowed: COMMITTEE },
]

const REVIEW: Route[] = [
  { name: 'GET /evaluations/:id/results (review)', method: 'GET', path: (id) => `/evaluations/${id}/results`, allowed: COMMITTEE },
  { name: 'GET /evaluations/:id/report.pdf', method: 'GET', path: (id) => `/evaluations/${id}/report.pdf?lang=vi`, allowed: COMMITTEE },
  { name: 'PATCH /evaluations/:id { report.conclusion } (review)', method: 'PATCH', path: (id) => `/evaluations/${id}`, body: (w) => ({ report: { conclusion: `Kết luận của ${w}` } }), allowed: ['chair'] },
  { name: 'GET /evaluations/:id/audit (review)', method: 'GET', path: (id) => `/evaluations/${id}/audit`, allowed: STAFF },
]

const PUBLIC: Route[] = [
  { name: 'POST /auth/logout', method: 'POST', path: () => '/auth/logout', allowed: everyone },
]

function cookieOf(c: Committee, cookies: Partial<Record<Actor, string>>, who: Actor): string | null {
  if (who === 'anonymous') return null
  return cookies[who] ?? c.cookies[userOf[who] as keyof Committee['cookies']]
}

/** Denied cells first (they must change nothing), then the allowed ones. */
function cells(routes: readonly Route[]) {
  const denied = routes.flatMap((r) => ACTORS.filter((a) => !r.allowed.includes(a)).map((a) => ({ r, who: a, allowed: false })))
  const allowed = routes.flatMap((r) => r.allowed.map((a) => ({ r, who: a, allowed: true })))
  return [...denied, ...allowed]
}

function matrix(title: string, routes: readonly Route[], setup: (t: TestApp, c: Committee) => Promise<void>) {
  describe(title, () => {
    let t: TestApp
    let c: Committee
    const cookies: Partial<Record<Actor, string>> = {}
    beforeAll(async () => {
      t = await testApp()
      c = await committee(t.app)
      await setup(t, c)
    })
    afterAll(async () => t.close())

    for (const cell of cells(routes)) {
      it(`${cell.r.name} — ${cell.who}: ${cell.allowed ? 'allowed' : 'denied'}`, async () => {
        const res = await api(t.app, cookieOf(c, cookies, cell.who), cell.r.method, cell.r.path(c.id, cell.who), cell.r.body?.(cell.who))
        if (cell.allowed) {
          expect(res.statusCode, res.body.slice(0, 300)).toBeGreaterThanOrEqual(200)
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(300)
        } else {
          expect(res.statusCode, res.body.slice(0, 300)).toBe(cell.who === 'anonymous' ? 401 : 403)
          expect(res.json().error.code).toBe(cell.who === 'anonymous' ? 'unauthenticated' : 'forbidden')
        }
      })
    }
  })
}

matrix('authorization matrix — draft', DRAFT, async (t, c) => {
  const admin = c.cookies.admin
  for (const u of ['extra1', 'extra2', 'extra3', 'extra4', 'spare']) {
    await api(t.app, admin, 'POST', '/users', { username: u, password: 'mat-khau-123', displayName: u })
  }
  // Targets the allowed DELETE cells remove: candidates X1, X2 and members m6, m7.
  await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/candidates`, { id: 'X1', name: 'Xóa 1' })
  await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/candidates`, { id: 'X2', name: 'Xóa 2' })
  const m6 = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/members`, { username: 'extra3', role: 'member' })
  const m7 = await api(t.app, c.cookies.chair, 'POST', `/evaluations/${c.id}/members`, { username: 'extra4', role: 'member' })
  expect([m6.json().id, m7.json().id]).toEqual(['m6', 'm7'])
})

matrix('authorization matrix — scoring', SCORING, async (t, c) => {
  await move(t.app, c, 'scoring')
})

matrix('authorization matrix — review', REVIEW, async (t, c) => {
  await move(t.app, c, 'scoring')
  await scoreEverything(t, c)
  await move(t.app, c, 'review')
})

matrix('authorization matrix — sign-out', PUBLIC, async () => {})

describe('sign-in is open to anyone with the right password', () => {
  let t: TestApp
  beforeAll(async () => { t = await testApp() })
  afterAll(async () => t.close())
  it('POST /auth/login — right password: 200 and a session cookie; wrong: 401', async () => {
    const cookie = await login(t.app, 'admin')
    expect(cookie).toMatch(/^sid=/)
    const bad = await api(t.app, null, 'POST', '/auth/login', { username: 'admin', password: 'sai-mat-khau' })
    expect(bad.statusCode).toBe(401)
    expect(bad.json().error.code).toBe('unauthenticated')
  })
})
