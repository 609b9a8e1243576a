// §7 "Hostile input", measured on the real server (a child process, bench/lib/server-process.ts,
// its RSS read from /proc): five hostile workbook uploads at once — zip bombs of a score sheet
// (honest and lying headers), a sheet over the cell limit, and sheets whose shared strings are
// huge but within the limits, so exceljs really has to read them — keep the server's RSS growth
// within §10's 200 MB, and the server keeps answering other requests while they are refused.
// (Before the limits, one 411 KB workbook took the server to 2.2 GB and five killed it.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryOf, startServer, type ServerProcess } from '../../bench/lib/server-process.ts'
import { multipart, xlsxPart } from '../exchange/helpers.ts'
import { hugeSharedStrings, lyingZipBomb, manyCells, zipBomb } from './hostile-files.ts'

const ADMIN_PASSWORD = 'mat-khau-quan-tri-1'
const PASSWORD = 'mat-khau-123'
/** §10: server RSS ≤ 200 MB under load; here, growth above the idle server's. */
const MAX_GROWTH_MB = 200

let server: ServerProcess
let dir: string

async function call(method: string, path: string, cookie: string | null, body?: unknown): Promise<Response> {
  return fetch(`${server.base}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
}

async function signIn(username: string, password: string): Promise<string> {
  const res = await call('POST', '/api/v1/auth/login', null, { username, password })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return res.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!
}

async function ok(res: Promise<Response>, status = 201): Promise<Response> {
  const r = await res
  if (r.status !== status) throw new Error(`${r.url}: ${r.status} ${await r.text()}`)
  return r
}

describe('five hostile workbook uploads at once against the real server', () => {
  let secretary: string
  let token: string
  let sheet: Buffer
  let id: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eoffice-hostile-'))
    server = await startServer({ dataDir: dir, env: { ADMIN_PASSWORD, LOG_LEVEL: 'error' } })
    const admin = await signIn('admin', ADMIN_PASSWORD)
    for (const u of ['chair', 'secretary', 'member1']) await ok(call('POST', '/api/v1/users', admin, { username: u, password: PASSWORD, displayName: u }))
    const created = await ok(call('POST', '/api/v1/evaluations', admin, { title: 'Đánh giá thử tải', catalogId: 'qlvb-dhcv-2015', chair: 'chair' }))
    id = ((await created.json()) as { id: number }).id
    const chair = await signIn('chair', PASSWORD)
    for (const name of ['Phần mềm A', 'Phần mềm B']) await ok(call('POST', `/api/v1/evaluations/${id}/candidates`, chair, { name }))
    await ok(call('POST', `/api/v1/evaluations/${id}/members`, chair, { username: 'secretary', role: 'secretary' }))
    // member1 rates on paper: the secretary may upload their sheet (§2), so the upload reaches the parser.
    await ok(call('POST', `/api/v1/evaluations/${id}/members`, chair, { username: 'member1', role: 'member', paper: true }))
    await ok(call('POST', `/api/v1/evaluations/${id}/transitions`, chair, { to: 'scoring' }), 200)
    // Declarations are personal (§2): member1 signs the no-conflict declaration before any sheet of theirs.
    await ok(call('POST', `/api/v1/evaluations/${id}/declaration`, await signIn('member1', PASSWORD), { noConflict: true }), 204)
    secretary = await signIn('secretary', PASSWORD)
    const members = ((await (await call('GET', `/api/v1/evaluations/${id}`, secretary)).json()) as { members: { id: string; role: string }[] }).members
    const rater = members.find((m) => m.role === 'member')!.id
    const dl = await ok(call('GET', `/api/v1/evaluations/${id}/sheets/${rater}.xlsx`, secretary), 200)
    token = dl.headers.get('x-csrf-token')!
    sheet = Buffer.from(await dl.arrayBuffer())
    ;(globalThis as { rater?: string }).rater = rater
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it(`keeps RSS growth ≤ ${MAX_GROWTH_MB} MB, refuses each with 400, and answers other requests meanwhile`, async () => {
    const rater = (globalThis as { rater?: string }).rater!
    const files: [string, Buffer][] = [
      ['zip bomb (300 MB)', await zipBomb(sheet, 300)],
      ['lying zip bomb (300 MB, headers say 4 KB)', await lyingZipBomb(sheet, 300)],
      ['250 000 cells', await manyCells(sheet, 250_000)],
      ['shared strings of 15 MB', await hugeSharedStrings(sheet, 15)],
      ['shared strings of 15 MB (again)', await hugeSharedStrings(sheet, 15)],
    ]
    for (const [name, f] of files) expect([name, f.length < 4 * 1024 * 1024]).toEqual([name, true])

    // The idle server, warmed up by the same kind of work (a page and an API call).
    for (let i = 0; i < 3; i++) await (await call('GET', `/api/v1/evaluations/${id}`, secretary)).arrayBuffer()
    await new Promise((r) => setTimeout(r, 300))
    const base = memoryOf(server.pid)!.rssMb
    let peak = base
    const sampler = setInterval(() => {
      const m = memoryOf(server.pid)
      if (m) peak = Math.max(peak, m.rssMb)
    }, 25)

    // Meanwhile, someone else keeps using the server: every answer must come, and quickly.
    let stop = false
    const latencies: number[] = []
    const others = (async () => {
      while (!stop) {
        const t0 = performance.now()
        const res = await call('GET', '/api/v1/auth/me', secretary)
        await res.arrayBuffer()
        expect(res.status).toBe(200)
        latencies.push(performance.now() - t0)
        await new Promise((r) => setTimeout(r, 20))
      }
    })()

    const results = await Promise.all(files.map(async ([name, file]) => {
      const { payload, contentType } = multipart({ reason: 'Thành viên chấm trên giấy', workbook: xlsxPart(file) })
      const res = await fetch(`${server.base}/api/v1/evaluations/${id}/sheets/${rater}`, {
        method: 'POST', headers: { cookie: secretary, 'content-type': contentType, 'x-csrf-token': token }, body: new Uint8Array(payload),
      })
      const body = (await res.json()) as { error?: { details?: { message: string }[] } }
      return { name, status: res.status, message: body.error?.details?.[0]?.message ?? JSON.stringify(body) }
    }))
    stop = true
    await others
    clearInterval(sampler)
    peak = Math.max(peak, memoryOf(server.pid)?.peakMb ?? 0)

    for (const r of results) expect([r.name, r.status, r.message]).toEqual([r.name, 400, r.message])
    expect(results.map((r) => r.message)).toEqual([
      expect.stringMatching(/quá lớn/), expect.stringMatching(/quá lớn/), expect.stringMatching(/quá nhiều ô/),
      expect.stringMatching(/phiếu|Excel/), expect.stringMatching(/phiếu|Excel/),
    ])
    const growth = peak - base
    console.log(`hostile uploads: idle RSS ${base.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (growth ${growth.toFixed(0)} MB); `
      + `${latencies.length} other requests, slowest ${Math.max(...latencies).toFixed(0)} ms`)
    expect(growth).toBeLessThanOrEqual(MAX_GROWTH_MB)
    expect(latencies.length).toBeGreaterThan(0)
    expect(Math.max(...latencies)).toBeLessThan(2000)
    expect(server.child.exitCode).toBeNull()
    expect((await call('GET', '/api/v1/auth/me', secretary)).status).toBe(200)
  }, 180_000)
})
