/**
 * The one error type of the ledger. Domain code throws it; the HTTP layer maps it to a response
 * in one place (`server/http/errors.ts`).
 */

/** Stable machine-readable codes and the HTTP status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  lot_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  exists_with_different_fields: 409,
  already_exists: 409,
  insufficient_stock: 409,
  serial_in_stock: 409,
  lot_expired: 409,
  lot_has_moves: 409,
  product_has_moves: 409,
  location_has_stock: 409,
  location_has_moves: 409,
  builtin_location: 409,
  import_refused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

/** A field or row an error is about: a JSON-path-like `path` and what is wrong with it. */
export interface ErrorDetail {
  path: string
  message: string
}

export class LedgerError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetail[] | undefined

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(message)
    this.name = 'LedgerError'
    this.code = code
    this.details = details && details.length > 0 ? details : undefined
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

/** Shorthand for a 400 naming one field. */
export function invalid(path: string, message: string): LedgerError {
  return new LedgerError('validation_failed', `${path}: ${message}`, [{ path, message }])
}

/** Shorthand for a 404. */
export function notFound(what: string): LedgerError {
  return new LedgerError('not_found', `${what} not found`)
}
