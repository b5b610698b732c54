/**
 * The FSMA 204 workbook made from the records of a scope in one pass: each record, with its
 * cells, goes into a compact table of its sheet (sheet-table.ts), a row of the Missing KDEs
 * sheet too when it lacks KDEs, and each table part, as it fills, to the workbook's writers
 * (table-workbook.ts, part-writers.ts): the sheet workers, which write it while the next
 * records are made, or, in a small workbook, this thread once they are made. In slices that let
 * other requests in.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Writable } from 'node:stream'
import { COUNT_SLICE_MS, fsmaColumns, fsmaWorkbook, sheetName } from './fsma204'
import { FsmaContext, fsmaRecords, type FsmaSheet } from './fsma204-rows'
import { receiptKdes, selectFsma, type FsmaScope } from './fsma204-select'
import type { PartWriters } from './part-writers'
import type { ReportContext } from './report'
import { SheetParts } from './sheet-table'
import { TableBook, type BookSheet } from './table-workbook'

type SheetKey = FsmaSheet | 'missing'

/** The FSMA 204 workbook of a scope, its rows with the writers, ready to write. */
export interface FsmaBook {
  fileName: string
  /** Writes the workbook into `out` and ends it (see TableBook.write). */
  write(out: Writable): Promise<number[]>
  /** Forgets the rows: the workbook is not written. */
  discard(): void
}

/**
 * The records of `scope`, read from the state and the journal, given to `writers` as they are
 * made; `named` are the words for the scope in the subtitles and the file name. Unknown products
 * and lots answer 404, a range too long for a sheet 400 (before anything is written).
 */
export async function fsmaBook(c: ReportContext, scope: FsmaScope, named: Array<string | undefined>, writers: PartWriters): Promise<FsmaBook> {
  const selection = selectFsma(c.ws, scope)
  const context = new FsmaContext(c.ws, c.sheet, await receiptKdes(c.ws, c.store, selection.ops))
  const partsOf = (key: SheetKey) => new SheetParts(fsmaColumns(key))
  const parts = new Map<SheetKey, SheetParts>([['missing', partsOf('missing')]])
  const workbook = () => fsmaWorkbook(c, scope, {
    records: new Map([...parts].filter(([k]) => k !== 'missing').map(([k, p]) => [k as FsmaSheet, { length: p.rows }])),
    missing: { length: parts.get('missing')!.rows }, truncated: selection.truncated,
  }, named)
  const sheets = (): Array<BookSheet<SheetKey>> => workbook().sheets.map(({ kind, head }) => ({ key: kind, head }))
  const book = new TableBook<SheetKey>(writers, sheets)
  const handOver = async (last: boolean) => {
    for (const [key, sheet] of parts) for (const part of sheet.take(last)) await book.add(key, part)
  }
  try {
    const missing = parts.get('missing')!
    const missingText = new MissingText()
    let sliceStart = performance.now()
    let sinceCheck = 0
    for (const r of fsmaRecords(context, selection)) {
      // In slices, so that the server answers others meanwhile (a year of 1M moves takes seconds).
      if (++sinceCheck === SLICE_CHECK_RECORDS) {
        sinceCheck = 0
        if (performance.now() - sliceStart >= COUNT_SLICE_MS) {
          await handOver(false)
          await nextTurn()
          sliceStart = performance.now()
        }
      }
      let sheet = parts.get(r.sheet)
      if (!sheet) parts.set(r.sheet, (sheet = partsOf(r.sheet)))
      sheet.add(r.values)
      if (r.missing.length) missing.add([sheetName(r.sheet), r.reference, r.product, r.lot, missingText.of(r.missing)])
    }
    await handOver(true)
    const { fileName } = workbook()
    const final = sheets()
    return { fileName, write: (out) => book.write(final, out), discard: () => book.discard() }
  } catch (err) {
    book.discard()
    throw err
  }
}

/** Records made between two looks at the clock (a record takes a few microseconds). */
const SLICE_CHECK_RECORDS = 64

/**
 * The Missing KDEs cell of a record's list of what it lacks: a list holding the same words as the
 * last record's gives the same string, whose cell the sheet's table then finds at once.
 */
class MissingText {
  #last: readonly string[] = []
  #text = ''

  of(kdes: readonly string[]): string {
    const last = this.#last
    if (kdes.length !== last.length || kdes.some((k, i) => k !== last[i])) {
      this.#last = kdes
      this.#text = kdes.join('; ')
    }
    return this.#text
  }
}
