// The one error handler and the 404 handler. Every failure becomes a status, a stable code, a
// message in the reader's language and optional details: JSON `{ error: { code, message,
// details } }` for the API's routes (the handlers its route scope sets, see routes/index.ts —
// never a test of the URL's text), an error page elsewhere (a sign-in redirect for 401 on a page).
// Messages of 5xx are never shown: they may carry internals. Nothing below 500 is logged as an
// error — it is the client's mistake, not ours.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import { zodParseOptions } from '../domain/issues.ts'
import { t, type Lang } from '../i18n/index.ts'
import { AppError, HTTP_STATUS } from '../services/index.ts'
import { HttpProblem, type ProblemCode } from './http-problem.ts'

export interface Problem {
  status: number
  code: ProblemCode | string
  message: string
  details?: unknown
}

type Context = 'body' | 'querystring' | 'params' | 'headers'

/** Zod's issues again, in the reader's language (the validator compiler knows no request). */
function localizedIssues(req: FastifyRequest, context: Context | undefined): { path: string; code: string; message: string }[] | undefined {
  const schema = (req.routeOptions.schema as Record<string, unknown> | undefined)?.[context ?? 'body'] as z.ZodType | undefined
  if (!schema || typeof schema.safeParse !== 'function') return undefined
  const data = context === 'querystring' ? req.query : context === 'params' ? req.params : context === 'headers' ? req.headers : req.body
  const r = schema.safeParse(data, zodParseOptions(req.lang))
  if (r.success) return undefined
  return r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }))
}

const byStatus: Record<number, [ProblemCode, string]> = {
  400: ['validation', 'errors.badRequest'],
  401: ['unauthenticated', 'errors.unauthenticated'],
  403: ['forbidden', 'errors.forbidden'],
  404: ['not_found', 'errors.notFound'],
  409: ['conflict', 'errors.conflict'],
  413: ['too_large', 'errors.tooLarge'],
  415: ['unsupported_media_type', 'errors.unsupportedMediaType'],
}

export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const lang: Lang = req.lang ?? 'vi'
  if (err instanceof AppError) {
    return { status: HTTP_STATUS[err.code], code: err.code, message: err.localized(lang), details: err.details }
  }
  if (err instanceof HttpProblem) {
    return { status: err.status, code: err.code, message: t(lang, err.key, err.params), details: err.details }
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: Context }).validationContext
    const issues = localizedIssues(req, context) ?? err.validation.map((v) => ({ path: v.instancePath, code: v.keyword, message: v.message ?? '' }))
    return { status: 400, code: 'validation', message: t(lang, 'errors.validation'), details: issues }
  }
  const e = err as Partial<FastifyError>
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: t(lang, 'errors.unsupportedMediaType') }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'too_large', message: t(lang, 'errors.tooLarge') }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'validation', message: t(lang, 'errors.malformedJson') }
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return { status: 403, code: 'forbidden', message: t(lang, 'errors.csrf') }
  }
  // The JSON parser's own SyntaxError carries status 400.
  if (err instanceof SyntaxError && e.statusCode === 400) return { status: 400, code: 'validation', message: t(lang, 'errors.malformedJson') }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500
  if (status === 429) {
    return { status, code: 'too_many_requests', message: e.message ?? t(lang, 'errors.tooManyAttempts', { minutes: 15 }) }
  }
  if (status >= 400 && status < 500) {
    const [code, key] = byStatus[status] ?? ['validation', 'errors.badRequest']
    return { status, code, message: t(lang, key) }
  }
  return { status: 500, code: 'internal', message: t(lang, 'errors.internal') }
}

/** Where the failed form came from, when it is one of our own pages (never a foreign URL). */
function sameOriginPath(req: FastifyRequest): string | undefined {
  const ref = req.headers.referer
  if (!ref) return undefined
  try {
    const u = new URL(ref)
    return u.host === req.headers.host ? `${u.pathname}${u.search}` : undefined
  } catch {
    return undefined
  }
}

export type ProblemFormat = 'json' | 'page'

export function sendJsonProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/json; charset=utf-8').send({
    error: { code: problem.code, message: problem.message, details: problem.details ?? null },
  })
}

export async function sendProblem(req: FastifyRequest, reply: FastifyReply, problem: Problem, format: ProblemFormat = 'page'): Promise<FastifyReply> {
  if (format === 'json') return sendJsonProblem(reply, problem)
  if (problem.status === 401) {
    const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : ''
    return reply.redirect(`/login${next}`, 303)
  }
  reply.status(problem.status)
  return reply.page('error', t(req.lang ?? 'vi', 'errors.title'), {
    status: problem.status,
    message: problem.message,
    details: Array.isArray(problem.details) ? problem.details : [],
    back: req.method === 'GET' ? undefined : sameOriginPath(req),
  })
}

function logProblem(req: FastifyRequest, err: unknown, problem: Problem): void {
  if (problem.status >= 500) req.log.error({ err }, 'request failed')
  else req.log.info({ code: problem.code, status: problem.status }, 'request refused')
}

/** The pages' error handler (the root scope's). */
export async function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const problem = toProblem(err, req)
  logProblem(req, err, problem)
  try {
    return await sendProblem(req, reply, problem, 'page')
  } catch (renderErr) {
    // The error page itself failed (a broken template): plain text rather than nothing.
    req.log.error({ err: renderErr }, 'error page failed')
    return reply.status(problem.status).type('text/plain; charset=utf-8').send(problem.message)
  }
}

/** The API's error handler, set on its route scope: always the §5 JSON body. */
export async function apiErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const problem = toProblem(err, req)
  logProblem(req, err, problem)
  return sendJsonProblem(reply, problem)
}

/**
 * Errors the router raises before any hook has run (a URL that is not valid UTF-8, a path
 * parameter over fastify's length limit): no session, no language yet, so the language comes
 * from `?lang=` or the cookie by hand, and a page gets plain text rather than the layout.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const asked = /[?&]lang=(vi|en)\b/.exec(req.url)?.[1] ?? /(?:^|;\s*)lang=(vi|en)\b/.exec(req.headers.cookie ?? '')?.[1]
  const lang: Lang = asked === 'en' ? 'en' : 'vi'
  const [status, key] = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? [414, 'errors.uriTooLong'] : [400, 'errors.badUrl']
  const message = t(lang, key)
  // No route yet, so no scope: the URL's text only chooses the body's format here, it decides nothing.
  if (req.url.startsWith('/api/')) {
    void reply.status(status).type('application/json; charset=utf-8').send({ error: { code: 'validation', message, details: null } })
  } else {
    void reply.status(status).type('text/plain; charset=utf-8').send(message)
  }
}

export async function notFoundHandler(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return sendProblem(req, reply, { status: 404, code: 'not_found', message: t(req.lang ?? 'vi', 'errors.notFound') }, 'page')
}

/** The API scope's 404: JSON. */
export async function apiNotFoundHandler(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return sendJsonProblem(reply, { status: 404, code: 'not_found', message: t(req.lang ?? 'vi', 'errors.notFound') })
}
