/** Reads the entries of a zip whose entries are stored, not compressed (as a workbook's skeleton is written: xlsx-skeleton.ts). */

export interface StoredEntry {
  name: string
  data: Buffer
}

const END_OF_CENTRAL = 0x06054b50
const CENTRAL_HEADER = 0x02014b50
const STORED = 0

/** The entries of `zip`, in the order of its central directory; throws on a compressed entry or a zip it cannot read. */
export function storedEntries(zip: Buffer): StoredEntry[] {
  // No comment is written: the end record is the last 22 bytes.
  const end = zip.length - 22
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL) throw new Error('not a zip without a comment')
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const entries: StoredEntry[] = []
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`entry ${i}: no central directory header`)
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const extraLength = zip.readUInt16LE(at + 30)
    const commentLength = zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength)
    if (method !== STORED) throw new Error(`${name} is compressed`)
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    entries.push({ name, data: zip.subarray(dataStart, dataStart + size) })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
