/**
 * A workbook whose sheets' rows come as tables (sheet-table.ts), part by part: each part goes,
 * as soon as it is made, to a sheet worker, which writes its XML and compresses it on another
 * core while the next parts are made (sheet-workers.ts), or, in a small workbook, is kept and
 * written in this thread with the workbook (part-writers.ts). exceljs writes everything but
 * the rows (xlsx-skeleton.ts), and the zip is put together here (zip-writer.ts). The same
 * workbook as writeWorkbook writes from the same rows.
 *
 * Style ids are the catch: exceljs numbers a style when it is first used, so a part's ids depend
 * on the parts and sheets before it. A part is written with the ids known when it is given, from
 * the styles used so far; in the end, a part whose styles got other ids is written again (rare:
 * a kind of cell first seen late in a sheet before it).
 */
import type { Writable } from 'node:stream'
import zlib from 'node:zlib'
import { crc32Combine } from './crc32-combine'
import type { BookPart, PartWriters } from './part-writers'
import type { SheetTable } from './sheet-table'
import type { JobOutput } from './sheet-workers'
import { STYLE_VARIANTS, type StyleUse } from './table-styles'
import type { TableColumns } from './table-rows-xml'
import { workbookSkeleton, type SkeletonPart } from './xlsx-skeleton'
import { layoutOf, type ReportHead } from './xlsx-layout'
import { deflatePiece, ZipWriter } from './zip-writer'

/** zlib's level for the workbook: the fastest, as exceljs's writer compressed the other reports. */
const ZIP_LEVEL = 1

/** A sheet of the workbook, named by `key` (its parts are added under it). */
export interface BookSheet<K> {
  key: K
  head: ReportHead
}

/** A part given to the writers: its sheet, the styles it uses, and the ids it was written with. */
interface GivenPart<K> {
  key: K
  handle: BookPart
  uses: StyleUse[]
  ids: Int32Array
}

const columnsOf = (head: ReportHead): TableColumns => ({ widths: head.columns.map((c) => c.width), wraps: head.columns.map((c) => !!c.wrap) })

/**
 * Collects a workbook's parts as they are made, then writes it. `sheets` tells the workbook's
 * sheets as far as known (which sheets, their columns and looks), asked again whenever a part
 * comes for a sheet not seen before.
 */
export class TableBook<K> {
  readonly #given: Array<GivenPart<K>> = []
  /** Per sheet, the styles its parts use, in the order of first use. */
  readonly #uses = new Map<K, StyleUse[]>()
  readonly #rows = new Map<K, number>()
  #ids: Map<K, Int32Array> | null = null

  constructor(readonly writers: PartWriters, readonly sheets: () => Array<BookSheet<K>>) {}

  /** Gives the next part of sheet `key` to the writers; its arrays may be handed over to a worker. */
  async add(key: K, part: SheetTable): Promise<void> {
    const sheet = this.sheets().find((s) => s.key === key)
    if (!sheet) throw new Error(`no sheet ${String(key)} for a part`)
    // What tables do not hold: rows' levels, and a wrapped date's lines (its text is not kept).
    if (sheet.head.indentColumn !== undefined || sheet.head.columns.some((c) => c.wrap && c.kind !== 'text')) {
      throw new Error(`sheet ${sheet.head.name}: indented rows and wrapped dates cannot be written from a table`)
    }
    const { uses } = part
    const known = this.#uses.get(key) ?? []
    const added = uses.filter((u) => !known.some((k) => k.column === u.column && k.variant === u.variant))
    if (added.length || !this.#uses.has(key)) {
      this.#uses.set(key, [...known, ...added])
      this.#ids = null
    }
    const ids = (this.#ids ??= await this.#idsOf(this.sheets())).get(key)!
    const firstRow = layoutOf(sheet.head).firstDataRow + (this.#rows.get(key) ?? 0)
    this.#rows.set(key, (this.#rows.get(key) ?? 0) + part.rows)
    const handle = this.writers.write({ part, columns: columnsOf(sheet.head), ids, firstRow, level: ZIP_LEVEL })
    this.#given.push({ key, handle, uses, ids })
  }

  /** Lets the writers forget the parts (the workbook is not written after all). */
  discard(): void {
    this.writers.drop(this.#given.map((p) => p.handle))
  }

  /**
   * Writes the workbook of `sheets` (the final ones, in order) into `out` and ends it; resolves
   * with each sheet's row count. Rejects with ReportAborted when `out` is destroyed meanwhile,
   * or with a part's error (a worker's, or one written here). The parts are forgotten either way.
   */
  async write(sheets: Array<BookSheet<K>>, out: Writable): Promise<number[]> {
    try {
      const counts = sheets.map((s) => this.#rows.get(s.key) ?? 0)
      const skeleton = await workbookSkeleton(sheets.map((s, i) => ({ head: s.head, rows: counts[i], uses: this.#uses.get(s.key) ?? [] })))
      const ids = new Map(sheets.map((s, i) => [s.key, skeleton.ids[i]]))
      for (const part of this.#given) {
        const final = ids.get(part.key)!
        const stale = part.uses.some(({ column, variant }) => final[column * STYLE_VARIANTS + variant] !== part.ids[column * STYLE_VARIANTS + variant])
        if (stale) this.writers.rewrite(part.handle, final)
      }
      const zip = new ZipWriter(out)
      for (const part of skeleton.parts) {
        if ('data' in part) {
          const { data } = part
          await zip.add(part.name, [await deflatePiece(data, ZIP_LEVEL, true)], () => ({ crc: zlib.crc32(data), size: data.length }))
          continue
        }
        const key = sheets[part.sheet].key
        const entry = sheetEntry(part, this.#given.filter((p) => p.key === key).map((p) => p.handle))
        await zip.add(part.name, entry.pieces, entry.summary)
      }
      await zip.finish()
      return counts
    } finally {
      this.discard()
    }
  }

  /** Style ids per sheet, for the sheets and the styles used so far. */
  async #idsOf(sheets: Array<BookSheet<K>>): Promise<Map<K, Int32Array>> {
    const skeleton = await workbookSkeleton(sheets.map((s) => ({ head: s.head, rows: 0, uses: this.#uses.get(s.key) ?? [] })))
    return new Map(sheets.map((s, i) => [s.key, skeleton.ids[i]]))
  }
}

/** The entry of a sheet: head, rows, tail, as one deflate stream; and its CRC and length. */
function sheetEntry(part: Extract<SkeletonPart, { sheet: number }>, rows: BookPart[]): { pieces: AsyncIterable<Buffer>; summary: () => { crc: number; size: number } } {
  let crc = zlib.crc32(part.head)
  let size = part.head.length
  async function* pieces(): AsyncGenerator<Buffer> {
    yield await deflatePiece(part.head, ZIP_LEVEL, false)
    for (const handle of rows) {
      const output: JobOutput = handle.output
      yield* output
      crc = crc32Combine(crc, output.result.crc, output.result.size)
      size += output.result.size
    }
    crc = zlib.crc32(part.tail, crc)
    size += part.tail.length
    yield await deflatePiece(part.tail, ZIP_LEVEL, true)
  }
  return { pieces: pieces(), summary: () => ({ crc, size }) }
}
