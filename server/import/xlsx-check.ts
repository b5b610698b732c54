/**
 * Whether an upload is an .xlsx the import can read, decided before exceljs sees any of it: not
 * empty, not an old .xls or a text file under the wrong name, a zip archive holding a workbook,
 * its parts within the import's limits and inflating to what they declare.
 */
import { unreadable } from './unreadable'
import { checkInflated, workbookParts, type WorkbookPart } from './xlsx-parts'
import { ZipDamage } from './zip-directory'

// The compound file of Excel 97-2003 workbooks, and of workbooks saved with a password.
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

/** True when the first bytes hold no control characters but tabs and line breaks. */
function looksLikeText(bytes: Buffer): boolean {
  for (const b of bytes.subarray(0, 1024)) if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false
  return true
}

/** Why `bytes` are not a zip archive at all, or null when they start like one. */
function notAnArchive(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'the file is empty'
  if (bytes.subarray(0, 8).equals(COMPOUND_FILE)) {
    return 'it is an Excel 97-2003 workbook (.xls), or one saved with a password: open it in Excel and save it as an Excel workbook (.xlsx) without a password'
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return null
  return looksLikeText(bytes)
    ? 'it is not an Excel workbook (.xlsx) but text: a CSV file is read as one when its name ends in .csv'
    : 'it is not an Excel workbook (.xlsx)'
}

/**
 * The parts of the workbook `bytes` that the import reads, checked. Refuses with
 * `unreadable_file`, naming `file` and saying why, what cannot be read.
 */
export async function checkedWorkbook(bytes: Buffer, file: string): Promise<WorkbookPart[]> {
  const why = notAnArchive(bytes)
  if (why) throw unreadable(file, why)
  try {
    const parts = workbookParts(bytes)
    await checkInflated(bytes, parts)
    return parts
  } catch (err) {
    throw damaged(file, err)
  }
}

/** A failure reading the archive as the refusal it is: damage said in words, anything else as it is. */
function damaged(file: string, err: unknown): unknown {
  if (err instanceof ZipDamage) return unreadable(file, err.message, err)
  // Offsets read from the file that point outside it.
  if (err instanceof RangeError) return unreadable(file, 'its table of contents is damaged', err)
  return err
}
