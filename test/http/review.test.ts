// Review (§2, §11, §13) through the API and the pages: the chair's consensus changes the results
// and is audited; the meeting block is validated and audited; the minutes download; the review
// workspace shows every rater's rating and comment, with the chair's forms only for the chair.
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeRenderPool } from '../../src/report/render-pool.ts'
import { verifyAudit } from '../../src/services/index.ts'
import { api, committee, move, scoreEverything, snapshot, testApp, type Committee, type TestApp } from './helpers.ts'

interface Results {
  candidates: { id: string; score: number; points: Record<string, number>; raters: Record<string, number> }[]
  disagreements: { candidate: string; criterion: string }[]
  consensus: { candidate: string; criterion: string; value?: number; pass?: boolean; replaced: number | boolean | null; reason: string }[]
}

describe('review: consensus, meeting, minutes, workspace', () => {
  let t: TestApp
  let c: Committee
  let scored: string
  let passFail: string | undefined
  const path = (candidate: string, criterion: string) => `/evaluations/${c.id}/consensus/${candidate}/${criterion}`
  const results = async () => ((await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/results`)).json() as { results: Results }).results
  const get = (who: keyof Committee['cookies'], url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c.cookies[who] } })
  const csrfOf = async (who: keyof Committee['cookies'], url: string) => /name="_csrf" value="([^"]+)"/.exec((await get(who, url)).body)![1]!
  const post = async (who: keyof Committee['cookies'], from: string, url: string, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST', url, headers: { cookie: c.cookies[who], 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: await csrfOf(who, from), ...form }).toString(),
    })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    const ev = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}`)).json()
    const leaves: { id: string; type?: string }[] = []
    const walk = (nodes: { id: string; type?: string; children?: unknown[] }[]) => {
      for (const n of nodes) n.children ? walk(n.children as never) : leaves.push(n)
    }
    walk(ev.criteria)
    scored = leaves.find((l) => l.type !== 'pass_fail')!.id
    passFail = leaves.find((l) => l.type === 'pass_fail')?.id
    await move(t.app, c, 'scoring')
    await scoreEverything(t, c)
  }, 120_000)
  afterAll(async () => {
    await t.close()
    await closeRenderPool()
  })

  it('refuses a consensus, the meeting and the minutes during scoring, changing nothing', async () => {
    const before = await snapshot(t.db)
    expect((await api(t.app, c.cookies.chair, 'PUT', path('A', scored), { value: 3, reason: 'x' })).statusCode).toBe(409)
    expect((await api(t.app, c.cookies.secretary, 'PATCH', `/evaluations/${c.id}/meeting`, { place: 'Phòng họp' })).statusCode).toBe(409)
    expect((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/minutes.pdf`)).statusCode).toBe(409)
    expect((await get('chair', `/evaluations/${c.id}/review`)).statusCode).toBe(409)
    expect(await snapshot(t.db)).toBe(before)
    await move(t.app, c, 'review')
  })

  it('the chair records a consensus: scores use it, per-rater totals do not, the audit has before and after', async () => {
    const before = await results()
    const a0 = before.candidates[0]!
    const res = await api(t.app, c.cookies.chair, 'PUT', path('A', scored), { value: 5, reason: 'Trình diễn thực tế đạt đầy đủ' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ candidate: 'A', criterion: scored, value: 5, reason: 'Trình diễn thực tế đạt đầy đủ' })
    const after = await results()
    const a1 = after.candidates[0]!
    expect(a1.score).toBeGreaterThan(a0.score)
    expect(a1.raters).toEqual(a0.raters)
    expect(after.disagreements).toEqual(before.disagreements)
    // Raters gave 0, 1, 2 on the first criterion: the mean 1 is what the consensus replaced.
    expect(after.consensus).toEqual([{ candidate: 'A', criterion: scored, value: 5, replaced: 1, reason: 'Trình diễn thực tế đạt đầy đủ' }])
    const audit = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { action: string; before: unknown; after: unknown; reason: string }[]
    const entry = audit.find((e) => e.action === 'consensus.set')!
    expect(entry.before).toBeNull()
    expect(entry.after).toEqual({ candidate: 'A', criterion: scored, value: 5, reason: 'Trình diễn thực tế đạt đầy đủ' })
    expect(entry.reason).toBe('Trình diễn thực tế đạt đầy đủ')
  })

  it('refuses others, a missing reason, values off the scale, a pass on a scored criterion and unknown ids, changing nothing', async () => {
    const before = await snapshot(t.db)
    for (const who of ['secretary', 'member1', 'observer', 'outsider', 'admin'] as const) {
      expect((await api(t.app, c.cookies[who], 'PUT', path('A', scored), { value: 2, reason: 'x' })).statusCode).toBe(403)
      expect((await api(t.app, c.cookies[who], 'DELETE', path('A', scored), { reason: 'x' })).statusCode).toBe(403)
    }
    const bad = async (body: unknown, field: string, status = 400) => {
      const r = await api(t.app, c.cookies.chair, 'PUT', path('A', scored), body)
      expect(r.statusCode).toBe(status)
      expect((r.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path)).toContain(field)
    }
    await bad({ value: 3 }, 'reason')
    await bad({ value: 3, reason: '   ' }, 'reason')
    await bad({ value: 9, reason: 'x' }, 'value')
    await bad({ value: 2.5, reason: 'x' }, 'value')
    await bad({ pass: true, reason: 'x' }, 'pass')
    await bad({ reason: 'x' }, 'value')
    expect((await api(t.app, c.cookies.chair, 'PUT', path('Z', scored), { value: 1, reason: 'x' })).statusCode).toBe(404)
    expect((await api(t.app, c.cookies.chair, 'PUT', path('A', 'KHONG.CO'), { value: 1, reason: 'x' })).statusCode).toBe(404)
    expect((await api(t.app, c.cookies.chair, 'DELETE', path('A', scored), {})).statusCode).toBe(400)
    expect((await api(t.app, c.cookies.chair, 'DELETE', path('B', scored), { reason: 'x' })).statusCode).toBe(404)
    expect(await snapshot(t.db)).toBe(before)
  })

  it('a pass/fail consensus decides that criterion', async () => {
    if (!passFail) return
    const r = await api(t.app, c.cookies.chair, 'PUT', path('B', passFail), { pass: false, reason: 'Không xác thực được chứng thư' })
    expect(r.statusCode).toBe(200)
    const after = await results()
    expect(after.consensus.find((k) => k.criterion === passFail)).toMatchObject({ pass: false, replaced: true })
    const b = (await api(t.app, c.cookies.observer, 'GET', `/evaluations/${c.id}/results`)).json().results.candidates[1]
    expect(b.failed).toContain(passFail)
    expect((await api(t.app, c.cookies.chair, 'DELETE', path('B', passFail), { reason: 'Đã xác thực lại được' })).statusCode).toBe(204)
  })

  it('the workspace shows everyone\'s ratings and comments, the consensus and what it replaced; the chair alone gets the forms', async () => {
    const chair = await get('chair', `/evaluations/${c.id}/review`)
    expect(chair.statusCode).toBe(200)
    expect(chair.body).toContain('Thống nhất của Tổ đánh giá')
    expect(chair.body).toContain('Trình diễn thực tế đạt đầy đủ')
    expect(chair.body).toContain('Thay cho điểm tổng hợp 1,00')
    expect(chair.body).toContain(`action="/evaluations/${c.id}/review/consensus/A/${scored}"`)
    for (const name of ['Người dùng chair', 'Người dùng member1', 'Người dùng member2']) expect(chair.body).toContain(name)
    const observer = await get('observer', `/evaluations/${c.id}/review`)
    expect(observer.statusCode).toBe(200)
    expect(observer.body).toContain('Trình diễn thực tế đạt đầy đủ')
    expect(observer.body).not.toContain('/review/consensus/')
    expect((await get('outsider', `/evaluations/${c.id}/review`)).statusCode).toBe(403)
    // The group filter is a plain GET form: only that group's criteria.
    const group = scored.split('.')[0]!
    const filtered = await get('member1', `/evaluations/${c.id}/review?group=${encodeURIComponent(group)}`)
    expect(filtered.statusCode).toBe(200)
    const shown = [...filtered.body.matchAll(/<section [^>]*id="crit-([^"]+)"/g)].map((m) => m[1]!)
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.filter((id) => !id.startsWith(`${group}.`))).toEqual([])
    // The tab is in the evaluation's navigation.
    expect(observer.body).toContain(`href="/evaluations/${c.id}/review"`)
  })

  it('the page form records and removes a consensus; a missing reason is shown beside the field', async () => {
    const from = `/evaluations/${c.id}/review`
    const action = `/evaluations/${c.id}/review/consensus/B/${scored}`
    const refused = await post('chair', from, action, { value: '4', reason: '' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toMatch(/class="field-error"[^>]*>Cần nêu lý do/i)
    const saved = await post('chair', from, action, { value: '4', reason: 'Tổ thống nhất sau khi chạy thử' })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toContain('#cell-')
    expect((await results()).consensus.some((k) => k.candidate === 'B' && k.value === 4)).toBe(true)
    const removed = await post('chair', from, `${action}/remove`, { reason: 'Ghi nhầm ô' })
    expect(removed.statusCode).toBe(303)
    expect((await results()).consensus.some((k) => k.candidate === 'B')).toBe(false)
    const audit = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { action: string; before: unknown; after: unknown }[]
    const removal = audit.filter((e) => e.action === 'consensus.remove').at(-1)!
    expect(removal.before).toEqual({ candidate: 'B', criterion: scored, value: 4, reason: 'Tổ thống nhất sau khi chạy thử' })
    expect(removal.after).toBeNull()
  })

  it('the secretary records the meeting; it is validated and audited', async () => {
    const url = `/evaluations/${c.id}/meeting`
    const before = await snapshot(t.db)
    const bad = async (body: unknown, field: string) => {
      const r = await api(t.app, c.cookies.secretary, 'PATCH', url, body)
      expect(r.statusCode).toBe(400)
      const paths = (r.json() as { error: { details: { path: string }[] } }).error.details.map((d) => d.path.replace(/\.(\d+)/g, '[$1]'))
      expect(paths).toContain(field)
    }
    await bad({ present: ['m1'], absent: [{ member: 'm1', reason: 'ốm' }] }, 'absent[0].member')
    await bad({ startedAt: '2015-05-20T09:00:00+07:00', endedAt: '2015-05-20T08:00:00+07:00' }, 'endedAt')
    await bad({ chairedBy: 'm9' }, 'chairedBy')
    await bad({ absent: [{ member: 'm2', reason: '' }] }, 'absent[0].reason')
    expect((await api(t.app, c.cookies.member1, 'PATCH', url, { place: 'x' })).statusCode).toBe(403)
    expect((await api(t.app, c.cookies.observer, 'PATCH', url, { place: 'x' })).statusCode).toBe(403)
    expect(await snapshot(t.db)).toBe(before)
    const meeting = {
      startedAt: '2015-05-20T08:00:00+07:00', endedAt: '2015-05-20T11:00:00+07:00', place: 'Phòng họp tầng 3', chairedBy: 'm1',
      present: ['m1', 'm2', 'm3'], absent: [{ member: 'm4', reason: 'Đi công tác' }], notes: 'Nhất trí thông qua.',
    }
    const ok = await api(t.app, c.cookies.secretary, 'PATCH', url, meeting)
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toEqual({ meeting })
    const cleared = await api(t.app, c.cookies.chair, 'PATCH', url, { notes: null })
    expect(cleared.json().meeting.notes).toBeUndefined()
    const audit = (await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).json() as { action: string; before: unknown; after: unknown }[]
    const entries = audit.filter((e) => e.action === 'meeting.update')
    expect(entries).toHaveLength(2)
    expect(entries[0]!.before).toBeNull()
    expect(entries[0]!.after).toEqual(meeting)
    expect(entries[1]!.before).toEqual(meeting)
    // Back to the full block for the minutes.
    await api(t.app, c.cookies.chair, 'PATCH', url, { notes: 'Nhất trí thông qua.' })
  })

  it('the meeting form refuses an end before the start and a member both present and absent, beside the fields', async () => {
    const url = `/evaluations/${c.id}/meeting`
    const before = await snapshot(t.db)
    const refused = await post('secretary', url, url, {
      startedAt: '2015-05-20T09:00', endedAt: '2015-05-20T08:00', place: 'Phòng họp', chairedBy: 'm1', notes: '',
      att_m1: 'present', att_m2: 'absent', reason_m2: '',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toMatch(/id="err-meeting-endedAt"[^>]*>[^<]*kết thúc/i)
    expect(refused.body).toMatch(/id="err-meeting-reason_m2"[^>]*>[^<]*lý do vắng mặt/i)
    expect(refused.body).not.toContain('mong đợi')
    // What was typed stays in the form.
    expect(refused.body).toContain('value="2015-05-20T09:00"')
    expect(await snapshot(t.db)).toBe(before)
  })

  it('the minutes download for the committee, vi and en, from the §9 file', async () => {
    for (const [lang, words] of [['vi', ['BIÊN BẢN', 'Phòng họp tầng 3', 'Trình diễn thực tế đạt đầy đủ', 'THƯ KÝ', 'CHỦ TRÌ']], ['en', ['MINUTES', 'SECRETARY', 'CHAIR']]] as const) {
      const r = await get('observer', `/api/v1/evaluations/${c.id}/minutes.pdf?lang=${lang}`)
      expect(r.statusCode).toBe(200)
      expect(r.headers['content-type']).toBe('application/pdf')
      const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: r.rawPayload }).toString('utf8').replace(/\s+/g, ' ')
      for (const w of words) expect(text).toContain(w)
    }
    expect((await get('outsider', `/api/v1/evaluations/${c.id}/minutes.pdf`)).statusCode).toBe(403)
    const page = await get('member1', `/evaluations/${c.id}/meeting`)
    expect(page.statusCode, page.body.slice(0, 3000)).toBe(200)
    expect(page.body).toContain(`/api/v1/evaluations/${c.id}/minutes.pdf?lang`)
    expect(page.body).not.toContain(`<form method="post" action="/evaluations/${c.id}/meeting"`)
    // The report page links the minutes too.
    expect((await get('observer', `/evaluations/${c.id}/report`)).body).toContain(`/api/v1/evaluations/${c.id}/minutes.pdf?lang`)
  })

  it('export carries the consensus and the meeting; import → export is byte-identical', async () => {
    const exported = await get('chair', `/api/v1/evaluations/${c.id}/export.json`)
    expect(exported.statusCode).toBe(200)
    const file = JSON.parse(exported.body)
    expect(file.consensus).toEqual([{ candidate: 'A', criterion: scored, value: 5, reason: 'Trình diễn thực tế đạt đầy đủ' }])
    expect(file.report.meeting.place).toBe('Phòng họp tầng 3')
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/evaluations/import', headers: { cookie: c.cookies.admin, 'content-type': 'application/json' }, payload: exported.body })
    expect(imported.statusCode).toBe(201)
    const id = imported.json().id
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id}/export.json`, headers: { cookie: c.cookies.admin } })
    expect(again.body).toBe(exported.body)
  })

  it('the audit replay (audit verify) rebuilds every consensus and the meeting from the log', async () => {
    const v = await verifyAudit(t.db, c.id, 'en')
    expect(v.problems).toEqual([])
    expect(v.ok).toBe(true)
    // A consensus changed behind the log's back is caught.
    await t.db.updateTable('consensus').set({ value: 0 }).execute()
    const tampered = await verifyAudit(t.db, c.id, 'en')
    expect(tampered.ok).toBe(false)
  })
})
