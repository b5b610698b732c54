/**
 * What each kind of workbook import holds: its columns (the template's headers, in order), which
 * are required, how their values are read, and what the instructions tell users. Templates are
 * made from this, and imports are checked against it.
 */
import { matchHeaders, type FieldName } from './headers'

export const IMPORT_KINDS = ['products', 'locations', 'partners', 'lots', 'receipts', 'deliveries', 'transfers', 'adjustments', 'production'] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** How a column's values are read. */
export type ValueKind = 'text' | 'number' | 'date' | 'integer'

/** Where a column's dropdown takes its values (the template's Lists sheet). */
export type ListSource = 'products' | 'locations' | 'tracking' | 'locationKinds' | 'roles' | 'partnerKinds'

export interface ImportColumn {
  field: FieldName
  /** Header in the template. */
  header: string
  value: ValueKind
  required: boolean
  list?: ListSource
  /** Column width in the template, in characters. */
  width: number
  /** What goes in it, for the instructions sheet. */
  help: string
}

export interface KindSpec {
  kind: ImportKind
  /** Sheet name of the template's data sheet. */
  sheet: string
  title: string
  /** Rows with the same value here make one operation (operation kinds only). */
  groupBy?: FieldName
  columns: ImportColumn[]
  instructions: string[]
}

const c = (field: FieldName, header: string, value: ValueKind, required: boolean, width: number, help: string, list?: ListSource): ImportColumn => ({
  field, header, value, required, width, help, ...(list ? { list } : {}),
})

const ID = c('id', 'Id', 'text', false, 14, 'Optional. Your own stable id for the row; importing the same file again never applies it twice (without it, one is derived from the file and the row).')
const REFERENCE = c('reference', 'Reference', 'text', true, 16, 'The document (PO, order, count sheet). Rows with the same reference make one operation.')
const DATE = c('date', 'Date', 'date', false, 12, 'Date of the operation. Empty: the time of the import. Expiry dates count from a receipt\'s date.')
const PRODUCT = c('product', 'Product', 'text', true, 16, 'Product SKU.', 'products')
const LOT = c('lot', 'Lot/Serial', 'text', false, 18, 'Lot or serial number (required for products tracked by lot or serial; a serial moves with quantity 1).')
const QTY = c('qty', 'Quantity', 'number', true, 10, 'Quantity in the product\'s unit (decimals allowed).')
const PACKAGE = c('package', 'Package', 'text', false, 12, 'Optional package the goods travel in.')
const BARCODE = c('barcode', 'Barcode', 'text', false, 30,
  'Optional: a scanned GS1 barcode ((01)…(10)…, a raw scan, a Digital Link or a GTIN). It fills the cells of its row left empty (product by GTIN, lot or serial, count, dates, SSCC as the package); a cell saying otherwise is a problem.')

const GLN = c('gln', 'GLN', 'text', false, 16, 'Optional GS1 Global Location Number: 13 digits with a valid check digit (a traceability lot code source reference for FSMA 204).')
const FDA_REGISTRATION = c('fdaRegistration', 'FDA registration', 'text', false, 14, 'Optional FDA Food Facility Registration number: 11 digits.')
/** Master data: a column the file leaves out keeps what the record has (an empty cell clears it). */
const KEPT_NOTE = 'A column the file leaves out keeps what each existing record has; an empty cell in a column the file has clears that value.'

/** FSMA 204 KDEs a receipt may record: optional, and the same on every row of one receipt. */
const kde = (field: FieldName, header: string, value: ValueKind, help: string) => c(field, header, value, false, value === 'date' ? 12 : 22, help)
const RECEIPT_KDES = [
  kde('harvestFarm', 'Harvest farm', 'text', 'FSMA 204, optional: the farm the food was harvested on (name and address). With a harvest date.'),
  kde('harvestField', 'Harvest field', 'text', 'FSMA 204, optional: the field or container it was harvested from.'),
  kde('harvestDate', 'Harvest date', 'date', 'FSMA 204, optional: when it was harvested. With a harvest farm.'),
  kde('coolingLocation', 'Cooling location', 'text', 'FSMA 204, optional: where it was cooled before initial packing. With a cooling date.'),
  kde('coolingDate', 'Cooling date', 'date', 'FSMA 204, optional: when it was cooled. With a cooling location.'),
  kde('packingLocation', 'Packing location', 'text', 'FSMA 204, optional: where it was first packed. With a packing date.'),
  kde('packingDate', 'Packing date', 'date', 'FSMA 204, optional: when it was first packed. With a packing location.'),
]

const LINE_NOTES = [
  'One row per line. Rows with the same Reference become one operation; everything in the file is applied together, or nothing is.',
  'Headers are matched whatever their case, spacing or order, and common names work too (Lot, Batch, Serial Number, SKU, Qty...). Columns lotledger does not know are reported and ignored.',
  'Dates: real Excel dates, or text as YYYY-MM-DD, or day-first / month-first as the workspace\'s date format says. A date that could be read both ways is refused, naming the cell.',
]

export const KINDS: Record<ImportKind, KindSpec> = {
  products: {
    kind: 'products', sheet: 'Products', title: 'Products',
    columns: [
      c('product', 'SKU', 'text', true, 16, 'Product code, unique in the workspace.'),
      c('name', 'Name', 'text', true, 28, 'Product name.'),
      c('uom', 'Unit', 'text', false, 8, 'Unit of measure (default Units).'),
      c('tracking', 'Tracking', 'text', false, 10, 'none, lot or serial (default none).', 'tracking'),
      c('gtin', 'GTIN', 'text', false, 16, 'Optional GTIN-8/12/13/14 with a valid check digit.'),
      c('expirationDays', 'Expiration days', 'integer', false, 10, 'Days from the receipt to expiry (empty: no shelf life).'),
      c('bestBeforeDays', 'Best before days', 'integer', false, 10, 'Days before expiry when quality starts to drop.'),
      c('removalDays', 'Removal days', 'integer', false, 10, 'Days before expiry when goods leave stock.'),
      c('alertDays', 'Alert days', 'integer', false, 10, 'Days before expiry when an alert is raised.'),
      c('foodTraceabilityList', 'Food Traceability List', 'text', false, 10, 'yes when the product is on FDA\'s Food Traceability List (its lots are in the FSMA 204 records); empty or no: not.'),
    ],
    instructions: ['One row per product: new ones are created, existing ones replaced by the row (a product that has moved keeps its tracking).'],
  },
  locations: {
    kind: 'locations', sheet: 'Locations', title: 'Locations',
    columns: [
      c('location', 'Code', 'text', true, 24, 'Location code; / separates levels (WH/Stock/Shelf 1 is inside WH/Stock).'),
      c('name', 'Name', 'text', true, 24, 'Location name.'),
      c('kind', 'Kind', 'text', false, 12, 'internal, transit, supplier, customer, production, adjustment or scrap (default internal).', 'locationKinds'),
      GLN, FDA_REGISTRATION,
    ],
    instructions: ['One row per location: new ones are created, existing ones renamed (a used location keeps its kind).', KEPT_NOTE],
  },
  partners: {
    kind: 'partners', sheet: 'Partners', title: 'Partners',
    columns: [
      c('partner', 'Code', 'text', true, 20, 'The partner as operations name it: the Supplier of receipts or the Customer of deliveries, written the same way.'),
      c('name', 'Name', 'text', true, 28, 'Business name, as the FSMA 204 records print it.'),
      c('kind', 'Kind', 'text', false, 16, 'supplier, farm, exempt_supplier or customer (default supplier). A farm\'s or an exempt supplier\'s goods get their traceability lot code on receipt.', 'partnerKinds'),
      c('phone', 'Phone', 'text', false, 16, 'Business phone number.'),
      c('address', 'Address', 'text', false, 36, 'Street, city, state or region, postal code, country.'),
      GLN, FDA_REGISTRATION,
    ],
    instructions: [
      'One row per partner (the suppliers, farms and customers your receipts and deliveries name): new ones are created, existing ones replaced by the row.',
      KEPT_NOTE,
      'The FSMA 204 records need each partner\'s business name, phone and address; a GLN or FDA registration is their traceability lot code source reference.',
    ],
  },
  lots: {
    kind: 'lots', sheet: 'Lots', title: 'Lots and serial numbers',
    columns: [
      PRODUCT, c('lot', 'Lot/Serial', 'text', true, 18, 'Lot or serial number.'),
      c('ref', 'Lot reference', 'text', false, 16, 'e.g. the manufacturer\'s lot.'),
      c('expirationDate', 'Expiration date', 'date', false, 12, 'Given, it wins over the computed date (which counts from today).'),
      c('bestBeforeDate', 'Best before date', 'date', false, 12, 'Optional.'),
      c('removalDate', 'Removal date', 'date', false, 12, 'Optional.'),
      c('alertDate', 'Alert date', 'date', false, 12, 'Optional.'),
      c('note', 'Note', 'text', false, 24, 'Optional.'), BARCODE,
    ],
    instructions: ['One row per lot or serial. A lot already registered with the same fields is left as it is.'],
  },
  receipts: {
    kind: 'receipts', sheet: 'Receipts', title: 'Receipts', groupBy: 'reference',
    columns: [
      ID, REFERENCE, DATE, c('partner', 'Supplier', 'text', false, 18, 'Optional supplier.'), PRODUCT, LOT, QTY,
      c('to', 'To', 'text', false, 18, 'Destination location (default WH/Stock).', 'locations'), PACKAGE,
      c('expirationDate', 'Expiration date', 'date', false, 12, 'Optional: wins over the date computed from the product\'s shelf life.'),
      c('productionDate', 'Production date', 'date', false, 12, 'Optional: the base of the computed expiry instead of the receipt date.'), BARCODE,
      ...RECEIPT_KDES,
    ],
    instructions: [
      ...LINE_NOTES, 'A lot not yet known is created, with its expiry dates computed from the product\'s shelf life unless given.',
      'FSMA 204: the Harvest, Cooling and Packing columns record what happened to the food before it was received (each place with its date). They belong to the whole receipt: every row of one receipt gives the same values, or leaves them empty.',
    ],
  },
  deliveries: {
    kind: 'deliveries', sheet: 'Deliveries', title: 'Deliveries', groupBy: 'reference',
    columns: [ID, REFERENCE, DATE, c('partner', 'Customer', 'text', false, 18, 'Optional customer.'), PRODUCT, LOT, QTY,
      c('from', 'From', 'text', false, 18, 'Source location (default WH/Stock).', 'locations'), PACKAGE, BARCODE],
    instructions: [...LINE_NOTES, 'Expired lots are refused unless the workspace allows shipping them.'],
  },
  transfers: {
    kind: 'transfers', sheet: 'Transfers', title: 'Internal transfers', groupBy: 'reference',
    columns: [ID, REFERENCE, DATE, PRODUCT, LOT, QTY,
      c('from', 'From', 'text', true, 18, 'Source location.', 'locations'), c('to', 'To', 'text', true, 18, 'Destination location.', 'locations'), PACKAGE, BARCODE],
    instructions: LINE_NOTES,
  },
  adjustments: {
    kind: 'adjustments', sheet: 'Adjustments', title: 'Inventory counts', groupBy: 'reference',
    columns: [ID, REFERENCE, DATE, PRODUCT, c('location', 'Location', 'text', true, 18, 'Where the count was made.', 'locations'),
      c('lot', 'Lot/Serial', 'text', false, 18, 'Lot or serial counted (empty for a tracked product: the "no lot" bucket).'),
      c('countedQty', 'Counted', 'number', true, 10, 'The quantity counted; the difference moves from or to Adjustment.'), PACKAGE,
      c('expirationDate', 'Expiration date', 'date', false, 12, 'Optional, for a lot found that was not known.')],
    instructions: LINE_NOTES,
  },
  production: {
    kind: 'production', sheet: 'Production', title: 'Production', groupBy: 'reference',
    columns: [ID, REFERENCE, DATE,
      c('role', 'Consume/Produce', 'text', true, 16, 'consume (an input) or produce (an output).', 'roles'), PRODUCT, LOT, QTY,
      c('location', 'Location', 'text', false, 18, 'Where inputs come from / outputs go (default WH/Stock).', 'locations'),
      c('inputs', 'Made from', 'text', false, 22, 'Produce rows: the consumed lots that made this output, as PRODUCT:LOT separated by ; (empty: every consumed lot).'),
      c('expirationDate', 'Expiration date', 'date', false, 12, 'Produce rows: optional expiry of the new lot.')],
    instructions: [...LINE_NOTES, 'Each reference is one production: its consume rows are the inputs, its produce rows the outputs.'],
  },
}

/** Most rows one import takes; a larger file is refused before anything is read further. */
export const IMPORT_ROWS_MAX = 200_000

/** The fields a Barcode column fills: a required column of one of them may be left out beside it. */
export const FILLED_BY_BARCODE: readonly FieldName[] = ['product', 'lot', 'qty', 'expirationDate', 'bestBeforeDate', 'productionDate', 'package']

/** True when `kind` reads a Barcode column and `field` is one it fills. */
export function barcodeFills(kind: ImportKind, field: FieldName): boolean {
  return FILLED_BY_BARCODE.includes(field) && KINDS[kind].columns.some((c) => c.field === 'barcode')
}

/** True when `headers` hold every column `kind` requires (or a Barcode column standing for it): the header row to take. */
export function headersFit(kind: ImportKind, headers: string[]): boolean {
  const { columns } = matchHeaders(headers, KINDS[kind].columns.map((c) => c.field))
  const scans = columns.barcode !== undefined
  return KINDS[kind].columns.every((c) => !c.required || columns[c.field] !== undefined || (scans && barcodeFills(kind, c.field)))
}
