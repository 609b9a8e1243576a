// An error the web layer itself raises (not signed in, wrong content type, …). Services raise
// AppError; the one error handler turns either into a page or `{ error: { code, message, details } }`.
import type { ErrorCode } from '../services/app-error.ts'

/** The services' codes, plus the two only the web layer raises. */
export type ProblemCode = ErrorCode | 'too_many_requests' | 'internal'

export class HttpProblem extends Error {
  readonly status: number
  readonly code: ProblemCode
  /** A key of the locale files (src/i18n); the message is looked up in the reader's language. */
  readonly key: string
  readonly params: Record<string, string | number>
  readonly details: unknown
  constructor(status: number, code: ProblemCode, key: string, params: Record<string, string | number> = {}, details?: unknown) {
    super(key)
    this.name = 'HttpProblem'
    this.status = status
    this.code = code
    this.key = key
    this.params = params
    this.details = details
  }
}

export const unauthenticated = () => new HttpProblem(401, 'unauthenticated', 'errors.unauthenticated')
export const forbidden = () => new HttpProblem(403, 'forbidden', 'errors.forbidden')
export const notFound = () => new HttpProblem(404, 'not_found', 'errors.notFound')
