/**
 * The fingerprint of a submitted operation: SHA-256 of its JSON with object keys sorted and
 * undefined members left out, so that equal content hashes equal whatever its key order. The
 * JSON is written into one reused buffer rather than built as strings: every line of every
 * operation recorded goes through here.
 */
import { createHash } from 'node:crypto'

const KEEP_BYTES = 4 * 1024 * 1024
let buf = Buffer.allocUnsafe(64 * 1024)
let used = 0
/** Characters JSON.stringify escapes (lone surrogates included): strings without them are written as they are. */
const ESCAPED = /[\u0000-\u001f"\\\ud800-\udfff]/
const QUOTE = 0x22

function room(bytes: number): void {
  if (used + bytes <= buf.length) return
  const next = Buffer.allocUnsafe(Math.max(buf.length * 2, used + bytes))
  buf.copy(next, 0, 0, used)
  buf = next
}

function put(text: string): void {
  room(text.length * 3)
  used += buf.write(text, used)
}

function putString(s: string): void {
  if (ESCAPED.test(s)) return put(JSON.stringify(s))
  room(s.length * 3 + 2)
  buf[used++] = QUOTE
  used += buf.write(s, used)
  buf[used++] = QUOTE
}

/** Sorts in place (UTF-16 order, as Array.prototype.sort does), without the copy sort makes. */
function sortKeys(keys: string[]): string[] {
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]
    let j = i - 1
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j]
      j--
    }
    keys[j + 1] = k
  }
  return keys
}

function write(v: unknown): void {
  switch (typeof v) {
    case 'string':
      return putString(v)
    case 'number':
      return put(Number.isFinite(v) ? String(v) : 'null')
    case 'boolean':
      return put(v ? 'true' : 'false')
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt')
    case 'object':
      break
    default:
      return // undefined, functions and symbols have no JSON
  }
  if (v === null) return put('null')
  if (Array.isArray(v)) {
    put('[')
    for (let i = 0; i < v.length; i++) {
      if (i) put(',')
      write(v[i])
    }
    return put(']')
  }
  const o = v as Record<string, unknown>
  let first = true
  put('{')
  for (const k of sortKeys(Object.keys(o))) {
    const value = o[k]
    if (value === undefined) continue
    if (!first) put(',')
    first = false
    putString(k)
    put(':')
    if (typeof value === 'function' || typeof value === 'symbol') put('undefined')
    else write(value)
  }
  put('}')
}

/** A stable fingerprint of a submitted operation (keys sorted, so field order does not matter). */
export function fingerprint(input: unknown): string {
  used = 0
  write(input)
  const digest = createHash('sha256').update(buf.subarray(0, used)).digest('hex')
  if (buf.length > KEEP_BYTES) buf = Buffer.allocUnsafe(64 * 1024)
  return digest
}
