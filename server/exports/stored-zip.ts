/** Reads the entries of a zip whose entries are stored, not compressed (as a workbook's skeleton is written: xlsx-skeleton.ts). */
import { zipEntries } from '../import/zip-directory'

export interface StoredEntry {
  name: string
  data: Buffer
}

const STORED = 0

/** The entries of `zip`, in the order of its central directory; throws on a compressed entry or a zip it cannot read. */
export function storedEntries(zip: Buffer): StoredEntry[] {
  return zipEntries(zip, Number.MAX_SAFE_INTEGER).map((e) => {
    if (e.method !== STORED) throw new Error(`${e.name} is compressed`)
    return { name: e.name, data: zip.subarray(e.dataStart, e.dataStart + e.compressedSize) }
  })
}
