/**
 * A journal line: `<crc32 hex> <json>\n`. Encoding writes the JSON in buffers of about a
 * megabyte (a batch record can be tens of MB: neither one string nor one buffer of it is held).
 */
import type { FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'

export const NEWLINE = 0x0a
/** Hex digits of the checksum that starts a line. */
export const CRC_CHARS = 8

/** Containers are walked this deep; below, values are stringified whole. */
const WALK_DEPTH = 6
/** Arrays at least this long are walked element by element (short ones are stringified whole). */
const WALK_ARRAY = 16
/** Size of the buffers a line is written into (UTF-8 takes at most 3 bytes per UTF-16 unit). */
const CHUNK_BYTES = 1 << 20

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol'
}

/** The JSON of `v`, as JSON.stringify writes it, pushed in pieces: big arrays element by element. */
function pushJson(v: unknown, depth: number, out: string[]): void {
  const walk = depth < WALK_DEPTH && v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  if (!walk || (Array.isArray(v) && v.length < WALK_ARRAY)) {
    out.push(JSON.stringify(v))
    return
  }
  if (Array.isArray(v)) {
    out.push('[')
    for (let i = 0; i < v.length; i++) {
      if (i) out.push(',')
      if (skipped(v[i])) out.push('null')
      else pushJson(v[i], depth + 1, out)
    }
    out.push(']')
    return
  }
  const o = v as Record<string, unknown>
  let first = true
  out.push('{')
  for (const k of Object.keys(o)) {
    if (skipped(o[k])) continue
    out.push(`${first ? '' : ','}${JSON.stringify(k)}:`)
    first = false
    pushJson(o[k], depth + 1, out)
  }
  out.push('}')
}

/** Encodes one record as a journal line, in buffers of about a megabyte. */
export function encodeRecordChunks(rec: unknown): Buffer[] {
  const pieces: string[] = []
  pushJson(rec, 0, pieces)
  const chunks: Buffer[] = [Buffer.alloc(0)]
  let crc = 0
  let left = 0
  for (const piece of pieces) left += piece.length
  // A small record gets one buffer of its size; a big one, buffers of CHUNK_BYTES.
  let chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, left * 3))
  let used = 0
  const flush = () => {
    const b = chunk.subarray(0, used)
    crc = crc32(b, crc)
    chunks.push(b)
  }
  for (const piece of pieces) {
    // Writing each piece into a buffer is much faster than building and converting big strings.
    if (used + piece.length * 3 > chunk.length) {
      flush()
      chunk = Buffer.allocUnsafe(Math.max(Math.min(CHUNK_BYTES, left * 3), piece.length * 3))
      used = 0
    }
    used += chunk.write(piece, used)
    left -= piece.length
  }
  flush()
  chunks[0] = Buffer.from(`${crc.toString(16).padStart(CRC_CHARS, '0')} `, 'latin1')
  chunks.push(Buffer.from([NEWLINE]))
  return chunks
}

/** Encodes one record as a journal line (one buffer). */
export function encodeRecord(rec: unknown): Buffer {
  return Buffer.concat(encodeRecordChunks(rec))
}

/** Decodes a journal line (without its newline); null when it is damaged. */
export function decodeLine(line: Buffer): { json: Buffer; value: unknown } | null {
  if (line.length < CRC_CHARS + 2 || line[CRC_CHARS] !== 0x20) return null
  const json = line.subarray(CRC_CHARS + 1)
  if (crc32(json).toString(16).padStart(CRC_CHARS, '0') !== line.subarray(0, CRC_CHARS).toString('latin1')) return null
  try {
    return { json, value: JSON.parse(json.toString('utf8')) }
  } catch {
    return null
  }
}

/** Writes every buffer, in order, however the system splits the writes. */
export async function writeAll(fh: FileHandle, chunks: Buffer[]): Promise<void> {
  const MAX_BUFFERS = 1024 // IOV_MAX on Linux
  let i = 0
  while (i < chunks.length) {
    const group = chunks.slice(i, i + MAX_BUFFERS)
    const size = group.reduce((n, c) => n + c.length, 0)
    const { bytesWritten } = await fh.writev(group)
    if (bytesWritten === size) {
      i += group.length
      continue
    }
    // A short write: drop what went out and go on from there.
    let left = bytesWritten
    while (left >= chunks[i].length) left -= chunks[i++].length
    chunks[i] = chunks[i].subarray(left)
  }
}
