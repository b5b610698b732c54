/** The one place where failures become HTTP answers: `{"error": {code, message, details?}}`. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import type { ErrorCode, ErrorDetail } from '../../shared/schemas/error'
import { LedgerError } from '../domain/errors'

/** `["lines", 0, "qty"]` as `lines[0].qty`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p)
  return out
}

/** A zod failure as a `validation_failed` error naming every field. */
export function fromZodError(error: z.ZodError, target: string): LedgerError {
  const details: ErrorDetail[] = error.issues.map((i) => ({
    path: formatPath(i.path) || (target === 'json' ? '(body)' : `(${target})`),
    message: i.message,
  }))
  const where = target === 'json' ? 'request body' : target === 'query' ? 'query' : 'URL'
  return new LedgerError('validation_failed', `invalid ${where}: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details)
}

/** The validation hook of every route: a failed parse becomes a 400. */
export function validationHook(result: { success: boolean; error?: unknown; target: string }): void {
  if (!result.success) throw fromZodError(result.error as z.ZodError, result.target)
}

/** The HTTP status of each code: a new code does not compile until it has one. */
const STATUS: { readonly [C in ErrorCode]: ContentfulStatusCode } = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_multipart: 400,
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
  location_has_moves: 409,
  builtin_location: 409,
  lot_on_hold: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unreadable_file: 422,
  import_refused: 422,
  invalid_value: 422,
  missing_value: 422,
  missing_column: 422,
  gs1_invalid: 422,
  epcis_incomplete: 422,
  internal: 500,
  memory_full: 507,
  database_unavailable: 503,
  writer_unavailable: 503,
  seq_not_reached: 503,
}

/** Seconds a client waits before trying a 503 again (the failover and reconnection are that quick). */
export const RETRY_AFTER_SECONDS = 1

/** The status a failure with `code` answers with. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code]
}

/** Codes of the failures Hono itself raises, by status. */
const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_json',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

/** The body of every failure. */
export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return { error: details ? { code, message, details } : { code, message } }
}

/** Maps any thrown error to its answer; unexpected ones are logged and answered as 500. */
export function handleError(err: Error, c: Context, log: (message: string) => void = console.error): Response {
  if (err instanceof LedgerError) {
    const status = statusOf(err.code)
    // A 503 passes: the client is told when to try again.
    if (status === 503) c.header('Retry-After', String(RETRY_AFTER_SECONDS))
    return c.json(errorBody(err.code, err.message, err.details), status)
  }
  if (err instanceof HTTPException) {
    const code = HTTP_CODES[err.status] ?? 'internal'
    const message =
      code === 'invalid_json' ? `request body is not valid JSON (${err.message})`
      : code === 'unsupported_media_type' ? 'send the body as JSON with Content-Type: application/json'
      : err.message
    return c.json(errorBody(code, message), err.status as ContentfulStatusCode)
  }
  log(`internal error on ${c.req.method} ${c.req.path}: ${describe(err)}`)
  return c.json(errorBody('internal', 'internal error'), 500)
}

/** An error's stack, and the stacks of the failures it wraps. */
function describe(err: unknown): string {
  const lines: string[] = []
  for (let e = err, depth = 0; e !== undefined && depth < 5; depth++) {
    lines.push(e instanceof Error ? (e.stack ?? e.message) : String(e))
    e = e instanceof Error ? e.cause : undefined
    if (e !== undefined) lines.push('caused by:')
  }
  return lines.join('\n')
}
