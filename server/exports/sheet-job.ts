/**
 * One piece of a sheet's rows made into compressed XML, as a sheet worker does it: the rows'
 * XML, its CRC-32 and length, deflated in pieces that each end on a byte boundary without
 * closing the stream (Z_SYNC_FLUSH), so that the pieces of a sheet, made apart, follow one
 * another in the zip as one deflate stream between its head and its tail.
 */
import zlib from 'node:zlib'
import type { SheetTable } from './sheet-table'
import { TableRowsXml, type TableColumns } from './table-rows-xml'
import { XmlBytes } from './xml-bytes'

/** What a worker is given: a part of a sheet's table, its columns and style ids, and where its first row goes. */
export interface SheetJob {
  part: SheetTable
  columns: TableColumns
  /** Style id per column and variant (see table-styles.ts); -1 where none was registered. */
  ids: Int32Array
  /** The sheet row (1-based) of the part's first row. */
  firstRow: number
  /** zlib's compression level. */
  level: number
}

/** The XML the job made: its CRC-32 and length before compression. */
export interface JobResult {
  crc: number
  size: number
}

/** Bytes of XML compressed at a time. */
const PIECE_BYTES = 1 << 20
/** Rows written between two looks at how much XML is waiting. */
const ROWS_AT_A_TIME = 256

/**
 * Makes the job's XML, each compressed piece yielded in order, and returns its CRC and length.
 * A generator so that the server's thread, writing a small workbook's parts itself, can let other
 * requests in between pieces; a worker takes the pieces at once (runSheetJob).
 */
export function* sheetJobPieces(job: SheetJob): Generator<Buffer, JobResult> {
  const writer = new TableRowsXml(job.part, job.columns, job.ids, job.firstRow)
  const xml = new XmlBytes(PIECE_BYTES * 2)
  let crc = 0
  let size = 0
  for (let from = 0; ; from += ROWS_AT_A_TIME) {
    const more = from < job.part.rows
    if (more) writer.write(xml, from, Math.min(job.part.rows, from + ROWS_AT_A_TIME))
    if (xml.length >= PIECE_BYTES || (!more && xml.length)) {
      // Compressed at once, so the buffer is written into again (a worker's garbage is its own, but still work).
      const raw = xml.view()
      crc = zlib.crc32(raw, crc)
      size += raw.length
      const piece = zlib.deflateRawSync(raw, { level: job.level, finishFlush: zlib.constants.Z_SYNC_FLUSH })
      xml.clear()
      yield piece
    }
    if (!more) return { crc, size }
  }
}

/** Makes the job's XML and hands each compressed piece to `emit`, in order. */
export function runSheetJob(job: SheetJob, emit: (deflated: Buffer) => void): JobResult {
  const pieces = sheetJobPieces(job)
  for (;;) {
    const next = pieces.next()
    if (next.done) return next.value
    emit(next.value)
  }
}
