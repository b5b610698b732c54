/**
 * Zip archives (.xlsx files) in memory: one entry read, enough to look at a file's raw XML, and
 * archives written entry by entry, to make workbooks no spreadsheet program would.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib'

/** The text of `name` in the archive, or null when there is no such entry. */
export function zipEntryText(zip: Uint8Array, name: string): string | null {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength)
  // End of central directory: the last record, at least 22 bytes from the end.
  let end = buf.length - 22
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--
  if (end < 0) throw new Error('not a zip archive')
  const count = buf.readUInt16LE(end + 10)
  let at = buf.readUInt32LE(end + 16)
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory')
    const method = buf.readUInt16LE(at + 10)
    const size = buf.readUInt32LE(at + 20)
    const nameLength = buf.readUInt16LE(at + 28)
    const extraLength = buf.readUInt16LE(at + 30)
    const commentLength = buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const entry = buf.toString('utf8', at + 46, at + 46 + nameLength)
    if (entry === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
      const data = buf.subarray(start, start + size)
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8')
    }
    at += 46 + nameLength + extraLength + commentLength
  }
  return null
}

/** One file of an archive written by {@link zipArchive}. */
export interface ZipEntry {
  name: string
  /** The content, deflated on the way in... */
  data?: Buffer | string
  /** ...or content deflated already, with its inflated size and CRC-32. */
  deflated?: { bytes: Buffer; size: number; crc: number }
  /** An inflated size for the headers to claim instead of the real one: an archive that lies. */
  claimedSize?: number
}

/**
 * A zip archive of `entries` in the order given (as a writer may order them): deflated, sizes
 * and CRCs in the local headers and the central directory, no data descriptors.
 */
export function zipArchive(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data) : e.data
    const { bytes, size, crc } = e.deflated ?? { bytes: deflateRawSync(raw ?? Buffer.alloc(0)), size: raw?.length ?? 0, crc: crc32(raw ?? Buffer.alloc(0)) }
    const claimed = e.claimedSize ?? size
    const name = Buffer.from(e.name)
    // Version 2.0, UTF-8 names (bit 11), deflate, a fixed time (1980-01-01 00:00).
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(8, 8)
    local.writeUInt16LE(0, 10)
    local.writeUInt16LE(0x21, 12)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(bytes.length, 18)
    local.writeUInt32LE(claimed, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    local.copy(central, 6, 4, 30)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, bytes)
    centrals.push(central, name)
    offset += 30 + name.length + bytes.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
