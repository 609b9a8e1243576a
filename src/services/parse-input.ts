// Input validation at the service boundary: zod, in the actor's language, as a validation AppError.
// Every text input is put in NFC first (§7): stored and hashed as the audit log sees it, so a
// comment typed in NFD verifies like one typed in NFC. Text holding the NUL character is refused
// (PostgreSQL cannot store it in a text column, §15; SQLite would, so both engines refuse alike),
// and so is text that is not Unicode — a lone UTF-16 surrogate (JSON's "\udfff"): no database
// stores it as sent, so what is stored would differ from what the audit entry hashed.
import type { z } from 'zod'
import { formatPath, zodIssues, zodParseOptions, type PathSegment } from '../domain/issues.ts'
import { message } from '../domain/messages.ts'
import { langOf, type Actor } from './actor.ts'
import { validationError } from './app-error.ts'

/** Strings (and keys) of plain objects and arrays in NFC; anything else (a Buffer, a Date) as it is. */
export function toNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC')
  if (Array.isArray(value)) return value.map(toNfc)
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) return value
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = toNfc(v)
    return out
  }
  return value
}

type TextProblem = 'nulCharacter' | 'notUnicode'

/** A lone surrogate: with the `u` flag a surrogate pair is one code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u

const problemOf = (s: string): TextProblem | null => (s.includes('\u0000') ? 'nulCharacter' : LONE_SURROGATE.test(s) ? 'notUnicode' : null)

/** Where the first string (or key) holding U+0000 or a lone surrogate is in a plain value, and which; null when none does. */
export function badTextAt(value: unknown, path: PathSegment[] = []): { path: PathSegment[]; problem: TextProblem } | null {
  if (typeof value === 'string') {
    const problem = problemOf(value)
    return problem && { path, problem }
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = badTextAt(v, [...path, i])
      if (at) return at
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) return null
    for (const [k, v] of Object.entries(value)) {
      const problem = problemOf(k)
      if (problem) return { path: [...path, k], problem }
      const at = badTextAt(v, [...path, k])
      if (at) return at
    }
  }
  return null
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, actor: Actor): T {
  const bad = badTextAt(input)
  if (bad) throw validationError([{ path: formatPath(bad.path), message: message(langOf(actor), bad.problem) }])
  const r = schema.safeParse(toNfc(input), zodParseOptions(langOf(actor)))
  if (!r.success) throw validationError(zodIssues(r.error))
  return r.data
}
