/**
 * FSMA 204's electronic sortable spreadsheet (21 CFR 1.1455(c)(3)(ii)), modelled on FDA's
 * template: a sheet per kind of critical tracking event, one row per event and traceability lot
 * code, the key data elements as columns; then the records that lack a required KDE, named.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { col, counted, sheetSubtitle } from '../../shared/sheets/builders'
import type { SheetColumn } from '../../shared/sheets/model'
import { MAX_ROWS } from '../../shared/xlsx'
import { LedgerError } from '../domain/errors'
import type { OperationRec } from '../domain/state'
import { reportFileName } from './file-name'
import { FsmaContext, fsmaRecords, type FsmaSheet } from './fsma204-rows'
import { receiptKdes, selectFsma, type FsmaScope } from './fsma204-select'
import type { ReportContext } from './report'
import type { ReportHead } from './xlsx-layout'

const TLC = col('Traceability lot code (TLC)', 'text', 18)
const PRODUCT = col('Product description', 'text', 28, { wrap: true })
const QTY = col('Quantity', 'number', 10)
const UNIT = col('Unit of measure', 'text', 10)
const DOC = [col('Reference document type', 'text', 18), col('Reference document number', 'text', 18)]
const HEAD = [TLC, PRODUCT, QTY, UNIT]
const place = (header: string) => col(header, 'text', 32, { wrap: true })

/** Each event's sheet: its name, and its columns in the order of the rows' values. */
const SHEETS: Record<FsmaSheet, { name: string; columns: SheetColumn[] }> = {
  receiving: {
    name: 'Receiving',
    columns: [...HEAD, place('Immediate previous source location'), place('Location received at'), col('Date received', 'datetime', 16),
      place('TLC source location or reference'), ...DOC],
  },
  shipping: {
    name: 'Shipping',
    columns: [...HEAD, place('Subsequent recipient location'), place('Location shipped from'), col('Date shipped', 'datetime', 16),
      place('TLC source location or reference'), ...DOC],
  },
  transformation: {
    name: 'Transformation',
    columns: [col('New traceability lot code', 'text', 18), PRODUCT, QTY, UNIT, place('Transformation location'), col('Date transformation completed', 'datetime', 16),
      col('Input traceability lot code', 'text', 18), col('Input product description', 'text', 28, { wrap: true }), col('Input quantity used', 'number', 10),
      col('Input unit of measure', 'text', 10), ...DOC],
  },
  harvesting: {
    name: 'Harvesting',
    columns: [...HEAD, place('Farm (harvest location)'), col('Field or container', 'text', 16), col('Date harvested', 'date', 12), ...DOC],
  },
  cooling: { name: 'Cooling', columns: [...HEAD, place('Cooling location'), col('Date cooled', 'date', 12), ...DOC] },
  initialPacking: {
    name: 'Initial packing',
    columns: [...HEAD, place('Farm (harvest location)'), col('Field or container', 'text', 16), col('Date harvested', 'date', 12), place('Cooling location'),
      col('Date cooled', 'date', 12), place('Packing location'), col('Date packed', 'date', 12), place('TLC source location or reference'), ...DOC],
  },
}

const ORDER: FsmaSheet[] = ['receiving', 'shipping', 'transformation', 'initialPacking', 'cooling', 'harvesting']
/** Sheets every file has, with or without rows: FDA asks for these events of anyone on the list. */
const ALWAYS = new Set<FsmaSheet>(['receiving', 'shipping', 'transformation'])

const MISSING_COLUMNS = [col('Event', 'text', 14), col('Reference', 'text', 16), col('Product', 'text', 16), col('Traceability lot code', 'text', 18),
  col('Missing KDEs', 'text', 48, { wrap: true })]

/** The columns of `kind`'s sheet. */
export const fsmaColumns = (kind: FsmaSheet | 'missing'): SheetColumn[] => (kind === 'missing' ? MISSING_COLUMNS : SHEETS[kind].columns)

/** The name of `kind`'s sheet, as the completeness check names the event. */
export const sheetName = (kind: FsmaSheet): string => SHEETS[kind].name

/** A record lacking KDEs, as the completeness check names it: one per record, so that the list never outgrows the records. */
export interface MissingKdes {
  event: string
  reference: string
  product: string
  lot: string
  kdes: string[]
}

/** Rows a sheet holds below its title, subtitle, blank line and header. */
const SHEET_ROWS_MAX = MAX_ROWS - 4

/** How many records each sheet holds, and whether a lot's trace was cut short: what the workbook's titles and refusal need. */
export interface FsmaCounts {
  records: ReadonlyMap<FsmaSheet, { readonly length: number }>
  missing: { readonly length: number }
  truncated: boolean
}

/** The records of a scope counted, with those missing KDEs named, made again as they are read (the completeness check's JSON). */
export interface FsmaRecords extends FsmaCounts {
  missing: Iterable<MissingKdes> & { readonly length: number }
}

/** Milliseconds the count works before it lets other requests in. */
export const COUNT_SLICE_MS = 10

/** The records of `scope` counted, and those missing KDEs; unknown products and lots answer 404. */
export async function gatherFsma(c: ReportContext, scope: FsmaScope): Promise<FsmaRecords> {
  const selection = selectFsma(c.ws, scope)
  const context = new FsmaContext(c.ws, c.sheet, await receiptKdes(c.ws, c.store, selection.ops))
  const counts = new Map<FsmaSheet, number>(ORDER.map((s) => [s, 0]))
  // The operations with a record missing KDEs: the completeness check goes back to these only.
  const lacking: OperationRec[] = []
  let missing = 0
  let sliceStart = performance.now()
  for (const op of selection.ops) {
    // Counted in slices, so that the server answers others meanwhile (a year of 1M moves takes seconds).
    if (performance.now() - sliceStart >= COUNT_SLICE_MS) {
      await nextTurn()
      sliceStart = performance.now()
    }
    let lacks = false
    for (const r of fsmaRecords(context, selection, { ops: [op], cells: false })) {
      counts.set(r.sheet, counts.get(r.sheet)! + 1)
      if (r.missing.length) {
        missing++
        lacks = true
      }
    }
    if (lacks) lacking.push(op)
  }
  return {
    records: new Map(ORDER.map((sheet) => [sheet, { length: counts.get(sheet)! }])), truncated: selection.truncated,
    missing: {
      length: missing,
      *[Symbol.iterator]() {
        for (const r of fsmaRecords(context, selection, { ops: lacking, cells: false })) {
          if (r.missing.length) yield { event: SHEETS[r.sheet].name, reference: r.reference, product: r.product, lot: r.lot, kdes: r.missing }
        }
      },
    },
  }
}

/** A sheet of the workbook: an event's records, or the records missing KDEs. */
export interface FsmaSheetHead {
  kind: FsmaSheet | 'missing'
  head: ReportHead
}

/** The workbook's sheets: the events (those recorded), then the completeness check; `named` are the words for the scope in its subtitle and file name. */
export function fsmaWorkbook(c: ReportContext, scope: FsmaScope, gathered: FsmaCounts, named: Array<string | undefined>): { fileName: string; sheets: FsmaSheetHead[] } {
  const what = scope.kind === 'lot' ? `TLC ${scope.lot} of ${scope.product}, upstream and downstream` : named.filter(Boolean).join(' ') || 'every date'
  const paper = c.ws.settings.documents.paperSize
  const head = (name: string, title: string, columns: SheetColumn[], rows: number): ReportHead => ({
    name, title, columns, paper,
    subtitle: sheetSubtitle(c.sheet, [what, gathered.truncated ? 'the trace is cut short: export by date range for the rest' : null], rows),
  })
  const sheets: FsmaSheetHead[] = []
  // A sheet past Excel's last row would not open: such a range is refused before the file starts.
  const longest = Math.max(gathered.missing.length, ...[...gathered.records.values()].map((records) => records.length))
  if (longest > SHEET_ROWS_MAX) {
    throw new LedgerError('validation_failed', `the range holds ${longest} records of one kind, more than an Excel sheet takes (${SHEET_ROWS_MAX}): ask for a shorter range`, [
      { path: 'after', message: 'a shorter range' },
    ])
  }
  for (const kind of ORDER) {
    const records = gathered.records.get(kind)?.length ?? 0
    if (!records && !ALWAYS.has(kind)) continue
    const { name, columns } = SHEETS[kind]
    sheets.push({ kind, head: head(name, `FSMA 204 records: ${name.toLowerCase()}`, columns, records) })
  }
  const { missing } = gathered
  const title = missing.length ? `FSMA 204 records: ${counted(missing.length, 'record')} missing KDEs` : 'FSMA 204 records: no KDE missing'
  sheets.push({ kind: 'missing', head: head('Missing KDEs', title, MISSING_COLUMNS, missing.length) })
  return { fileName: reportFileName(['FSMA 204', ...named, c.today]), sheets }
}
