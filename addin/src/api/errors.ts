/** What can go wrong talking to the server, as the pane tells them apart. */

/** The server answered with an error body: the write was refused and changed nothing. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: Array<{ path: string; message: string }>
  /** The whole answer (an import's refusal carries its report). */
  readonly body: unknown

  constructor(status: number, code: string, message: string, details: Array<{ path: string; message: string }> = [], body: unknown = null) {
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
