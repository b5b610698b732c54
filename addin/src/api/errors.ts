/** What can go wrong talking to the server, as the pane tells them apart. */
import type { ErrorCode, ErrorDetail } from '../../../shared/schemas/error'

/** A code of the API's, or `http_<status>` when the answer carried none (a proxy's error page). */
export type ApiErrorCode = ErrorCode | `http_${number}`

/** The server answered with an error: the write was refused and changed nothing. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ApiErrorCode
  readonly details: ErrorDetail[]
  /** The whole answer (an import's refusal carries its report). */
  readonly body: unknown

  constructor(status: number, code: ApiErrorCode, message: string, details: ErrorDetail[] = [], body: unknown = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.body = body
  }

  /** A refusal the user must act on (4xx), as opposed to a server fault worth retrying (5xx). */
  get isRejection(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429
  }
}

/**
 * The error a failed answer stands for: its error body when it has one, else its status. The
 * schema is loaded with the first failure: the pane's first screen needs no zod.
 */
export async function apiErrorOf(status: number, body: unknown): Promise<ApiError> {
  const { ErrorBody } = await import('../../../shared/schemas/error')
  const parsed = ErrorBody.safeParse(body)
  if (!parsed.success) return new ApiError(status, `http_${status}`, `the server answered ${status}`, [], body)
  const e = parsed.data.error
  return new ApiError(status, e.code, e.message, e.details ?? [], body)
}

/** The server could not be reached (offline, DNS, timeout, TLS): worth retrying later. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NetworkError'
  }
}

/** True for failures where the write may simply be sent again later. */
export function isTransient(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && !err.isRejection)
}
