/**
 * Requests as bytes on the wire: sent as given (any method, header or body, broken ones included)
 * and described as a curl command, so that a failing case can be replayed by hand.
 */

export interface WireRequest {
  method: string
  /** Path and query under `/api/v1`, already encoded. */
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

export interface WireReply {
  status: number
  contentType: string
  headers: Headers
  text: string
}

/** Sends `req` to the server at `url` and reads the whole answer. */
export async function send(url: string, req: WireRequest): Promise<WireReply> {
  // A string body would get a text/plain type from fetch; bytes go without one unless told.
  const body = req.body === undefined ? undefined : new Uint8Array(typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body)
  const res = await fetch(`${url}/api/v1${req.path}`, { method: req.method, headers: req.headers, body })
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', headers: res.headers, text: await res.text() }
}

const SHOWN = 3000

/** `req` as a curl command line: the token elided, the body written as a JSON string (control characters visible), a long one cut. */
export function describeRequest(req: WireRequest): string {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const headers = Object.entries(req.headers).map(([k, v]) => `-H ${quote(k.toLowerCase() === 'authorization' ? `${k}: Bearer $TOKEN` : `${k}: ${v}`)}`)
  const path = req.path.length > SHOWN ? `${req.path.slice(0, SHOWN)}…` : req.path
  const parts = [`curl -X ${req.method} ${quote(`$SERVER/api/v1${path}`)}`, ...headers]
  if (req.body !== undefined) {
    const text = typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('latin1')
    const shown = text.length > SHOWN ? `${text.slice(0, SHOWN)}… (${text.length} characters in all)` : text
    parts.push(`--data-binary ${JSON.stringify(shown)}`)
  }
  return parts.join(' ')
}
