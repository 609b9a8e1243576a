// Zod pieces every route's schemas reuse: path parameters and the error body (§5).
import { z } from 'zod'

export const EvaluationParams = z.object({
  id: z.coerce.number().int().positive().describe('evaluation id'),
})

export const Created = z.object({ id: z.union([z.number(), z.string()]) })

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown(),
  }),
}).describe('Error: code, localized message, details (validation issues)')

/** The error statuses a route may answer, for the OpenAPI document. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorBody]))

export const Empty = z.null().describe('no content')
