// Input validation at the service boundary: zod, in the actor's language, as a validation AppError.
// Every text input is put in NFC first (§7): stored and hashed as the audit log sees it, so a
// comment typed in NFD verifies like one typed in NFC. Text holding the NUL character is refused
// (PostgreSQL cannot store it in a text column, §15; SQLite would, so both engines refuse alike).
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

/** Where the first string (or key) holding U+0000 is in a plain value; null when none does. */
export function nulAt(value: unknown, path: PathSegment[] = []): PathSegment[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const at = nulAt(v, [...path, i])
      if (at) return at
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown
    if (proto !== Object.prototype && proto !== null) return null
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k]
      const at = nulAt(v, [...path, k])
      if (at) return at
    }
  }
  return null
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, actor: Actor): T {
  const nul = nulAt(input)
  if (nul) throw validationError([{ path: formatPath(nul), message: message(langOf(actor), 'nulCharacter') }])
  const r = schema.safeParse(toNfc(input), zodParseOptions(langOf(actor)))
  if (!r.success) throw validationError(zodIssues(r.error))
  return r.data
}
