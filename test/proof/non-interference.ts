// Non-interference, the machinery (§7): two worlds (test apps) that differ only in hidden content
// are compared answer by answer — every GET of the OpenAPI document and every page reachable from
// the evaluation, crawled as one actor in both worlds at once — byte for byte (status, headers,
// body), masking only CSRF tokens, session ids and CSP nonces; and no answer shows either world's
// session signing key (§15, `app_secrets`). Used by blindness.test.ts (one rater's ratings) and
// price-sealing.test.ts (the secretary's sealed prices, §12).
import { expect } from 'vitest'
import type { Committee, TestApp } from '../http/helpers.ts'

export const ACTORS = ['admin', 'chair', 'secretary', 'member1', 'member2', 'observer', 'outsider', null] as const
export type Actor = (typeof ACTORS)[number]
export const CRAWL_LIMIT = 400

export interface Leaf { id: string; passFail: boolean }
export interface World { t: TestApp; c: Committee; leaves: Leaf[]; candidates: string[]; members: string[]; catalog: { id: string; version: string } }

export function leavesOf(nodes: { id: string; type?: string; children?: unknown[] }[], out: Leaf[] = []): Leaf[] {
  for (const n of nodes) n.children ? leavesOf(n.children as never, out) : out.push({ id: n.id, passFail: n.type === 'pass_fail' })
  return out
}

// --- what is compared ------------------------------------------------------------------------

const TEXT = /^(text\/|application\/json|application\/(x-)?yaml|image\/svg)/
const mask = (s: string) => s
  .replace(/(name="_csrf" value=")[^"]*"/g, '$1*"')
  .replace(/(name="csrf-token" content=")[^"]*"/g, '$1*"')
  .replace(/nonce="[^"]*"/g, 'nonce="*"')
  .replace(/'nonce-[^']*'/g, "'nonce-*'")
  .replace(/\bsid=[^;,\s]*/g, 'sid=*')

export interface Answer { status: number; headers: Record<string, string>; text: string | null; bytes: Buffer }

export function answerOf(res: Awaited<ReturnType<TestApp['app']['inject']>>): Answer {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(res.headers)) {
    if (k === 'date') continue // the server's clock, not the frozen one (fastify's header)
    headers[k] = k === 'x-csrf-token' ? '*' : mask(Array.isArray(v) ? v.join('\n') : String(v))
  }
  const type = String(res.headers['content-type'] ?? '')
  return { status: res.statusCode, headers, text: TEXT.test(type) || type === '' ? mask(res.body) : null, bytes: res.rawPayload }
}

export function sameAnswer(a: Answer, b: Answer): string | null {
  if (a.status !== b.status) return `status ${a.status} ≠ ${b.status}`
  for (const k of new Set([...Object.keys(a.headers), ...Object.keys(b.headers)])) {
    if (a.headers[k] !== b.headers[k]) return `header ${k}: ${a.headers[k]} ≠ ${b.headers[k]}`
  }
  if (a.text !== null && b.text !== null) {
    if (a.text === b.text) return null
    let i = 0
    while (a.text[i] === b.text[i]) i++
    return `body differs at ${i}: …${a.text.slice(Math.max(0, i - 80), i + 80)}… ≠ …${b.text.slice(Math.max(0, i - 80), i + 80)}…`
  }
  if (!a.bytes.equals(b.bytes)) {
    let i = 0
    while (a.bytes[i] === b.bytes[i]) i++
    return `bytes differ at ${i} of ${a.bytes.length}/${b.bytes.length}: ${JSON.stringify(a.bytes.subarray(Math.max(0, i - 40), i + 40).toString('latin1'))}`
  }
  return null
}

const cookieOf = (w: World, who: Actor) => (who === null ? null : w.c.cookies[who])
export const get = (w: World, who: Actor, url: string) => {
  const cookie = cookieOf(w, who)
  return w.t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} })
}

// --- the URLs --------------------------------------------------------------------------------

/** Every GET of the OpenAPI document, its path parameters filled with every real value. */
export async function apiUrls(w: World): Promise<string[]> {
  const doc = (await get(w, 'admin', '/api/v1/openapi.json')).json() as { paths: Record<string, { get?: { parameters?: { in: string; name: string; schema?: { enum?: string[] } }[] } }> }
  const urls: string[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get) continue
    const catalog = path.startsWith('/api/v1/catalogs/')
    const values: Record<string, string[]> = catalog
      ? { id: [w.catalog.id], version: [w.catalog.version] }
      : { id: [String(w.c.id)], member: w.members, candidateId: w.candidates, criterionId: [w.leaves[0]!.id] }
    let filled = [path]
    for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)) {
      const options = values[name]
      if (!options) throw new Error(`cannot fill path parameter {${name}} of ${path}`)
      filled = filled.flatMap((p) => options.map((o) => p.replace(`{${name}}`, encodeURIComponent(o))))
    }
    const queries: string[] = ['']
    for (const q of ops.get.parameters ?? []) {
      if (q.in !== 'query') continue
      for (const e of q.schema?.enum ?? []) queries.push(`?${q.name}=${encodeURIComponent(e)}`)
    }
    for (const p of filled) for (const q of queries) urls.push(`${p}${q}`)
  }
  return urls
}

/** The evaluation's pages and a few query variants the forms make (filters, candidates). */
export function seeds(w: World): string[] {
  const e = `/evaluations/${w.c.id}`
  return [
    '/', '/login', '/evaluations', '/admin/users', '/admin/catalogs', e,
    ...['declaration', 'sheet', 'progress', 'results', 'review', 'meeting', 'prices', 'history', 'report', 'exchange'].map((p) => `${e}/${p}`),
    ...w.candidates.map((c) => `${e}/sheet?candidate=${c}`),
    ...w.members.map((m) => `${e}/history?member=${m}`),
    ...w.candidates.map((c) => `${e}/history?candidate=${c}`),
    `${e}/history?member=m3&candidate=A`,
    `${e}/results?lang=en`, `${e}/history?lang=en`, `${e}/progress?lang=en`,
  ]
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&#39;/g, "'")

/** Same-site links of a page: href and src attributes, and a redirect's Location. */
function linksOf(res: Awaited<ReturnType<TestApp['app']['inject']>>): string[] {
  const out: string[] = []
  const loc = res.headers.location
  if (typeof loc === 'string') out.push(loc)
  if (String(res.headers['content-type'] ?? '').startsWith('text/html')) {
    for (const m of res.body.matchAll(/\b(?:href|src)="([^"]*)"/g)) out.push(decode(m[1]!))
  }
  return out
    .map((u) => u.split('#')[0]!)
    .filter((u) => u.startsWith('/') && !u.startsWith('//') && !u.startsWith('/logout'))
}

/**
 * The session signing key (`app_secrets`, §15) is never shown: not in any body or header, raw
 * (unmasked). The two worlds have different keys, so the comparison above would also see one.
 */
function showsSessionKey(answers: Awaited<ReturnType<TestApp['app']['inject']>>[], keys: string[]): string | null {
  for (const res of answers) {
    const headers = JSON.stringify(res.headers)
    for (const key of keys) if (res.rawPayload.includes(key) || headers.includes(key)) return 'shows the session signing key'
  }
  return null
}

export interface Compared { urls: number; pairs: number; differences: string[]; reached: Map<string, number> }

/** Crawls as one actor in both worlds at once and compares every answer. */
export async function crawl(a: World, b: World, who: Actor, start: string[], follow = true): Promise<Compared> {
  const seen = new Set<string>()
  const queue = [...start]
  const differences: string[] = []
  const reached = new Map<string, number>()
  let pairs = 0
  while (queue.length > 0 && seen.size < CRAWL_LIMIT) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    const [ra, rb] = [await get(a, who, url), await get(b, who, url)]
    pairs++
    reached.set(url, ra.statusCode)
    const diff = sameAnswer(answerOf(ra), answerOf(rb))
    if (diff) differences.push(`${who ?? 'anonymous'} GET ${url}: ${diff}`)
    const leak = showsSessionKey([ra, rb], [a.t.sessionKey, b.t.sessionKey])
    if (leak) differences.push(`${who ?? 'anonymous'} GET ${url}: ${leak}`)
    if (follow) for (const link of [...linksOf(ra), ...linksOf(rb)]) if (!seen.has(link)) queue.push(link)
  }
  expect(queue.filter((u) => !seen.has(u)), `crawl limit ${CRAWL_LIMIT} reached as ${who}`).toEqual([])
  return { urls: seen.size, pairs, differences, reached }
}

