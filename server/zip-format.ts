/**
 * The zip format's fixed numbers and its local file header, as the archives the server reads
 * (imports) and writes (exports) share them.
 */

/** The records' signatures. */
export const ZIP_LOCAL = 0x04034b50
export const ZIP_DESCRIPTOR = 0x08074b50
export const ZIP_CENTRAL = 0x02014b50
export const ZIP_END = 0x06054b50

/** Zip 2.0: deflate, the version needed to extract what the server writes. */
export const ZIP_VERSION = 20

/** A local file header's fields; CRC and sizes are 0 when a data descriptor follows the data. */
export interface LocalHeader {
  name: Buffer
  flags: number
  method: number
  time?: number
  date?: number
  crc?: number
  compressedSize?: number
  size?: number
}

/** The local file header of an entry, its name included (no extra field). */
export function localFileHeader(h: LocalHeader): Buffer {
  const out = Buffer.alloc(30 + h.name.length)
  out.writeUInt32LE(ZIP_LOCAL, 0)
  out.writeUInt16LE(ZIP_VERSION, 4)
  out.writeUInt16LE(h.flags, 6)
  out.writeUInt16LE(h.method, 8)
  out.writeUInt16LE(h.time ?? 0, 10)
  out.writeUInt16LE(h.date ?? 0, 12)
  out.writeUInt32LE((h.crc ?? 0) >>> 0, 14)
  out.writeUInt32LE(h.compressedSize ?? 0, 18)
  out.writeUInt32LE(h.size ?? 0, 22)
  out.writeUInt16LE(h.name.length, 26)
  h.name.copy(out, 30)
  return out
}
