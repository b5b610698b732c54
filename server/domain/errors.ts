/**
 * The one error type of the ledger. Domain code throws it with a code from the shared list; the
 * HTTP layer maps codes to statuses in one place (`server/http/errors.ts`).
 */
import { DateOutOfRange } from '../../shared/date-range'
import type { ErrorCode, ErrorDetail } from '../../shared/schemas/error'

export class LedgerError extends Error {
  readonly code: ErrorCode
  readonly details: ErrorDetail[] | undefined
  /** The refusals this one gathers, each with its own code (see `refusalOf`); absent for a single one. */
  parts: LedgerError[] | undefined

  /** `options.cause`: the failure this one reports (kept for logs, never shown to clients). */
  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], options?: ErrorOptions) {
    super(message, options)
    this.name = 'LedgerError'
    this.code = code
    this.details = details && details.length > 0 ? details : undefined
  }
}

/**
 * Several refusals of one write as one: it answers as the first (its code and message), and its
 * details list every refusal's, so that a client sees every line at fault, not only the first.
 * `parts` keeps each refusal with its own code, for imports that report them row by row.
 */
export function refusalOf(refusals: LedgerError[]): LedgerError {
  if (refusals.length === 1) return refusals[0]
  const seen = new Set<string>()
  const details: ErrorDetail[] = []
  for (const r of refusals) {
    for (const d of r.details ?? [{ path: '', message: r.message }]) {
      const key = `${d.path}\u0000${d.message}`
      if (!seen.has(key)) details.push(d), seen.add(key)
    }
  }
  const all = new LedgerError(refusals[0].code, refusals[0].message, details)
  all.parts = refusals
  return all
}

/** Shorthand for a 400 naming one field. */
export function invalid(path: string, message: string): LedgerError {
  return new LedgerError('validation_failed', `${path}: ${message}`, [{ path, message }])
}

/** Shorthand for a 404. */
export function notFound(what: string): LedgerError {
  return new LedgerError('not_found', `${what} not found`)
}

/**
 * `compute()`, with a date it would put outside the ledger's range (a computed expiry past
 * 9999-12-31...) refused as a 400 naming `path`.
 */
export function refuseOutOfRange<T>(path: string, compute: () => T): T {
  try {
    return compute()
  } catch (err) {
    if (err instanceof DateOutOfRange) throw invalid(path, err.message)
    throw err
  }
}
