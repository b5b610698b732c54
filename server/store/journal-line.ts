/**
 * A journal line: `<crc32 hex> <json>\n`. Encoding writes the JSON in buffers of about a
 * megabyte (a batch record can be tens of MB: neither one string nor one buffer of it is held).
 */
import type { FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import type { LineArena } from './line-arena'

export const NEWLINE = 0x0a
/** Hex digits of the checksum that starts a line. */
export const CRC_CHARS = 8

/** Objects this near the top are walked key by key; deeper ones are stringified whole. */
const WALK_OBJECTS = 3
/** Arrays this near the top with at least WALK_ARRAY elements are written element by element. */
const WALK_ARRAYS = 4
const WALK_ARRAY = 16
/** The first buffer of a long line, doubled for each next one up to CHUNK_BYTES. */
const FIRST_CHUNK = 64 * 1024
const CHUNK_BYTES = 1 << 20

function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol'
}

/** Text gathered before it is encoded: one call into the encoder per this many characters, not per piece. */
const PENDING_CHARS = 64 * 1024

/**
 * Collects a line's JSON text into buffers as it comes, keeping its checksum. A line shorter than
 * PENDING_CHARS (nearly every one) is encoded at its end into one buffer of its size, from
 * Node's pool when it is small: every buffer of its own is memory outside the heap, and each
 * 64 MB of it sets off a full collection of the heap, where the whole ledger lives (a fresh 4 kB
 * and then 8 kB buffer per record did that every few thousand records).
 */
class LineWriter {
  constructor(readonly room?: LineRoom) {}

  readonly #chunks: Buffer[] = []
  #crc = 0
  #size = FIRST_CHUNK / 2
  #chunk: Buffer | null = null
  #used = 0
  #pending = ''

  write(text: string): void {
    this.#pending += text
    if (this.#pending.length >= PENDING_CHARS) this.#encode()
  }

  /** The whole line: checksum, space, the JSON, newline. */
  end(): Buffer[] {
    if (this.#chunk === null) {
      // The whole line was gathered: in the arena's room, else one buffer of its size.
      const line = this.room?.arena.line(this.#pending, this.room.seq)
      if (line) return [line]
      this.#add(Buffer.from(this.#pending))
      this.#pending = ''
    } else {
      this.#encode()
      this.#flush()
    }
    return [Buffer.from(`${this.#crc.toString(16).padStart(CRC_CHARS, '0')} `, 'latin1'), ...this.#chunks, Buffer.from([NEWLINE])]
  }

  #encode(): void {
    const text = this.#pending
    this.#pending = ''
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.#chunk === null || this.#used + text.length * 3 > this.#chunk.length) {
      this.#flush()
      this.#size = Math.min(CHUNK_BYTES, this.#size * 2)
      this.#chunk = Buffer.allocUnsafe(Math.max(this.#size, text.length * 3))
    }
    this.#used += this.#chunk.write(text, this.#used)
  }

  #flush(): void {
    if (this.#used === 0 || this.#chunk === null) return
    this.#add(this.#chunk.subarray(0, this.#used))
    this.#used = 0
  }

  #add(bytes: Buffer): void {
    this.#crc = crc32(bytes, this.#crc)
    this.#chunks.push(bytes)
  }
}

/** Writes the JSON of `v` as JSON.stringify would, big arrays near the top element by element. */
function writeJson(v: unknown, depth: number, out: LineWriter): void {
  const container = v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  if (container && Array.isArray(v) && depth < WALK_ARRAYS && v.length >= WALK_ARRAY) {
    out.write('[')
    for (let i = 0; i < v.length; i++) {
      if (i) out.write(',')
      if (skipped(v[i])) out.write('null')
      else writeJson(v[i], depth + 1, out)
    }
    out.write(']')
    return
  }
  if (container && !Array.isArray(v) && depth < WALK_OBJECTS) {
    const o = v as Record<string, unknown>
    let first = true
    out.write('{')
    for (const k of Object.keys(o)) {
      if (skipped(o[k])) continue
      out.write(`${first ? '' : ','}${JSON.stringify(k)}:`)
      first = false
      writeJson(o[k], depth + 1, out)
    }
    out.write('}')
    return
  }
  out.write(JSON.stringify(v))
}

/**
 * Bytes the line of JSON text `json` takes: checksum, space, the text in UTF-8, newline. At most
 * that (3 bytes a UTF-16 unit) unless `exact`, which counts them (a scan of the text).
 */
export const lineRoom = (json: string, exact = false): number => CRC_CHARS + 1 + (exact ? Buffer.byteLength(json) : json.length * 3) + 1

/** Writes the line of JSON text `json` into `buf` at `at` (room for it made before); returns where it ends. */
export function writeLine(buf: Buffer, at: number, json: string): number {
  const jsonStart = at + CRC_CHARS + 1
  const jsonEnd = jsonStart + buf.write(json, jsonStart)
  buf.write(crc32(buf.subarray(jsonStart, jsonEnd)).toString(16).padStart(CRC_CHARS, '0'), at, 'latin1')
  buf[jsonStart - 1] = 0x20
  buf[jsonEnd] = NEWLINE
  return jsonEnd + 1
}

/** Where a record's line may go: an arena's room, as record `seq`. */
export interface LineRoom {
  arena: LineArena
  seq: number
}

/**
 * Encodes one record as a journal line, in buffers of up to a megabyte written as the JSON is
 * made: a batch record can be tens of MB, and neither one string nor one buffer of it is held.
 * With `room`, a line that fits goes into the arena's room instead, as one slice.
 */
export function encodeRecordChunks(rec: unknown, room?: LineRoom): Buffer[] {
  const out = new LineWriter(room)
  writeJson(rec, 0, out)
  return out.end()
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
