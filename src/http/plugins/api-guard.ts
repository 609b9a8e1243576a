// The JSON API's own rules, registered ON THE API'S ROUTE SCOPE (routes/index.ts registers this
// inside the `/api/v1` plugin), so they hold for every API route however its URL is spelled
// (`/%61pi/v1/…`, `//api/v1/…`, `/api/v1/../v1/…` reach the same routes, and their hooks):
// - a request that may change something (anything but GET/HEAD/OPTIONS) must declare
//   `Content-Type: application/json`, else 415. This is also the API's CSRF defence: a
//   cross-site form can only send urlencoded, multipart or text/plain bodies, and a
//   cross-site fetch with JSON needs a CORS preflight we never grant; together with the
//   SameSite=Lax session cookie, no other site can make a signed-in browser call the API.
//   (Pages use CSRF tokens instead. A route marked `config: { multipartUpload: true }` — the
//   workbook upload — takes multipart/form-data instead, and must check a CSRF token itself,
//   sent in the `x-csrf-token` header.) The API scope has no urlencoded parser at all:
//   @fastify/formbody is registered for the pages only.
// - errors and unknown routes answer the §5 JSON body (the scope's own handlers);
// - answers are never stored by a browser or a proxy (`Cache-Control: no-store`, §7).
import fp from 'fastify-plugin'
import { apiErrorHandler, apiNotFoundHandler } from '../error-handler.ts'
import { HttpProblem } from '../http-problem.ts'
import { noStore } from './no-store.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json'
}

export function isPdfBody(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/pdf'
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
}

/** fastify-plugin: the hooks land on the scope that registers this (the API's), not a child. */
export const apiGuard = fp(
  async (api) => {
    // Before any route: a child context keeps the handlers its parent had when it was made.
    api.setErrorHandler(apiErrorHandler)
    api.setNotFoundHandler(apiNotFoundHandler)
    api.addHook('onRequest', async (req) => {
      if (SAFE.has(req.method)) return
      const upload = (req.routeOptions.config as { multipartUpload?: boolean } | undefined)?.multipartUpload === true
      if (upload && isMultipart(req.headers['content-type'])) return
      // A signed report (§14) is sent as application/pdf: like JSON, no cross-site form can send it.
      if ((req.routeOptions.config as { pdfUpload?: boolean } | undefined)?.pdfUpload === true && isPdfBody(req.headers['content-type'])) return
      if (!isJson(req.headers['content-type'])) {
        throw new HttpProblem(415, 'unsupported_media_type', 'errors.unsupportedMediaType')
      }
    })
    api.addHook('onSend', noStore)
  },
  { name: 'api-guard', fastify: '5.x', dependencies: ['i18n'] },
)
