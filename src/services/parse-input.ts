// Input validation at the service boundary: zod, in the actor's language, as a validation AppError.
import type { z } from 'zod'
import { zodIssues, zodParseOptions } from '../domain/issues.ts'
import { langOf, type Actor } from './actor.ts'
import { validationError } from './app-error.ts'

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, actor: Actor): T {
  const r = schema.safeParse(input, zodParseOptions(langOf(actor)))
  if (!r.success) throw validationError(zodIssues(r.error))
  return r.data
}
