// Blindness is non-interference (DESIGN §2, §7). Two databases are set up the same way — same
// users, evaluation, declarations, same clock — and differ only in one rater's ratings, comments
// and reasons: 5s with long comments in one, 0s with none in the other, over the same criteria
// (counts of criteria rated may show), and one world re-saves a few criteria. The hidden rater is
// a member (m3), then the chair (m1: "nobody — the chair included" works both ways).
// During scoring, every GET of the OpenAPI document and every page reachable from the evaluation,
// requested as every other actor, must answer byte for byte the same (status, body, headers;
// CSRF tokens, session ids and CSP nonces masked). The test shows it can fail: in review the same
// comparison differs, and so does the rater's own sheet during scoring.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { api, committee, move, testApp, type Who } from '../http/helpers.ts'
import { ACTORS, answerOf, apiUrls, crawl, get, leavesOf, sameAnswer, seeds, type Leaf, type World } from './non-interference.ts'

const T0 = new Date('2026-11-20T02:03:04.005Z')
const RATERS = ['chair', 'member1', 'member2'] as const

type Variant = 'high' | 'low'

const LONG = 'Nhận xét rất dài của thành viên về tiêu chí này, kèm minh chứng chi tiết. '.repeat(12)


async function put(w: World, who: Who, cand: string, leaf: Leaf, body: Record<string, unknown>) {
  const res = await api(w.t.app, w.c.cookies[who], 'PUT', `/evaluations/${w.c.id}/ratings/${cand}/${leaf.id}`, body)
  if (res.statusCode !== 200) throw new Error(`rate ${who} ${cand} ${leaf.id}: ${res.statusCode} ${res.body}`)
}

/** The hidden rater's rating in a world: the extremes of the scale, with or without comments. */
function hiddenBody(v: Variant, leaf: Leaf, i: number, reason = false): Record<string, unknown> {
  const mark = leaf.passFail ? { pass: v === 'high' } : { value: v === 'high' ? 5 : 0 }
  if (v === 'low') return mark
  return { ...mark, comment: `${LONG}#${i}`, ...(reason ? { reason: `Lý do ${LONG}` } : {}) }
}

/** Others rate the same in both worlds (so results exist and depend on the hidden rater). */
const otherValue = (i: number, r: number) => (i * 3 + r) % 6

async function world(v: Variant, hidden: Who): Promise<World> {
  vi.setSystemTime(T0)
  const t = await testApp()
  const c = await committee(t.app)
  const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
  const catalogs = (await api(t.app, c.cookies.admin, 'GET', '/catalogs')).json() as { id: string; version: string }[]
  const w: World = {
    t, c, leaves: leavesOf(ev.criteria),
    candidates: (ev.candidates as { id: string }[]).map((x) => x.id),
    members: (ev.members as { id: string }[]).map((x) => x.id),
    catalog: catalogs.find((x) => x.id === 'qlvb-dhcv-2015')!,
  }
  await move(t.app, c, 'scoring')
  for (const who of ['chair', 'member1', 'member2'] as const) {
    const r = await api(t.app, c.cookies[who], 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
    if (r.statusCode !== 204) throw new Error(`declare ${who}: ${r.body}`)
  }
  const some = w.leaves.slice(0, 9) // a few criteria, pass/fail ones among them when the catalog has any
  for (const [r, who] of RATERS.entries()) {
    if (who === hidden) continue
    for (const [i, leaf] of some.entries()) await put(w, who, 'A', leaf, leaf.passFail ? { pass: true } : { value: otherValue(i, r), comment: `Ý kiến của ${who}` })
  }
  // The hidden rater: the same criteria in both worlds (counts may show), different content.
  for (const [i, leaf] of some.entries()) await put(w, hidden, 'A', leaf, hiddenBody(v, leaf, i, true))
  for (const [i, leaf] of w.leaves.slice(3, 7).entries()) await put(w, hidden, 'B', leaf, hiddenBody(v, leaf, i))
  // One world changes its mind a few times more: more saves, the same criteria rated.
  if (v === 'high') for (const leaf of some.slice(0, 3)) await put(w, hidden, 'A', leaf, hiddenBody('low', leaf, 0))
  if (v === 'high') for (const leaf of some.slice(0, 3)) await put(w, hidden, 'A', leaf, hiddenBody('high', leaf, 1, true))
  return w
}

/** Finish every sheet (the hidden rater keeps its world's values) and move to review. */
async function toReview(w: World, v: Variant, hidden: Who) {
  for (const [r, who] of RATERS.entries()) {
    for (const cand of w.candidates) {
      for (const [i, leaf] of w.leaves.entries()) {
        const body = who === hidden ? hiddenBody(v, leaf, i) : leaf.passFail ? { pass: true } : { value: otherValue(i, r) }
        await put(w, who, cand, leaf, body)
      }
    }
  }
  await move(w.t.app, w.c, 'review')
}

describe.each([
  { hidden: 'member1' as Who, code: 'm3' },
  { hidden: 'chair' as Who, code: 'm1' },
])('blindness is non-interference (§7): $hidden ($code) rates differently', ({ hidden }) => {
  const others = ACTORS.filter((a) => a !== hidden)
  let high: World
  let low: World
  let start: string[]

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    high = await world('high', hidden)
    low = await world('low', hidden)
    start = [...seeds(high), ...(await apiUrls(high))]
  }, 240_000)

  afterAll(async () => {
    vi.useRealTimers()
    await high?.t.close()
    await low?.t.close()
  })

  it('the two worlds really differ in the hidden rater\'s ratings (and the rater sees it)', async () => {
    const own = (w: World) => api(w.t.app, w.c.cookies[hidden], 'GET', `/evaluations/${w.c.id}/ratings`)
    const [h, l] = [(await own(high)).json(), (await own(low)).json()]
    expect(h.length).toBe(l.length)
    expect(h.length).toBeGreaterThan(10)
    expect(JSON.stringify(h)).not.toBe(JSON.stringify(l))
    // Each world signs its cookies with its own key (the database's): the crawl checks neither is ever shown.
    expect(high.t.sessionKey).not.toBe(low.t.sessionKey)
    // The rater's own sheet shows their own values: that page does differ (the comparison is real).
    const sheet = `/evaluations/${high.c.id}/sheet?candidate=A`
    expect(sameAnswer(answerOf(await get(high, hidden, sheet)), answerOf(await get(low, hidden, sheet)))).not.toBeNull()
  })

  it('during scoring, every API GET and every reachable page answers the same to everyone else', async () => {
    const all: string[] = []
    const counts: string[] = []
    let pairs = 0
    const okPages = new Set<string>()
    for (const who of others) {
      const r = await crawl(high, low, who, start)
      all.push(...r.differences)
      pairs += r.pairs
      counts.push(`${who ?? 'anonymous'}: ${r.urls} URLs (${[...r.reached.values()].filter((s) => s === 200).length} answered 200)`)
      for (const [url, status] of r.reached) if (status === 200) okPages.add(`${who}:${url.split('?')[0]}`)
    }
    console.log(`blindness (${hidden} hidden): ${pairs} URL × actor pairs compared during scoring\n  ${counts.join('\n  ')}`)
    if (process.env.BLINDNESS_OUT) (await import('node:fs')).writeFileSync(process.env.BLINDNESS_OUT, all.join('\n\n'))
    expect(all, all.slice(0, 20).join('\n')).toEqual([])
    // The crawl reached what matters (a crawl that only met 403s would prove nothing).
    const e = `/evaluations/${high.c.id}`
    const must = [
      `secretary:${e}/results`, `secretary:/api/v1${e}/results`, `secretary:${e}/history`, `secretary:/api/v1${e}/audit`,
      `secretary:${e}/progress`, `secretary:/api/v1${e}/sheets/m3.xlsx`, `secretary:/api/v1${e}/sheets/m1.xlsx`,
      `member2:${e}/sheet`, `member2:/api/v1${e}/ratings`, `admin:/api/v1${e}`, `observer:${e}`, `observer:/api/v1${e}/blank-sheets.pdf`,
      ...(hidden === 'chair'
        ? [`member1:${e}/sheet`]
        : [`chair:${e}/results`, `chair:/api/v1${e}/results`, `chair:${e}/history`, `chair:/api/v1${e}/audit`, `chair:${e}/sheet`]),
    ]
    for (const m of must) expect(okPages, m).toContain(m)
    expect(pairs).toBeGreaterThanOrEqual(others.length * 90)
  }, 600_000)

  it('the same comparison in review does differ (the test can fail)', async () => {
    await toReview(high, 'high', hidden)
    await toReview(low, 'low', hidden)
    const e = `/evaluations/${high.c.id}`
    const urls = [`/api/v1${e}/results`, `${e}/results`, `/api/v1${e}/audit`, `${e}/history`, `/api/v1${e}/ratings`]
    const r = await crawl(high, low, 'secretary', urls, false)
    for (const url of urls) expect(r.differences.some((d) => d.startsWith(`secretary GET ${url}:`)), url).toBe(true)
  }, 300_000)
})
