// Bad input (§7): an off-scale rating, unknown ids, malformed JSON, a wrong content type, an
// oversized body, a form without its CSRF token — each gets the right 4xx with a localized
// message (Vietnamese by default, English on request), never a 500, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BODY_LIMIT } from '../../src/app.ts'
import { badTextAt } from '../../src/services/parse-input.ts'
import { api, committee, move, snapshot, testApp, type Committee, type TestApp } from './helpers.ts'

describe('bad input', () => {
  let t: TestApp
  let c: Committee
  const raw = (opts: { method: 'POST' | 'PUT' | 'PATCH'; url: string; type?: string; payload: string; cookie?: string; lang?: string }) =>
    t.app.inject({
      method: opts.method,
      url: opts.url,
      headers: { cookie: [opts.cookie ?? c.cookies.member1, opts.lang ? `lang=${opts.lang}` : ''].filter(Boolean).join('; '), ...(opts.type ? { 'content-type': opts.type } : {}) },
      payload: opts.payload,
    })

  beforeAll(async () => {
    t = await testApp()
    c = await committee(t.app)
    await move(t.app, c, 'scoring')
    await api(t.app, c.cookies.member1, 'POST', `/evaluations/${c.id}/declaration`, { noConflict: true })
  })
  afterAll(async () => t.close())

  const unchanged = async (f: () => Promise<void>) => {
    const before = await snapshot(t.db)
    await f()
    expect(await snapshot(t.db)).toBe(before)
  }

  it('a rating off the scale: 400 with the scale named, in Vietnamese, then in English', async () => {
    await unchanged(async () => {
      const vi = await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 7 })
      expect(vi.statusCode).toBe(400)
      expect(vi.json().error.code).toBe('validation')
      expect(JSON.stringify(vi.json().error)).toContain('nằm ngoài thang điểm 0–5')
      const en = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1?lang=en`, type: 'application/json', payload: '{"value":-1}' })
      expect(en.statusCode).toBe(400)
      expect(JSON.stringify(en.json().error)).toContain('outside the scale 0..5')
    })
  })

  it('a rating that is not a whole number, or of the wrong kind: 400', async () => {
    await unchanged(async () => {
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 2.5 })).statusCode).toBe(400)
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { pass: true })).statusCode).toBe(400)
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 'năm' })).statusCode).toBe(400)
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 3, extra: 1 })).statusCode).toBe(400)
    })
  })

  it('text holding the NUL character (PostgreSQL cannot store it): 400 naming the field, in Vietnamese, then in English, nothing changed', async () => {
    await unchanged(async () => {
      const vi = await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/A.1`, { value: 3, comment: 'a\u0000b' })
      expect(vi.statusCode).toBe(400)
      expect(vi.json().error.details).toEqual([{ path: 'comment', message: 'không được chứa ký tự NUL (U+0000)' }])
      const en = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1?lang=en`, type: 'application/json', payload: '{"value":3,"comment":"\\u0000","reason":"Xem lại"}' })
      expect(en.statusCode).toBe(400)
      expect(en.json().error.details).toEqual([{ path: 'comment', message: 'must not contain the NUL character (U+0000)' }])
      const title = await api(t.app, c.cookies.chair, 'PATCH', `/evaluations/${c.id}`, { title: 'Đợt\u0000' })
      expect(title.statusCode).toBe(400)
      expect(title.json().error.details[0].path).toBe('title')
    })
  })

  it('text that is not Unicode (a lone surrogate, which no database stores as sent): 400 naming the field, nothing changed', async () => {
    await unchanged(async () => {
      const vi = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1`, type: 'application/json', payload: '{"value":2,"comment":"\\udfff"}' })
      expect(vi.statusCode).toBe(400)
      expect(vi.json().error.details).toEqual([{ path: 'comment', message: 'không phải văn bản Unicode hợp lệ (có nửa cặp thay thế UTF-16 đứng riêng)' }])
      const en = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1?lang=en`, type: 'application/json', payload: '{"value":2,"comment":"ok \\ud800 x"}' })
      expect(en.json().error.details).toEqual([{ path: 'comment', message: 'is not valid Unicode text (it holds a lone UTF-16 surrogate)' }])
    })
    // A pair is text (an emoji); only a lone half is refused, wherever it is.
    expect(badTextAt({ comment: 'tốt 👍', list: ['\ud83d\udc4d'] })).toBeNull()
    expect(badTextAt({ list: ['ok', 'a\udc4d'] })).toEqual({ path: ['list', 1], problem: 'notUnicode' })
    expect(badTextAt({ 'k\ud83d': 1 })).toEqual({ path: ['k\ud83d'], problem: 'notUnicode' })
  })

  it('zod issues come back localized in details', async () => {
    const res = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1`, type: 'application/json', payload: '{"value":"năm"}' })
    expect(res.statusCode).toBe(400)
    const { error } = res.json()
    expect(error.message).toBe('Dữ liệu gửi lên không hợp lệ.')
    expect(error.details[0]).toMatchObject({ path: 'value' })
    expect(error.details[0].message).toMatch(/Đầu vào không hợp lệ|không hợp lệ/)
  })

  it('unknown ids: 404 (evaluation, candidate, criterion); a non-numeric evaluation id: 400', async () => {
    await unchanged(async () => {
      const e = await api(t.app, c.cookies.member1, 'PUT', `/evaluations/999/ratings/A/A.1`, { value: 3 })
      expect(e.statusCode).toBe(404)
      expect(e.json().error.code).toBe('not_found')
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/Z/A.1`, { value: 3 })).statusCode).toBe(404)
      expect((await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/KHONG.CO`, { value: 3 })).statusCode).toBe(404)
      expect((await api(t.app, c.cookies.member1, 'GET', `/evaluations/abc`)).statusCode).toBe(400)
      expect((await api(t.app, c.cookies.member1, 'GET', `/khong-co`)).statusCode).toBe(404)
    })
  })

  it('a URL that is not valid UTF-8, or a path parameter too long: the §5 error body, localized', async () => {
    const bad = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${c.id}/ratings/%ED%A0%80/A.1?lang=en`, headers: { cookie: c.cookies.member1 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'validation', message: 'The URL is not valid.' })
    const long = await api(t.app, c.cookies.member1, 'PUT', `/evaluations/${c.id}/ratings/A/${'a'.repeat(200)}`, { value: 3 })
    expect(long.statusCode).toBe(414)
    expect(long.json().error.message).toBe('Địa chỉ (URL) quá dài.')
  })

  it('malformed JSON: 400 with a localized message, not a stack trace', async () => {
    await unchanged(async () => {
      const res = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1`, type: 'application/json', payload: '{"value": 3' })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatchObject({ code: 'validation', message: 'Nội dung JSON không đúng cú pháp.' })
      expect(res.body).not.toMatch(/at .*\.ts|stack/i)
    })
  })

  it('a wrong content type on the API: 415', async () => {
    await unchanged(async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
        const res = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1`, ...(type ? { type } : {}), payload: 'value=3' })
        expect(res.statusCode, String(type)).toBe(415)
        expect(res.json().error).toMatchObject({ code: 'unsupported_media_type', message: 'API chỉ nhận nội dung kiểu application/json.' })
      }
    })
  })

  it('an oversized body: 413 (API and form)', async () => {
    await unchanged(async () => {
      const big = JSON.stringify({ value: 3, comment: 'x'.repeat(BODY_LIMIT + 10) })
      const res = await raw({ method: 'PUT', url: `/api/v1/evaluations/${c.id}/ratings/A/A.1`, type: 'application/json', payload: big })
      expect(res.statusCode).toBe(413)
      expect(res.json().error).toMatchObject({ code: 'too_large', message: 'Nội dung gửi lên quá lớn.' })
      const form = await raw({ method: 'POST', url: `/evaluations/${c.id}/sheet/A`, type: 'application/x-www-form-urlencoded', payload: `c.A.1=${'x'.repeat(BODY_LIMIT + 10)}` })
      expect(form.statusCode).toBe(413)
    })
  })

  it('a form without its CSRF token (or with a wrong one): 403, localized, nothing saved', async () => {
    await unchanged(async () => {
      const missing = await raw({ method: 'POST', url: `/evaluations/${c.id}/sheet/A`, type: 'application/x-www-form-urlencoded', payload: 'v.A.1=3' })
      expect(missing.statusCode).toBe(403)
      expect(missing.body).toContain('thiếu mã bảo vệ')
      const wrong = await raw({ method: 'POST', url: `/evaluations/${c.id}/sheet/A`, type: 'application/x-www-form-urlencoded', payload: '_csrf=abc&v.A.1=3', lang: 'en' })
      expect(wrong.statusCode).toBe(403)
      expect(wrong.body).toContain('protection token')
    })
  })

  it('a form with a bad value re-renders an error page with 400 and saves nothing', async () => {
    const sheet = await t.app.inject({ method: 'GET', url: `/evaluations/${c.id}/sheet?candidate=A`, headers: { cookie: c.cookies.member1 } })
    const token = /name="_csrf" value="([^"]+)"/.exec(sheet.body)![1]!
    await unchanged(async () => {
      const res = await raw({ method: 'POST', url: `/evaluations/${c.id}/sheet/A`, type: 'application/x-www-form-urlencoded', payload: new URLSearchParams({ _csrf: token, 'v.A.1': '9' }).toString() })
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('nằm ngoài thang điểm 0–5')
    })
  })
})
