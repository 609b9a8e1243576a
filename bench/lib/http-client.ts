// A few fetch calls against a running server (127.0.0.1 only), for the load, crash and
// concurrency runs. No retries: a failure is what the caller is measuring.
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(20_000),
  })
  const body = await res.text()
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${body}`)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sid='))
  if (!cookie) throw new Error(`sign-in ${username}: no session cookie`)
  return cookie.split(';')[0]!
}

export interface Answer {
  status: number
  body: string
}

export async function call(base: string, cookie: string | null, method: string, path: string, payload?: unknown, timeoutMs = 20_000): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (payload !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${base}/api/v1${path}`, {
    method, headers, signal: AbortSignal.timeout(timeoutMs),
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  })
  return { status: res.status, body: await res.text() }
}

export const ratingPath = (id: number, candidate: string, criterion: string) =>
  `/evaluations/${id}/ratings/${encodeURIComponent(candidate)}/${encodeURIComponent(criterion)}`

export interface StoredRating {
  member: string
  candidate: string
  criterion: string
  value?: number
  pass?: boolean
  comment?: string
}

export async function ownRatings(base: string, cookie: string, id: number): Promise<StoredRating[]> {
  const a = await call(base, cookie, 'GET', `/evaluations/${id}/ratings`)
  if (a.status !== 200) throw new Error(`ratings: ${a.status} ${a.body}`)
  return JSON.parse(a.body) as StoredRating[]
}
