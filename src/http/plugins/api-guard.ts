// The JSON API's own rules, before any body is read:
// - a request that may change something (anything but GET/HEAD/OPTIONS) must declare
//   `Content-Type: application/json`, else 415. This is also the API's CSRF defence: a
//   cross-site form can only send urlencoded, multipart or text/plain bodies, and a
//   cross-site fetch with JSON needs a CORS preflight we never grant; together with the
//   SameSite=Lax session cookie, no other site can make a signed-in browser call the API.
//   (Pages use CSRF tokens instead. A route marked `config: { multipartUpload: true }` — the
//   workbook upload — takes multipart/form-data instead, and must check a CSRF token itself,
//   sent in the `x-csrf-token` header.)
import fp from 'fastify-plugin'
import { HttpProblem } from '../http-problem.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  return type === 'application/json'
}

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'multipart/form-data'
}

export const apiGuard = fp(
  async (app) => {
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/api/') || SAFE.has(req.method)) return
      const upload = (req.routeOptions.config as { multipartUpload?: boolean } | undefined)?.multipartUpload === true
      if (upload && isMultipart(req.headers['content-type'])) return
      if (!isJson(req.headers['content-type'])) {
        throw new HttpProblem(415, 'unsupported_media_type', 'errors.unsupportedMediaType')
      }
    })
  },
  { name: 'api-guard', fastify: '5.x', dependencies: ['i18n'] },
)
