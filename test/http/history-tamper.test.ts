// The history page says which audit entry broke (its number, time and action in words) and what
// differs, in plain Vietnamese and English, once the log is open (review) (§7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, committee, move, scoreEverything, testApp, type Committee, type TestApp } from './helpers.ts'

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, ' ')

describe('history page: a broken chain in words', () => {
  let t: TestApp
  let c: Committee
  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    await move(t.app, c, 'scoring')
    await scoreEverything(t, c)
    await move(t.app, c, 'review')
  })
  afterAll(async () => { await t.close() })

  const history = async (lang: 'vi' | 'en') => {
    const r = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}/history?lang=${lang}`, headers: { cookie: c.cookies.chair, 'accept-language': lang } })
    expect(r.statusCode).toBe(200)
    return text(r.body)
  }

  it('untouched: the chain holds', async () => {
    expect(await history('vi')).toContain('Chuỗi nhật ký toàn vẹn')
  })

  it("a candidate's name edited in SQLite: the entry that recorded it, and what differs", async () => {
    const entry = await t.db.selectFrom('audit_log').select(['seq']).where('evaluation_id', '=', c.id).where('action', '=', 'candidate.add').orderBy('seq').executeTakeFirstOrThrow()
    await t.db.updateTable('candidates').set({ name: 'Phần mềm Z' }).where('evaluation_id', '=', c.id).where('code', '=', 'A').execute()
    try {
      const vi = await history('vi')
      expect(vi).toContain('Chuỗi nhật ký có vấn đề')
      expect(vi).toContain(`Mục bị phá vỡ đầu tiên: số ${entry.seq} — “Thêm phần mềm dự tuyển”, lúc`)
      expect(vi).toContain('Phần mềm dự tuyển A, tên (name): cơ sở dữ liệu ghi "Phần mềm Z", nhật ký ghi "Phần mềm A"')
      const en = await history('en')
      expect(en).toContain(`First broken entry: no. ${entry.seq} — “`)
      expect(en).toContain('Candidate A, name (name): the database holds "Phần mềm Z", the audit log "Phần mềm A"')
    } finally {
      await t.db.updateTable('candidates').set({ name: 'Phần mềm A' }).where('evaluation_id', '=', c.id).where('code', '=', 'A').execute()
    }
  })

  it('an audit entry altered: its number and action in words', async () => {
    const entry = await t.db.selectFrom('audit_log').select(['id', 'seq', 'reason']).where('evaluation_id', '=', c.id).where('action', '=', 'evaluation.transition').orderBy('seq').executeTakeFirstOrThrow()
    await t.db.updateTable('audit_log').set({ reason: 'sửa lén' }).where('id', '=', entry.id).execute()
    try {
      const vi = await history('vi')
      expect(vi).toContain(`Mục bị phá vỡ đầu tiên: số ${entry.seq} — “Chuyển giai đoạn”, lúc`)
      expect(vi).toContain(`nhật ký: mục ${entry.seq} đã bị sửa (mã băm không khớp)`)
    } finally {
      await t.db.updateTable('audit_log').set({ reason: entry.reason }).where('id', '=', entry.id).execute()
    }
    expect(await history('vi')).toContain('Chuỗi nhật ký toàn vẹn')
    // The API's chain state agrees (no 500 on a broken chain).
    expect((await api(t.app, c.cookies.chair, 'GET', `/evaluations/${c.id}/audit`)).statusCode).toBe(200)
  })
})
