// Input validation at the service boundary: zod, in the actor's language, as a validation AppError.
// Every text input is put in NFC first (§7): stored and hashed as the audit log sees it, so a
// comment typed in NFD verifies like one typed in NFC.
import type { z } from 'zod'
import { zodIssues, zodParseOptions } from '../domain/issues.ts'
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

export function parseInput<T>(schema: z.ZodType<T>, input: unknown, actor: Actor): T {
  const r = schema.safeParse(toNfc(input), zodParseOptions(langOf(actor)))
  if (!r.success) throw validationError(zodIssues(r.error))
  return r.data
}
