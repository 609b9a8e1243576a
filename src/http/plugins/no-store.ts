// §7: authenticated pages and API answers are never kept by a browser or a proxy, so "Back"
// after signing out shows nothing and a shared computer keeps no results. Set on the API's and
// the pages' route scopes (never the static files'), for every answer of theirs.
import type { FastifyReply, FastifyRequest } from 'fastify'

export async function noStore(_req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  reply.header('cache-control', 'no-store')
  return payload
}
