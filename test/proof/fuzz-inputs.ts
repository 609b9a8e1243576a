// Generators for the API fuzz test: every /api/v1 route, with identities, path parameters,
// query strings, content types and bodies drawn from the shapes that break servers — random
// JSON, odd Unicode, huge and non-finite numbers (as raw JSON tokens: 1e999 parses to
// Infinity), negative and foreign ids, deep nesting, wrong types, malformed and oversized text.
import fc from 'fast-check'

export const WHO = ['anon', 'forged', 'admin', 'chair', 'secretary', 'member1', 'member2', 'observer', 'outsider'] as const
export type Who = (typeof WHO)[number]

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Relative to /api/v1, with `:name` parameters (as the OpenAPI document's `{name}`). */
  readonly path: string
  /** Takes multipart/form-data (a workbook upload): fuzzed with garbage files too. */
  readonly multipart?: boolean
}

/** A path no route serves: the 404 answer must keep the §5 shape too. */
export const NO_ROUTE: Route = { method: 'GET', path: '/no-such-route/:id' }

/** Ids and codes that exist in the fuzz fixture, so many cases get past "not found". */
export interface Known {
  /** Every evaluation id, then the one in draft, in scoring (raters chair, member1 declared), in review. */
  readonly evaluations: readonly number[]
  readonly draft: number
  readonly scoring: number
  readonly review: number
  /** Scored criteria of the scoring evaluation; groups and criteria of the draft one. */
  readonly scored: readonly string[]
  readonly draftNodes: readonly string[]
  readonly codes: readonly string[]
  readonly criteria: readonly string[]
  readonly usernames: readonly string[]
  readonly password: string
  /** Every route of the OpenAPI document (api-routes.ts), the fuzz run's route list. */
  readonly routes: readonly Route[]
  /** Garbage files for upload routes: random bytes, broken zips, a zip bomb, a real sheet spoiled. */
  readonly files: readonly Buffer[]
  /** A CSRF token valid for the secretary's session (upload routes check one). */
  readonly csrf: string
}

const safeEncode = (s: string) => {
  try {
    return encodeURIComponent(s)
  } catch {
    return '%ED%A0%80' // a lone surrogate, as the raw UTF-8 bytes it cannot be
  }
}

const oddStrings = (k: Known) => fc.constantFrom(
  '', ' ', '\u0000', 'e\u0301', 'Tie\u0302\u0301u chi\u0301', '\u202eevil', '😀', '😀'.repeat(3000), 'a'.repeat(70_000),
  '\ud800', '\udfff', '\uffff', '\ufeff', '<script>alert(1)</script>', "'; DROP TABLE ratings; --", '__proto__', 'constructor',
  'null', 'NaN', 'Infinity', '1e999', 'Tiêu chí đạt', ' chair ', 'CHAIR', ...k.usernames, k.password, ...k.codes, ...k.criteria,
  'draft', 'scoring', 'review', 'finalized', 'member', 'observer', 'secretary', 'vi', 'en', 'qlvb-dhcv-2015', 'iso25010-software', '2015-05-25',
)

const oddNumbers = fc.constantFrom(0, -0, 1, 2, 3, 5, 6, -1, 0.5, 4.999999999, 2 ** 53 + 1, -(2 ** 53), 1e308, -1e308, 5e-324, 1e21, 100, 101)

const FIELDS = [
  'username', 'password', 'displayName', 'admin', 'title', 'catalogId', 'catalogVersion', 'chair', 'basis', 'deadline',
  'aggregation', 'threshold', 'disagreementSpread', 'monteCarlo', 'report', 'conclusion', 'name', 'vendor', 'version', 'id',
  'role', 'weight', 'parent', 'node', 'children', 'type', 'matrix', 'confirm', 'to', 'reason', 'noConflict', 'conflicts',
  'candidate', 'value', 'pass', 'comment', 'draws', 'seed', 'concentration', '__proto__', 'constructor',
] as const

export function jsonish(k: Known) {
  const str = fc.oneof(oddStrings(k), fc.string(), fc.string({ unit: 'binary' }))
  const num = fc.oneof(oddNumbers, fc.integer(), fc.double())
  const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.string() })
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      str, num, fc.boolean(), fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  }))
  return { value, key, str, num }
}

/** Bodies that are nearly right for some route: each a valid shape, then one field spoiled or one added. */
function nearlyValid(k: Known) {
  const { value } = jsonish(k)
  const valid = fc.constantFrom<Record<string, unknown>>(
    { username: k.usernames[0], password: k.password },
    { username: 'moi', password: k.password, displayName: 'Người mới' },
    { password: k.password },
    { title: 'Đánh giá', catalogId: 'qlvb-dhcv-2015' },
    { title: 'Tên mới', threshold: 60 },
    { report: { conclusion: 'Đề xuất chọn A' } },
    { name: 'Phần mềm C', vendor: 'Công ty Y' },
    { username: k.usernames[3], role: 'member' },
    { weight: 2 },
    { parent: null, node: { id: 'X', title: { vi: 'Nhóm X' }, weight: 1, children: [{ id: 'X.1', title: { vi: 'Tiêu chí X.1' }, weight: 1 }] } },
    { matrix: [[1, 3], [1 / 3, 1]] },
    { to: 'scoring' }, { to: 'review' }, { to: 'finalized' }, { to: 'draft' },
    { noConflict: true },
    { conflicts: [{ candidate: 'A', reason: 'Từng làm việc cho nhà cung cấp' }] },
    { value: 3 }, { value: 4, comment: 'Có chữ ký số' }, { pass: true }, { value: 2, reason: 'Xem lại' },
  )
  const spoiled = fc.tuple(valid, fc.constantFrom(...FIELDS), value, fc.nat(), fc.boolean()).map(([body, field, v, at, replace]) => {
    const keys = Object.keys(body)
    const target = replace && keys.length ? keys[at % keys.length]! : field
    // defineProperty, so a "__proto__" key is a plain own key as JSON.parse would make it.
    const out: Record<string, unknown> = { ...body }
    Object.defineProperty(out, target, { value: v, enumerable: true, writable: true, configurable: true })
    return out
  })
  return fc.oneof(valid, spoiled)
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'multipart'; fields: Record<string, string>; file: Buffer | null; field: string }

/** A multipart body: a garbage (or real-but-spoiled) file in `workbook` or another field, odd text fields. */
function multipartBodies(k: Known): fc.Arbitrary<Body> {
  const { str } = jsonish(k)
  const file = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...k.files) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...k.files), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([f, at, byte]) => {
      const copy = Buffer.from(f)
      if (copy.length > 0) copy[at % copy.length] = byte
      return copy
    }) },
    { weight: 1, arbitrary: fc.constant(null) },
  )
  return fc.record({
    fields: fc.dictionary(fc.constantFrom('reason', 'noConflict', 'member', '_csrf', 'x', '__proto__'), fc.oneof(str, fc.constantFrom('on', k.csrf)), { maxKeys: 3 }),
    file,
    field: fc.constantFrom('workbook', 'workbook', 'workbook', 'file', 'reason'),
  }).map((m): Body => ({ kind: 'multipart', ...m, fields: { reason: 'Phiếu giấy của thành viên', ...m.fields } }))
}

const rawTokens = fc.constantFrom('1e999', '-1e999', '1e-999', '123456789012345678901234567890', '-0', '5.0', '5e0', '0.0000001', '3.', '.5', '+3', 'NaN', 'Infinity', '0x10', '05')

function rawBodies(k: Known) {
  return fc.oneof(
    // Numbers JSON.stringify cannot write: Infinity and friends arrive as raw tokens.
    fc.tuple(fc.constantFrom(...FIELDS), rawTokens).map(([f, t]) => `{"${f}":${t}}`),
    fc.tuple(rawTokens, fc.constantFrom('value', 'weight', 'threshold')).map(([t, f]) => `{"${f}":${t},"comment":"x"}`),
    // Deep nesting, up to what fits under the body limit.
    fc.integer({ min: 50, max: 120_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
    fc.integer({ min: 50, max: 50_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    fc.constantFrom(
      '{', '{"a":}', 'nul', '"\\ud800"', '\u0000', '{"value":5,"value":6}', '[1,2', '{"__proto__":{"admin":true},"value":3}',
      '{"constructor":{"prototype":{"admin":true}}}', '"just a string"', '42', 'true', 'null', '[]', ' ', '\ufeff{}',
      `{"username":"${k.usernames[0]}","password":"${k.password}","__proto__":{"admin":true}}`,
      'x'.repeat(300_000), // over the 256 KB limit
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  )
}

export function bodies(k: Known): fc.Arbitrary<Body> {
  const { value } = jsonish(k)
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    { weight: 4, arbitrary: nearlyValid(k).map((v): Body => ({ kind: 'json', value: v })) },
    { weight: 3, arbitrary: fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }).map((v): Body => ({ kind: 'json', value: v })) },
    { weight: 2, arbitrary: value.map((v): Body => ({ kind: 'json', value: v })) },
    { weight: 2, arbitrary: rawBodies(k).map((text): Body => ({ kind: 'raw', text })) },
  )
}

function params(k: Known) {
  const { str } = jsonish(k)
  const id = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...k.evaluations.map(String)) },
    { weight: 2, arbitrary: fc.constantFrom('0', '-1', '999999', '99999999999999999999', '1.5', '1e3', '1e999', 'NaN', 'Infinity', '-0', '0x1', '%201', 'abc', '%00', '%F0%9F%98%80', '%2e%2e', '%ED%A0%80') },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: str.map(safeEncode) },
  )
  const code = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...k.codes, ...k.criteria) },
    { weight: 1, arbitrary: fc.constantFrom('%00', '%ED%A0%80', '%2e%2e', 'a'.repeat(65), 'a'.repeat(5000), '__proto__', 'constructor', 'toString') },
    { weight: 2, arbitrary: str.map(safeEncode) },
  )
  const username = fc.oneof(fc.constantFrom(...k.usernames), str.map(safeEncode))
  const version = fc.oneof(fc.constantFrom('1.0.0', '9.9.9', '0', '%00', '..'), str.map(safeEncode))
  return fc.record({ id, code, criterion: code, username, version })
}

/** Which generator fills a path parameter, by its name in the OpenAPI document. */
const PARAM_KIND: Record<string, 'id' | 'code' | 'criterion' | 'username' | 'version'> = {
  id: 'id', code: 'code', candidateId: 'code', member: 'code', criterionId: 'criterion', groupId: 'criterion', criterion: 'criterion',
  username: 'username', version: 'version',
}

export interface Case {
  who: Who
  route: Route
  method: string
  url: string
  /** `multipart`: the body's own multipart/form-data type with its boundary. */
  contentType: string | undefined
  body: Body
  /** Send the secretary's CSRF token in x-csrf-token. */
  csrf?: boolean
}

/**
 * Requests that get past sign-in, authorization and routing — the right person, a real
 * evaluation in the right state — with a body that is right or spoiled in one place: where a
 * late refusal could leave a half-made change behind.
 */
function coherent(k: Known): fc.Arbitrary<Case> {
  const { value } = jsonish(k)
  const ratingBody = fc.oneof(
    { weight: 3, arbitrary: fc.record({ value: fc.integer({ min: 0, max: 5 }), comment: fc.option(fc.oneof(oddStrings(k), fc.string())), reason: fc.constantFrom('Xem lại', '') }, { requiredKeys: ['value'] }) },
    { weight: 1, arbitrary: fc.record({ value: fc.oneof(oddNumbers, fc.integer({ min: -2, max: 8 }), value) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.record({ value: fc.integer({ min: 0, max: 5 }), comment: value, reason: value }, { requiredKeys: ['value'] }) },
    { weight: 1, arbitrary: fc.record({ pass: fc.oneof(fc.boolean(), value), value: fc.oneof(oddNumbers, value) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('value', 'pass', 'comment', 'reason', 'candidate', 'criterion', 'member'), value, { maxKeys: 4 }) },
  )
  const rating = fc.record({
    who: fc.constantFrom<Who>('chair', 'member1', 'member2'),
    id: fc.constantFrom(k.scoring, k.review),
    candidate: fc.constantFrom('A', 'B', 'C'),
    criterion: fc.constantFrom(...k.scored, 'G1.1', 'G2.2'),
    body: ratingBody,
  }).map(({ who, id, candidate, criterion, body }): Case => ({
    who, route: { method: 'PUT', path: '/evaluations/:id/ratings/:code/:criterion' }, method: 'PUT',
    url: `/api/v1/evaluations/${id}/ratings/${candidate}/${encodeURIComponent(criterion)}`, contentType: 'application/json', body: { kind: 'json', value: body },
  }))
  const setupRoutes = k.routes.filter((r) => r.path.startsWith('/evaluations/:id') && r.method !== 'GET' && !r.path.includes('ratings') && !r.multipart)
  const setup = fc.record({
    who: fc.constantFrom<Who>('chair', 'secretary', 'member2'),
    id: fc.constantFrom(k.draft, k.draft, k.scoring),
    route: fc.constantFrom(...setupRoutes),
    code: fc.constantFrom('A', 'B', 'm2', 'm3', ...k.draftNodes),
    body: bodies(k),
  }).map(({ who, id, route, code, body }): Case => ({
    who, route, method: route.method, contentType: 'application/json', body,
    url: `/api/v1${route.path.replace(':id', String(id)).replace(/:\w+/g, () => encodeURIComponent(code))}`,
  }))
  const uploads = k.routes.filter((r) => r.multipart)
  const upload = fc.record({
    who: fc.constantFrom<Who>('secretary', 'secretary', 'chair'),
    route: fc.constantFrom(...(uploads.length > 0 ? uploads : [NO_ROUTE])),
    id: fc.constantFrom(k.scoring, k.scoring, k.draft, k.review),
    member: fc.constantFrom('m4', 'm4', 'm4', 'm3', 'm1', 'x'),
    body: multipartBodies(k),
  }).map(({ who, route, id, member, body }): Case => ({
    who, route, method: route.method, contentType: 'multipart', body, csrf: true,
    url: `/api/v1${route.path.replace(':id', String(id)).replace(/:\w+/g, member)}`,
  }))
  return fc.oneof({ weight: 3, arbitrary: rating }, { weight: 3, arbitrary: setup }, { weight: uploads.length > 0 ? 1 : 0, arbitrary: upload })
}

export function cases(k: Known): fc.Arbitrary<Case> {
  return fc.oneof({ weight: 3, arbitrary: anyCase(k) }, { weight: 2, arbitrary: coherent(k) })
}

function anyCase(k: Known): fc.Arbitrary<Case> {
  const contentType = fc.oneof(
    { weight: 10, arbitrary: fc.constant<string | undefined>('application/json') },
    { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'text/plain', 'application/json; charset=latin1', 'application/JSON', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json;;;', 'application/vnd.api+json', '') },
  )
  const method = fc.oneof({ weight: 12, arbitrary: fc.constant<string | null>(null) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS') })
  const query = fc.oneof(
    { weight: 8, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('?lang=en', '?lang=vi', '?lang=xx', '?lang=', '?lang=en&lang=vi', '?lang[]=en', '?__proto__[admin]=1', '?%ff=1') },
  )
  return fc.record({
    who: fc.constantFrom(...WHO),
    route: fc.constantFrom(...k.routes, NO_ROUTE),
    method,
    params: params(k),
    query,
    contentType,
    body: bodies(k),
    upload: multipartBodies(k),
    csrf: fc.boolean(),
  }).map((c): Case => {
    const p = c.params as Record<string, string>
    const path = c.route.path.replace(/:(\w+)/g, (_m, name: string) => p[PARAM_KIND[name] ?? 'code'] ?? 'x')
    const multipart = c.route.multipart === true
    return {
      who: c.who, route: c.route, method: c.method ?? c.route.method, url: `/api/v1${path}${c.query}`,
      contentType: multipart ? 'multipart' : c.contentType, body: multipart ? c.upload : c.body, csrf: multipart && c.csrf,
    }
  })
}
