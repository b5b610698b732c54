/**
 * Failures as the API answers them: one list of stable codes for the server, the pane and import
 * reports. Which HTTP status each code answers with is the server's business (server/http/errors).
 */
import { z } from 'zod'

export const ErrorCode = z
  .enum([
    // The request itself
    'validation_failed', 'invalid_json', 'invalid_multipart', 'payload_too_large', 'unsupported_media_type',
    // Who asks
    'unauthorized', 'forbidden',
    // What it names
    'not_found', 'already_exists', 'exists_with_different_fields',
    // Rules of the ledger
    'lot_required', 'insufficient_stock', 'serial_in_stock', 'lot_expired',
    'lot_has_moves', 'product_has_moves', 'location_has_moves', 'builtin_location',
    // A lot held by an open recall (the message names it)
    'lot_on_hold',
    // Imports: a file that cannot be read, the whole file refused, and the problems its rows and columns have
    'unreadable_file', 'import_refused', 'invalid_value', 'missing_value', 'missing_column',
    // Scanned GS1 data that GS1's rules refuse (each detail names the AI)
    'gs1_invalid',
    // An EPCIS export that GS1's identifiers cannot carry whole (each detail names a product or lot)
    'epcis_incomplete',
    // The server's own fault; its memory too full to take a write (the message says how to give it more)
    'internal', 'memory_full',
    // Storage on PostgreSQL, for a moment (the answer says when to try again: Retry-After)
    'database_unavailable', 'writer_unavailable', 'seq_not_reached',
  ])
  .meta({ id: 'ErrorCode' })
export type ErrorCode = z.infer<typeof ErrorCode>

/** A field or row an error is about: a JSON-path-like `path` and what is wrong with it. */
export const ErrorDetail = z.object({ path: z.string(), message: z.string() })
export type ErrorDetail = z.infer<typeof ErrorDetail>

/** Every failure answers with this body and a stable `code`. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof ErrorBody>
