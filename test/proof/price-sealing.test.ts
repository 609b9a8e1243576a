// Sealed prices are non-interference (§12, like blindness in §7): two worlds set up the same way
// — same committee, method, ratings and clock — differ only in the prices the secretary recorded
// (amounts, adjustments and their labels). Until the price stage, every API GET and every page
// reachable from the evaluation answers byte for byte the same to every actor, the secretary who
// typed the prices included. In the price stage the same comparison differs (the test can fail).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { api, committee, move, scoreEverything, testApp } from '../http/helpers.ts'
import { ACTORS, apiUrls, crawl, leavesOf, seeds, type World } from './non-interference.ts'

const T0 = new Date('2026-11-21T03:04:05.006Z')

type Variant = 'high' | 'low'
const PRICES: Record<Variant, Record<string, { price: number; adjustments?: { label: string; amount: number }[] }>> = {
  high: {
    A: { price: 9_876_543_210, adjustments: [{ label: 'Chi phí bảo trì 5 năm, gồm cập nhật phiên bản và hỗ trợ tại chỗ', amount: 1_234_567_890 }] },
    B: { price: 123 },
  },
  low: {
    A: { price: 1_000 },
    B: { price: 5_000_000_000_000, adjustments: [{ label: 'Giảm', amount: -7 }, { label: 'Đào tạo', amount: 42 }] },
  },
}

async function world(v: Variant): Promise<World> {
  vi.setSystemTime(T0)
  const t = await testApp()
  const c = await committee(t.app)
  const set = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { method: 'combined', K: 60 })
  if (set.statusCode !== 204 && set.statusCode !== 200) throw new Error(`method: ${set.statusCode} ${set.body}`)
  for (const [candidate, body] of Object.entries(PRICES[v])) {
    const r = await api(t.app, c.cookies.secretary, 'PUT', `/evaluations/${c.id}/prices/${candidate}`, body)
    if (r.statusCode !== 200) throw new Error(`price ${candidate}: ${r.statusCode} ${r.body}`)
  }
  const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
  const catalogs = (await api(t.app, c.cookies.admin, 'GET', '/catalogs')).json() as { id: string; version: string }[]
  return {
    t, c, leaves: leavesOf(ev.criteria),
    candidates: (ev.candidates as { id: string }[]).map((x) => x.id),
    members: (ev.members as { id: string }[]).map((x) => x.id),
    catalog: catalogs.find((x) => x.id === 'qlvb-dhcv-2015')!,
  }
}

describe('sealed prices are non-interference (§12)', () => {
  let high: World
  let low: World

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    high = await world('high')
    low = await world('low')
    for (const w of [high, low]) {
      await move(w.t.app, w.c, 'scoring')
      // The top level everywhere: both products qualify technically, so the price stage opens both.
      await scoreEverything(w.t, w.c, () => 5)
    }
  }, 300_000)

  afterAll(async () => {
    vi.useRealTimers()
    await high?.t.close()
    await low?.t.close()
  })

  it('the two worlds really hold different prices', async () => {
    const rows = async (w: World) => JSON.stringify(await w.t.db.selectFrom('prices').select(['price', 'adjustments']).orderBy('candidate_id').execute())
    expect(await rows(high)).not.toBe(await rows(low))
  })

  it('during scoring the secretary who typed them sees nothing that depends on them', async () => {
    const r = await crawl(high, low, 'secretary', [...seeds(high), ...(await apiUrls(high))])
    expect(r.differences, r.differences.slice(0, 10).join('\n')).toEqual([])
    expect(r.urls).toBeGreaterThan(60)
  }, 600_000)

  it('in review, every API GET and every reachable page answers the same to every actor', async () => {
    for (const w of [high, low]) await move(w.t.app, w.c, 'review')
    const start = [...seeds(high), ...(await apiUrls(high))]
    const all: string[] = []
    let pairs = 0
    for (const who of ACTORS) {
      const r = await crawl(high, low, who, start)
      all.push(...r.differences)
      pairs += r.pairs
    }
    console.log(`price sealing: ${pairs} URL × actor pairs compared in review`)
    expect(all, all.slice(0, 20).join('\n')).toEqual([])
    expect(pairs).toBeGreaterThanOrEqual(ACTORS.length * 60)
  }, 900_000)

  it('in the price stage the prices open, and the same comparison differs', async () => {
    for (const w of [high, low]) await move(w.t.app, w.c, 'price')
    const e = `/evaluations/${high.c.id}`
    const urls = [`/api/v1${e}/prices`, `${e}/prices`, `/api/v1${e}/results`, `/api/v1${e}/audit`]
    const r = await crawl(high, low, 'secretary', urls, false)
    for (const url of urls) expect(r.differences.some((d) => d.startsWith(`secretary GET ${url}:`)), url).toBe(true)
  }, 300_000)
})
