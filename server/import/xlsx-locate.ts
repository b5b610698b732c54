/**
 * Where a cell address exceljs refused sits in its worksheet part: exceljs names only the column
 * letters it could not read, so the part is inflated again (on zlib's thread pool, nothing kept
 * but a few bytes across chunks) up to the first cell whose address starts with them.
 */
import { createInflateRaw } from 'node:zlib'
import type { WorkbookPart } from './xlsx-parts'

/** The first address `<letters><row>` in `part`, or null when there is none. */
export function findCellAddress(zip: Buffer, part: WorkbookPart, letters: string): Promise<string | null> {
  if (!/^[A-Za-z]{1,16}$/.test(letters)) return Promise.resolve(null)
  const address = new RegExp(`\\sr="(${letters}\\d{1,10})"`)
  const data = zip.subarray(part.dataStart, part.dataStart + part.compressedSize)
  return new Promise((resolve) => {
    const source = part.method === 0 ? null : createInflateRaw({ chunkSize: 64 * 1024 })
    let tail = ''
    const look = (chunk: Buffer): boolean => {
      const text = tail + chunk.toString('latin1')
      const m = address.exec(text)
      if (m) resolve(m[1])
      tail = text.slice(-32)
      return m !== null
    }
    if (!source) {
      if (!look(data)) resolve(null)
      return
    }
    source.on('data', (chunk: Buffer) => {
      if (look(chunk)) source.destroy()
    })
    source.on('end', () => resolve(null))
    source.on('error', () => resolve(null))
    source.end(data)
  })
}
