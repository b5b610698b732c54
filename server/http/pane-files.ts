/**
 * The pane's files compressed: the build writes a brotli (`.br`) and a gzip (`.gz`) copy beside
 * each text file (scripts/lib/precompress.ts), and a request is answered with the copy its
 * Accept-Encoding prefers, with Content-Encoding, the copy's Content-Length and
 * `Vary: Accept-Encoding`. A file with copies says Vary also when it is sent as it is (no
 * Accept-Encoding, or a Range asked: ranges are served of the file itself), so that a cache in
 * between never hands one client's encoding to another.
 */
import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import type { Context } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { COMPRESSIBLE, PRECOMPRESSED } from '../../scripts/lib/precompress'

export type Encoding = (typeof PRECOMPRESSED)[number]['encoding']

/** The paths vite writes (`/assets/taskpane-Ab_1-2.js`): anything else is left to the file server. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/

/**
 * Of `available` (in the server's order of preference), the encoding `header` (an Accept-Encoding
 * value) accepts with the highest weight, or null for the file as it is. Names are matched
 * whatever their case, `x-gzip` is gzip, `*` stands for any encoding not named, `q=0` refuses.
 */
export function chooseEncoding(header: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!header) return null
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    if (!name) continue
    const q = params.find((p) => /^q\s*=/.test(p))
    const weight = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/, ''))
    weights.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0)
  }
  let best: Encoding | null = null
  let bestWeight = 0
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0
    if (weight > bestWeight) {
      best = encoding
      bestWeight = weight
    }
  }
  return best
}

/**
 * The answer for a pane file that has compressed copies under `dir`: the chosen copy, or null with
 * `vary` true when the file must go as it is (the caller's file server sends it, adding Vary).
 * Null with `vary` false: not such a file.
 */
export function precompressedFile(c: Context, dir: string): { res: Response | null; vary: boolean } {
  const path = c.req.path
  if (!PLAIN_PATH.test(path) || !COMPRESSIBLE.test(path)) return { res: null, vary: false }
  const file = join(dir, path)
  const stat = statSync(file, { throwIfNoEntry: false })
  if (!stat?.isFile()) return { res: null, vary: false }
  const copies = PRECOMPRESSED.filter((p) => statSync(file + p.suffix, { throwIfNoEntry: false })?.isFile())
  if (!copies.length) return { res: null, vary: false }
  const encoding = c.req.header('range') ? null : chooseEncoding(c.req.header('accept-encoding'), copies.map((p) => p.encoding))
  const copy = copies.find((p) => p.encoding === encoding)
  if (!copy) return { res: null, vary: true }
  const size = statSync(file + copy.suffix).size
  const headers = {
    'Content-Type': getMimeType(file) ?? 'application/octet-stream',
    'Content-Encoding': copy.encoding,
    'Content-Length': String(size),
    'Last-Modified': stat.mtime.toUTCString(),
    Vary: 'Accept-Encoding',
  }
  if (c.req.method === 'HEAD') return { res: new Response(null, { status: 200, headers }), vary: true }
  const body = Readable.toWeb(createReadStream(file + copy.suffix)) as ReadableStream<Uint8Array>
  return { res: new Response(body, { status: 200, headers }), vary: true }
}
