/**
 * The parts of an uploaded .xlsx that the import reads, checked before exceljs reads any of them:
 * the sizes the zip directory declares against the import's limits (and how much each part
 * inflates per byte stored), then every part inflated once and counted, since a declared size is
 * only a claim. exceljs then reads a zip stream made of just those parts, in the order it needs
 * them: relationships, workbook, shared strings and styles before any sheet, so that it never
 * buffers a sheet in a temporary file (it does that for sheets stored before the shared strings,
 * as exceljs itself writes them, or in a workbook without shared strings).
 */
import { Readable } from 'node:stream'
import { MAX_CELL_CHARS } from '../../shared/xlsx'
import { crc32, createInflateRaw } from 'node:zlib'
import {
  XLSX_MAX_ENTRIES, XLSX_MAX_OTHER_PART_BYTES, XLSX_MAX_RATIO, XLSX_MAX_SHARED_STRINGS_BYTES, XLSX_MAX_SHEET_BYTES,
  XLSX_MAX_TEXT_RUN_BYTES, XLSX_MAX_TOTAL_BYTES, XLSX_RATIO_FROM_BYTES,
} from './limits'
import { localFileHeader } from '../zip-format'
import { zipEntries, ZipDamage, type ZipEntry } from './zip-directory'

type Role = 'relationships' | 'workbook' | 'sharedStrings' | 'styles' | 'sheet'

/** An entry of the archive the import reads, and what it is. */
export interface WorkbookPart extends ZipEntry {
  role: Role
}

const ROLE_OF: Readonly<Record<string, Role>> = {
  'xl/_rels/workbook.xml.rels': 'relationships',
  'xl/workbook.xml': 'workbook',
  'xl/sharedStrings.xml': 'sharedStrings',
  'xl/styles.xml': 'styles',
}
// The worksheets exceljs reads (it finds them by this name).
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/
const ORDER: readonly Role[] = ['relationships', 'workbook', 'sharedStrings', 'styles', 'sheet']
const LIMIT: Readonly<Record<Role, number>> = {
  relationships: XLSX_MAX_OTHER_PART_BYTES, workbook: XLSX_MAX_OTHER_PART_BYTES, styles: XLSX_MAX_OTHER_PART_BYTES,
  sharedStrings: XLSX_MAX_SHARED_STRINGS_BYTES, sheet: XLSX_MAX_SHEET_BYTES,
}

/** Bytes as people read them: 1.49 GB, 64 MB, 800 kB. */
export function bytesText(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`
  if (n >= 1e6) return `${Math.round(n / 1e6)} MB`
  return `${Math.ceil(n / 1e3)} kB`
}

function label(part: WorkbookPart): string {
  return part.role === 'sharedStrings' ? `its shared strings part (${part.name})` : part.role === 'sheet' ? `its worksheet ${part.name}` : `its part ${part.name}`
}

/**
 * The parts of `zip` the import reads, in reading order (sheets in the archive's order), their
 * declared sizes within the limits. Throws a ZipDamage saying what is wrong otherwise.
 */
export function workbookParts(zip: Buffer): WorkbookPart[] {
  const parts: WorkbookPart[] = []
  const seen = new Set<string>()
  for (const e of zipEntries(zip, XLSX_MAX_ENTRIES)) {
    const role = ROLE_OF[e.name] ?? (SHEET.test(e.name) ? 'sheet' : null)
    if (!role) continue
    if (seen.has(e.name)) throw new ZipDamage(`it lists ${e.name} twice: the file is damaged or forged`)
    seen.add(e.name)
    parts.push({ ...e, role })
  }
  if (!seen.has('xl/workbook.xml') || !seen.has('xl/_rels/workbook.xml.rels')) {
    throw new ZipDamage('it is a zip archive but holds no Excel workbook (no xl/workbook.xml and its relationships)')
  }
  let total = 0
  for (const p of parts) {
    if (p.flags & 1) throw new ZipDamage('it is encrypted: save it again in Excel without a password')
    if (p.method !== 0 && p.method !== 8) throw new ZipDamage(`${label(p)} is compressed in a way Excel does not use (method ${p.method})`)
    if (p.size > LIMIT[p.role]) throw new ZipDamage(`${label(p)} would inflate to ${bytesText(p.size)}, more than the ${bytesText(LIMIT[p.role])} an import reads: split the rows into several files`)
    if (p.size > XLSX_RATIO_FROM_BYTES && p.size > p.compressedSize * XLSX_MAX_RATIO) {
      throw new ZipDamage(`${label(p)} would inflate ${Math.round(p.size / Math.max(1, p.compressedSize))} times its ${bytesText(p.compressedSize)}, more than the ${XLSX_MAX_RATIO} times a workbook's parts do: it looks like a zip bomb`)
    }
    total += p.size
  }
  if (total > XLSX_MAX_TOTAL_BYTES) throw new ZipDamage(`its parts would inflate to ${bytesText(total)} together, more than the ${bytesText(XLSX_MAX_TOTAL_BYTES)} an import reads: split the rows into several files`)
  return parts.sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role))
}

/** What a part inflated to, or why inflating it stopped. */
type Inflated = { size: number; crc: number } | { stopped: 'size' | 'text' }

/**
 * Tracks the longest run of bytes without a '<' across chunks no longer than the limit (within
 * such a chunk no run can pass it: only runs crossing chunks need adding up).
 */
class TextRuns {
  #since = 0

  /** False once a run passes XLSX_MAX_TEXT_RUN_BYTES. */
  feed(chunk: Buffer): boolean {
    const first = chunk.indexOf(0x3c)
    if (first === -1) {
      this.#since += chunk.length
      return this.#since <= XLSX_MAX_TEXT_RUN_BYTES
    }
    if (this.#since + first > XLSX_MAX_TEXT_RUN_BYTES) return false
    this.#since = chunk.length - 1 - chunk.lastIndexOf(0x3c)
    return true
  }
}

const CHUNK = 64 * 1024

/** Inflates `data` without keeping it, counting: stops past `limit` bytes or at a run of text no cell holds. */
function inflated(data: Buffer, method: number, limit: number): Promise<Inflated> {
  const runs = new TextRuns()
  if (method === 0) {
    for (let at = 0; at < data.length; at += CHUNK) if (!runs.feed(data.subarray(at, at + CHUNK))) return Promise.resolve({ stopped: 'text' })
    return Promise.resolve(data.length > limit ? { stopped: 'size' } : { size: data.length, crc: crc32(data) })
  }
  return new Promise((resolve, reject) => {
    // zlib works on its thread pool: the event loop stays free while a part inflates.
    const inflate = createInflateRaw({ chunkSize: CHUNK })
    let size = 0
    let crc = 0
    const stop = (why: 'size' | 'text') => {
      inflate.destroy()
      resolve({ stopped: why })
    }
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) return stop('size')
      if (!runs.feed(chunk)) return stop('text')
      crc = crc32(chunk, crc)
    })
    inflate.on('end', () => resolve({ size, crc }))
    inflate.on('error', reject)
    inflate.end(data)
  })
}

/**
 * Inflates every part once, counting what comes out: a part that inflates past the size it
 * declares (or short of it), whose CRC differs, or holding a run of text no cell holds, is
 * refused before anything parses it.
 */
export async function checkInflated(zip: Buffer, parts: WorkbookPart[]): Promise<void> {
  for (const p of parts) {
    let real: Inflated
    try {
      real = await inflated(zip.subarray(p.dataStart, p.dataStart + p.compressedSize), p.method, p.size)
    } catch (err) {
      throw new ZipDamage(`${label(p)} is damaged (${(err as Error).message})`, { cause: err })
    }
    if ('stopped' in real) {
      throw new ZipDamage(real.stopped === 'size'
        ? `${label(p)} inflates past the ${bytesText(p.size)} its header declares: the file is damaged or forged`
        : `${label(p)} holds over ${bytesText(XLSX_MAX_TEXT_RUN_BYTES)} of text in one piece, more than a cell holds (${MAX_CELL_CHARS.toLocaleString('en-US')} characters): no spreadsheet program wrote it`)
    }
    if (real.size !== p.size || real.crc !== p.crc) throw new ZipDamage(`${label(p)} does not match its checksum: the file is damaged`)
  }
}

const EMPTY_SHARED_STRINGS = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>')

/** Names in UTF-8 (general purpose flag bit 11). */
const FLAG_UTF8 = 0x0800

/** A local file header of a zip entry whose sizes and CRC are known (no data descriptor follows). */
function localHeader(name: string, method: number, crc: number, compressedSize: number, size: number): Buffer {
  return localFileHeader({ name: Buffer.from(name), flags: FLAG_UTF8, method, crc, compressedSize, size })
}

/**
 * The checked parts as a zip stream for exceljs's reader, in reading order, with an empty shared
 * strings part when the workbook has none (exceljs otherwise buffers every sheet in a temporary
 * file, waiting for shared strings that never come). Parts keep their stored bytes.
 */
export function partsArchive(zip: Buffer, parts: WorkbookPart[]): Readable {
  const withoutStrings = !parts.some((p) => p.role === 'sharedStrings')
  function* pieces(): Generator<Buffer> {
    for (const p of parts) {
      yield localHeader(p.name, p.method, p.crc, p.compressedSize, p.size)
      for (let at = p.dataStart; at < p.dataStart + p.compressedSize; at += CHUNK) yield zip.subarray(at, Math.min(at + CHUNK, p.dataStart + p.compressedSize))
      if (p.role === 'workbook' && withoutStrings) {
        yield localHeader('xl/sharedStrings.xml', 0, crc32(EMPTY_SHARED_STRINGS), EMPTY_SHARED_STRINGS.length, EMPTY_SHARED_STRINGS.length)
        yield EMPTY_SHARED_STRINGS
      }
    }
  }
  return Readable.from(pieces(), { objectMode: false })
}
