/**
 * The file of a multipart/form-data upload (RFC 7578), read without the fetch API's FormData:
 * that parser copies a large upload four times over in synchronous steps (a 56 MB file held the
 * event loop for over a second) and says only "Failed to parse body as FormData". Here the body
 * arrives chunk by chunk and is put into one buffer a slice of time at a time, parts are found with Buffer.indexOf, and the file is a
 * view of that buffer. What is malformed is an `invalid_multipart` saying what.
 */
import { LedgerError } from '../domain/errors'
import { Breather } from '../import/breather'

/** A file part: its name as sent, its media type (lower case, no parameters), its bytes. */
export interface UploadedFile {
  name: string
  type: string
  bytes: Buffer
}

/** The most parts a body may have, and the longest a part's header block may be. */
const MAX_PARTS = 100
const MAX_HEADER_BYTES = 16 * 1024

const SHAPE = 'send the file in a part named "file" (Content-Disposition: form-data; name="file"; filename="receipts.xlsx") between boundary lines, and end with the closing boundary'

function malformed(what: string, cause?: unknown): LedgerError {
  return new LedgerError('invalid_multipart', `${what}: ${SHAPE}`, undefined, cause === undefined ? undefined : { cause })
}

/** The boundary a multipart Content-Type names, or null. */
function boundaryOf(type: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(type)
  return m ? (m[1] ?? m[2]) : null
}

/**
 * The whole body in one buffer. Chunks are kept as they arrive (a client declaring 64 MB and
 * sending slowly holds only what it sent), then copied into one buffer of their total size a
 * slice of time at a time: growing one buffer by doubling copied 32 MB in one step, which held
 * the event loop for about 100 ms on a 56 MB upload.
 */
async function bodyOf(req: Request): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = req.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
  } catch (err) {
    throw malformed('the upload was cut short', err)
  }
  if (chunks.length === 1) return Buffer.from(chunks[0].buffer, chunks[0].byteOffset, chunks[0].length)
  const body = Buffer.allocUnsafe(size)
  const breather = new Breather()
  let at = 0
  for (let i = 0; i < chunks.length; i++) {
    body.set(chunks[i], at)
    at += chunks[i].length
    // What is copied can go: the chunks and the body are never both held whole.
    chunks[i] = EMPTY
    if (breather.due()) await breather.breathe()
  }
  return body
}

const EMPTY = new Uint8Array(0)

/** Parameters of a header value such as `form-data; name="file"; filename="a.csv"`, or null when malformed. */
export function headerParams(value: string): Map<string, string> | null {
  const params = new Map<string, string>()
  let i = value.indexOf(';')
  if (i === -1) return params
  while (i < value.length) {
    // At a ';': then a name, '=', a token or a quoted string, spaces, and ';' or the end.
    i++
    while (value[i] === ' ' || value[i] === '\t') i++
    if (i >= value.length) break
    const eq = value.indexOf('=', i)
    if (eq === -1) return null
    const name = value.slice(i, eq).trim().toLowerCase()
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) return null
    i = eq + 1
    let text = ''
    if (value[i] === '"') {
      for (i++; i < value.length && value[i] !== '"'; i++) text += value[i] === '\\' && i + 1 < value.length ? value[++i] : value[i]
      if (value[i] !== '"') return null
      i++
    } else {
      const end = value.indexOf(';', i)
      text = value.slice(i, end === -1 ? value.length : end).trim()
      i = end === -1 ? value.length : end
    }
    while (value[i] === ' ' || value[i] === '\t') i++
    if (i < value.length && value[i] !== ';') return null
    params.set(name, text)
  }
  return params
}

/** A file name from `filename*` (RFC 5987: UTF-8''percent-encoded), else `filename`. */
function fileName(params: Map<string, string>): string | undefined {
  const extended = params.get('filename*')
  if (extended !== undefined) {
    const m = /^utf-8'[^']*'(.*)$/i.exec(extended)
    if (m) {
      try {
        return decodeURIComponent(m[1])
      } catch {
        return undefined
      }
    }
  }
  return params.get('filename')
}

/**
 * The first part named `field` that carries a file, or null when there is none. Refuses a body
 * that is not the multipart/form-data its Content-Type says with `invalid_multipart`.
 */
export async function multipartFile(req: Request, field: string): Promise<UploadedFile | null> {
  const boundary = boundaryOf(req.headers.get('content-type') ?? '')
  if (!boundary) throw malformed('Content-Type multipart/form-data names no boundary')
  const body = await bodyOf(req)
  if (body.length === 0) throw malformed('the body is empty')
  const delimiter = Buffer.from(`\r\n--${boundary}`)
  const opening = delimiter.subarray(2)
  // The first boundary line opens the body, or ends a preamble (which is ignored).
  let at = opening.length
  if (!body.subarray(0, opening.length).equals(opening)) {
    const found = body.indexOf(delimiter)
    if (found === -1) throw malformed('the body is not multipart/form-data: no line holds its boundary')
    at = found + delimiter.length
  }
  for (let parts = 0; ; parts++) {
    // After a boundary: "--" closes the body; otherwise spaces, then CRLF and a part.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return null
    while (body[at] === 0x20 || body[at] === 0x09) at++
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw malformed('the body is not well-formed multipart/form-data: a boundary line goes on after the boundary')
    if (parts >= MAX_PARTS) throw malformed(`the body has more than ${MAX_PARTS} parts`)
    const headersEnd = body.indexOf('\r\n\r\n', at + 2)
    if (headersEnd === -1 || headersEnd - at > MAX_HEADER_BYTES) throw malformed('the body is not well-formed multipart/form-data: a part\'s headers do not end')
    const headers = new Map<string, string>()
    for (const line of body.toString('utf8', at + 2, headersEnd).split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon <= 0) throw malformed('the body is not well-formed multipart/form-data: a part header has no name')
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    const end = body.indexOf(delimiter, headersEnd + 4)
    if (end === -1) throw malformed('the body is not well-formed multipart/form-data: it ends before its closing boundary')
    const disposition = headers.get('content-disposition') ?? ''
    const params = headerParams(disposition)
    if (!params || !/^form-data\s*(;|$)/i.test(disposition)) {
      throw malformed('the body is not well-formed multipart/form-data: a part\'s Content-Disposition cannot be read (a file name with a quote in it must be sent as %22)')
    }
    const name = fileName(params)
    if (params.get('name') === field && name !== undefined) {
      return { name, type: (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase(), bytes: body.subarray(headersEnd + 4, end) }
    }
    at = end + delimiter.length
  }
}
