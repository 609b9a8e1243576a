// The API's routes, from the one place that describes them — GET /api/v1/openapi.json — and,
// to hold the document to the truth, the API routes fastify really serves (`app.routeList`,
// recorded by an onRoute hook in app.ts). Tests that must cover "every route" take this list,
// never one kept by hand.
import type { FastifyInstance } from 'fastify'
import type { Route } from './fuzz-inputs.ts'

export const API_PREFIX = '/api/v1'
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
/** Served but deliberately not described: the document itself. */
const UNDOCUMENTED = new Set(['GET /openapi.json'])

export const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`

/** Every operation of the OpenAPI document, as fastify spells its path (`{id}` → `:id`). */
export async function documentedRoutes(app: FastifyInstance): Promise<Route[]> {
  const res = await app.inject({ method: 'GET', url: `${API_PREFIX}/openapi.json` })
  if (res.statusCode !== 200) throw new Error(`openapi.json: ${res.statusCode}`)
  const doc = res.json() as { paths: Record<string, Record<string, unknown>> }
  const multipart = new Set(servedApiRoutes(app).filter((r) => r.multipart).map(routeKey))
  const out: Route[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops).map((m) => m.toUpperCase())) {
      if (!METHODS.has(method)) continue
      const rel = path.slice(API_PREFIX.length).replace(/\{(\w+)\}/g, ':$1')
      const route = { method: method as Route['method'], path: rel }
      out.push(multipart.has(routeKey(route)) ? { ...route, multipart: true } : route)
    }
  }
  return out
}

/** Every API route fastify serves (its own HEAD twins of GET routes aside). */
export function servedApiRoutes(app: FastifyInstance): (Route & { multipart: boolean })[] {
  return app.routeList
    .filter((r) => METHODS.has(r.method) && r.url.startsWith(`${API_PREFIX}/`))
    .map((r) => ({ method: r.method as Route['method'], path: r.url.slice(API_PREFIX.length), multipart: r.multipart }))
    .filter((r) => !UNDOCUMENTED.has(routeKey(r)))
}
