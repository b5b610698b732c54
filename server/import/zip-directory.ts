/**
 * The table of contents of a zip archive (an .xlsx is one), read from the central directory at
 * its end: each entry's name, compression, CRC, stored and declared inflated sizes, and where its
 * data starts. Nothing is inflated here. What cannot be read is a `ZipDamage` with a sentence.
 */
import { ZIP_CENTRAL, ZIP_END, ZIP_LOCAL } from '../zip-format'

/** An entry as the central directory lists it. */
export interface ZipEntry {
  name: string
  /** General purpose flags (bit 0: encrypted). */
  flags: number
  /** 0: stored, 8: deflated. */
  method: number
  crc: number
  /** Bytes stored in the archive. */
  compressedSize: number
  /** Bytes the entry says it inflates to (a claim, checked when inflated). */
  size: number
  /** Offset of the entry's data (after its local header). */
  dataStart: number
}

/** Why an archive cannot be read, as a sentence for the person who sent it. */
export class ZipDamage extends Error {}

const EOCD64 = 0x06064b50
const EOCD64_LOCATOR = 0x07064b50
const ZIP64_EXTRA = 0x0001
const MAX_COMMENT = 0xffff

/** Offset of the end-of-central-directory record, searched back over a possible archive comment. */
function findEnd(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - MAX_COMMENT); at--) {
    if (zip.readUInt32LE(at) === ZIP_END) return at
  }
  throw new ZipDamage('it ends before its table of contents: the file is incomplete or damaged')
}

/** A 64-bit size or offset, refused past what a Buffer could hold anyway. */
function big(zip: Buffer, at: number): number {
  const n = zip.readBigUInt64LE(at)
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipDamage('its table of contents holds impossible sizes: the file is damaged')
  return Number(n)
}

/** Where the central directory is and how many entries it lists (zip64 records included). */
function directory(zip: Buffer, end: number): { offset: number; size: number; count: number } {
  let count = zip.readUInt16LE(end + 10)
  let size = zip.readUInt32LE(end + 12)
  let offset = zip.readUInt32LE(end + 16)
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) throw new ZipDamage('it is one part of an archive split over several files')
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20
    if (locator < 0 || zip.readUInt32LE(locator) !== EOCD64_LOCATOR) throw new ZipDamage('its table of contents is damaged')
    const at = big(zip, locator + 8)
    if (at + 56 > zip.length || zip.readUInt32LE(at) !== EOCD64) throw new ZipDamage('its table of contents is damaged')
    count = big(zip, at + 32)
    size = big(zip, at + 40)
    offset = big(zip, at + 48)
  }
  if (offset + size > zip.length) throw new ZipDamage('its table of contents points past its end: the file is incomplete or damaged')
  return { offset, size, count }
}

/** The sizes and offset a zip64 extra field gives for the fields set to 0xffffffff. */
function zip64(extra: Buffer, wanted: { size: boolean; compressed: boolean; offset: boolean }): { size?: number; compressed?: number; offset?: number } {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at)
    const length = extra.readUInt16LE(at + 2)
    if (id === ZIP64_EXTRA) {
      const out: { size?: number; compressed?: number; offset?: number } = {}
      let p = at + 4
      const next = () => {
        if (p + 8 > at + 4 + length) throw new ZipDamage('its table of contents is damaged')
        const n = big(extra, p)
        p += 8
        return n
      }
      if (wanted.size) out.size = next()
      if (wanted.compressed) out.compressed = next()
      if (wanted.offset) out.offset = next()
      return out
    }
    at += 4 + length
  }
  throw new ZipDamage('its table of contents is damaged')
}

/**
 * The entries of `zip`'s central directory, at most `maxEntries` of them, each checked to lie
 * inside the file. Throws a ZipDamage when the archive cannot be read.
 */
export function zipEntries(zip: Buffer, maxEntries: number): ZipEntry[] {
  const { offset, size, count } = directory(zip, findEnd(zip))
  if (count > maxEntries) throw new ZipDamage(`it holds ${count.toLocaleString('en-US')} files, more than the ${maxEntries.toLocaleString('en-US')} a workbook may have`)
  const entries: ZipEntry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || zip.readUInt32LE(at) !== ZIP_CENTRAL) throw new ZipDamage('its table of contents is damaged')
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    if (at + 46 + nameLength + extraLength > offset + size) throw new ZipDamage('its table of contents is damaged')
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    let compressedSize = zip.readUInt32LE(at + 20)
    let declared = zip.readUInt32LE(at + 24)
    let local = zip.readUInt32LE(at + 42)
    if (compressedSize === 0xffffffff || declared === 0xffffffff || local === 0xffffffff) {
      const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength)
      const z = zip64(extra, { size: declared === 0xffffffff, compressed: compressedSize === 0xffffffff, offset: local === 0xffffffff })
      declared = z.size ?? declared
      compressedSize = z.compressed ?? compressedSize
      local = z.offset ?? local
    }
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== ZIP_LOCAL) throw new ZipDamage(`its file ${name} is damaged`)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    if (dataStart + compressedSize > zip.length) throw new ZipDamage(`its file ${name} is cut short: the file is incomplete`)
    entries.push({ name, flags: zip.readUInt16LE(at + 8), method: zip.readUInt16LE(at + 10), crc: zip.readUInt32LE(at + 16), compressedSize, size: declared, dataStart })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
