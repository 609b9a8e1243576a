// HTML forms are validated in the handler (not by the route schema), so the same zod schema
// gives localized messages and the error page lists them with a 400.
import type { FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { zodParseOptions } from '../../domain/issues.ts'
import { HttpProblem } from '../http-problem.ts'

export function parseForm<S extends z.ZodType>(schema: S, req: FastifyRequest): z.infer<S> {
  const r = schema.safeParse(req.body ?? {}, zodParseOptions(req.lang))
  if (r.success) return r.data
  const details = r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
  throw new HttpProblem(400, 'validation', 'errors.validation', {}, details)
}

/** An optional text field: "" means "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
