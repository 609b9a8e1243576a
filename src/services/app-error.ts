// The one error type of the services: a code the HTTP layer maps to a status, a message in the
// reader's language, and details (for validation: the list of Issues).
import type { Issue } from '../domain/issues.ts'
import type { Lang } from '../domain/messages.ts'
import { serviceMessage, type ServiceMessageKey } from './messages.ts'

export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'wrong_state'
  | 'too_large'
  | 'unsupported_media_type'

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  wrong_state: 409,
  too_large: 413,
  unsupported_media_type: 415,
})

type Params = Record<string, string | number>

export class AppError extends Error {
  readonly code: ErrorCode
  readonly key: ServiceMessageKey
  readonly params: Params
  readonly details: readonly Issue[] | undefined

  constructor(code: ErrorCode, key: ServiceMessageKey, params: Params = {}, details?: readonly Issue[]) {
    super(serviceMessage('vi', key, params))
    this.name = 'AppError'
    this.code = code
    this.key = key
    this.params = params
    this.details = details
  }

  get status(): number {
    return HTTP_STATUS[this.code]
  }

  localized(lang: Lang): string {
    return serviceMessage(lang, this.key, this.params)
  }
}

/** The API's error body (§5). */
export function toErrorBody(err: AppError, lang: Lang) {
  return { error: { code: err.code, message: err.localized(lang), details: err.details ?? [] } }
}

export const validationError = (details: readonly Issue[], key: ServiceMessageKey = 'invalidInput', params: Params = {}) =>
  new AppError('validation', key, params, details)

/** A validation error about one field, its message also given as the field's detail. */
export const fieldError = (path: string, key: ServiceMessageKey, lang: Lang, params: Params = {}) =>
  new AppError('validation', key, params, [{ path, message: serviceMessage(lang, key, params) }])
