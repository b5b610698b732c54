/**
 * Import templates, whatever writes them: the server's .xlsx (exceljs) and the add-in's sheet in
 * the open workbook (Office.js). Pure data made from KINDS and the workspace's lists: which
 * sheet, which headers and how they look, each column's number format and dropdown, the lists
 * sheet the dropdowns read, and the instructions.
 */
import { wallTimeInZone } from '../dates'
import type { LocationKind } from '../schemas/location'
import type { PartnerKind } from '../schemas/partner'
import type { Tracking } from '../schemas/product'
import type { Settings } from '../schemas/settings'
import { DATE_FORMAT } from '../sheets/model'
import { columnLetter } from '../xlsx'
import { IMPORT_ROWS_MAX, KINDS, type ImportColumn, type ImportKind, type ListSource, type ValueKind } from './kinds'

/** First and last sheet rows (1-based) that get the columns' formats and dropdowns; row 1 holds the headers. */
export const TEMPLATE_FIRST_ROW = 2
export const TEMPLATE_LAST_ROW = 5001

/** The (hidden) sheet holding the dropdowns' lists: one list per column, a defined name on each. */
export const LISTS_SHEET = 'lotledger lists'
export const INSTRUCTIONS_SHEET = 'Instructions'

/** Header fills: required columns are bold on amber, optional ones plain on grey. */
export const HEADER_FILL = { required: '#FFE08A', optional: '#EDEBE9' } as const

/** Number formats by value kind. Text cells keep `00123` and `1-2` as typed. */
export const TEMPLATE_FORMATS: Record<ValueKind, string> = {
  text: '@',
  number: '#,##0.00####',
  integer: '0',
  date: DATE_FORMAT,
}

const TRACKING: readonly Tracking[] = ['none', 'lot', 'serial']
const LOCATION_KINDS: readonly LocationKind[] = ['internal', 'transit', 'supplier', 'customer', 'production', 'adjustment', 'scrap']
const ROLES = ['consume', 'produce'] as const
const PARTNER_KINDS: readonly PartnerKind[] = ['supplier', 'farm', 'exempt_supplier', 'customer']

/** The lists sheet's columns, always in this order, so that every template shares one lists sheet. */
const LIST_SPECS: ReadonlyArray<{ source: ListSource; header: string; name: string; strict: boolean; label: string }> = [
  { source: 'products', header: 'Products (SKU)', name: 'lotledger_products', strict: false, label: 'products' },
  { source: 'locations', header: 'Locations (code)', name: 'lotledger_locations', strict: false, label: 'locations' },
  { source: 'tracking', header: 'Tracking', name: 'lotledger_tracking', strict: true, label: 'tracking modes' },
  { source: 'locationKinds', header: 'Location kinds', name: 'lotledger_location_kinds', strict: true, label: 'location kinds' },
  { source: 'roles', header: 'Consume/Produce', name: 'lotledger_roles', strict: true, label: 'consume or produce' },
  { source: 'partnerKinds', header: 'Partner kinds', name: 'lotledger_partner_kinds', strict: true, label: 'partner kinds' },
]

/** What each kind of import is for, in one sentence. */
const PURPOSE: Record<ImportKind, string> = {
  products: 'Creates or updates products: SKU, name, unit, how each is tracked (none, lot or serial) and its shelf life.',
  locations: 'Creates or renames locations: warehouses, shelves, trucks and the partner locations goods come from or go to.',
  partners: 'Creates or updates partners, the suppliers, farms and customers operations name, with what the FSMA 204 records say about them: business name, phone, address, GLN or FDA registration.',
  lots: 'Registers lots and serial numbers ahead of their moves, with their own expiry dates when they are known.',
  receipts: 'Records goods received from suppliers with their lots or serial numbers; each Reference is one receipt.',
  deliveries: 'Records goods shipped to customers with the lots or serial numbers that left; each Reference is one delivery.',
  transfers: 'Records moves of stock between your own locations; each Reference is one transfer.',
  adjustments: 'Records inventory counts per location and lot; the differences are booked to Adjustment. Each Reference is one count.',
  production: 'Records production: the lots consumed and the lots made from them, so that traceability runs through. Each Reference is one production.',
}

/** The workspace's values offered by the dropdowns. */
export interface TemplateLists {
  /** Product SKUs. */
  products: string[]
  /** Location codes. */
  locations: string[]
}

/** Where and when a template is made. */
export interface TemplateContext {
  workspace: string
  /** The workspace time zone, for the "generated" line. */
  timeZone: string
  now: Date
  /** How the workspace reads dates typed as text (said in the instructions). */
  dateFormat?: Settings['dateFormat']
}

/** One list of the lists sheet. */
export interface TemplateList {
  source: ListSource
  /** Header in row 1 of the lists sheet. */
  header: string
  values: string[]
  /** 0-based column on the lists sheet. */
  column: number
  /** Workbook-scoped defined name over the values (the dropdowns refer to it). */
  name: string
  /** What the name refers to, e.g. `'lotledger lists'!$A$2:$A$40` (at least one cell). */
  ref: string
  /** Only the listed values are accepted (else a value not in the list is only warned about). */
  strict: boolean
}

/** A column's dropdown: a list validation over the template's rows. */
export interface TemplateValidation {
  list: ListSource
  /** The list formula without its `=`: the defined name. */
  formula: string
  strict: boolean
  /** Shown when a value is not in the list. */
  message: string
}

export interface TemplateColumn {
  field: ImportColumn['field']
  header: string
  required: boolean
  value: ValueKind
  /** Width in characters. */
  width: number
  numberFormat: string
  /** Null when the column has no list, or its list is empty. */
  validation: TemplateValidation | null
  help: string
}

export type InstructionStyle = 'title' | 'subtitle' | 'heading' | 'text' | 'tableHeader' | 'column' | 'blank'

/** A row of the instructions sheet: `text` rows span the four columns; `column` rows are the table. */
export interface InstructionRow {
  style: InstructionStyle
  cells: string[]
}

export interface TemplateModel {
  kind: ImportKind
  title: string
  /** The data sheet's name (KINDS[kind].sheet). */
  sheet: string
  /** File name of the downloaded workbook. */
  fileName: string
  /** Sheet rows (1-based) given the formats and dropdowns. */
  rows: { first: number; last: number }
  columns: TemplateColumn[]
  lists: { sheet: string; columns: TemplateList[] }
  instructions: { sheet: string; widths: number[]; rows: InstructionRow[] }
}

/** A sheet name as a formula writes it: quoted when it is not a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`
}

/** Distinct non-empty values, sorted as people read them (case-insensitive, then by code point). */
function sortedValues(values: string[]): string[] {
  const distinct = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))]
  return distinct.sort((a, b) => {
    const x = a.toLowerCase()
    const y = b.toLowerCase()
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0
  })
}

/** The lists sheet's columns for the workspace's products and locations. */
export function templateLists(lists: TemplateLists): TemplateList[] {
  const values: Record<ListSource, string[]> = {
    products: sortedValues(lists.products),
    locations: sortedValues(lists.locations),
    tracking: [...TRACKING],
    locationKinds: [...LOCATION_KINDS],
    roles: [...ROLES],
    partnerKinds: [...PARTNER_KINDS],
  }
  return LIST_SPECS.map((spec, column) => {
    const letter = columnLetter(column + 1)
    const last = TEMPLATE_FIRST_ROW + Math.max(1, values[spec.source].length) - 1
    return {
      source: spec.source, header: spec.header, values: values[spec.source], column, name: spec.name, strict: spec.strict,
      ref: `${quoteSheetName(LISTS_SHEET)}!$${letter}$${TEMPLATE_FIRST_ROW}:$${letter}$${last}`,
    }
  })
}

function validationOf(c: ImportColumn, lists: TemplateList[]): TemplateValidation | null {
  const list = c.list && lists.find((l) => l.source === c.list)
  if (!list || list.values.length === 0) return null
  const label = LIST_SPECS.find((s) => s.source === list.source)!.label
  const message = list.strict
    ? `${c.header} takes one of: ${list.values.join(', ')}.`
    : `Not among the workspace's ${label} when this template was made. Keep it only if you are sure: lotledger checks it on import.`
  return { list: list.source, formula: list.name, strict: list.strict, message }
}

const FORMAT_LABEL: Record<ValueKind, string> = { text: 'Text', number: 'Number', integer: 'Whole number', date: 'Date (yyyy-mm-dd)' }

const DATE_TEXT: Record<Settings['dateFormat'], string> = {
  DMY: 'day first (31/12/2026), as this workspace reads dates',
  MDY: 'month first (12/31/2026), as this workspace reads dates',
  YMD: 'year first only, as this workspace reads dates',
}

function rules(columns: TemplateColumn[], ctx: TemplateContext, rows: { first: number; last: number }): string[] {
  const has = (v: ValueKind) => columns.some((c) => c.value === v)
  const out: string[] = []
  if (has('date')) {
    const text = ctx.dateFormat ? `Dates typed as text are read as YYYY-MM-DD, or ${DATE_TEXT[ctx.dateFormat]}.` : 'Dates typed as text are read as YYYY-MM-DD.'
    out.push(`Date columns are formatted yyyy-mm-dd: type 2026-12-31, or any date Excel recognises. ${text}`)
  }
  if (has('number')) out.push('Quantities: plain numbers in the product\'s unit, up to 6 decimals (2.5, not "2.5 kg").')
  if (has('integer')) out.push('Days: whole numbers.')
  out.push('Text columns are formatted as text, so that codes such as 00123 or 1-2 stay exactly as typed.')
  const listed = columns.filter((c) => c.validation)
  if (listed.length) {
    const open = listed.filter((c) => !c.validation!.strict).map((c) => c.header)
    const closed = listed.filter((c) => c.validation!.strict).map((c) => c.header)
    const parts = []
    if (open.length) parts.push(`${open.join(', ')} offer the workspace's values as of this template, from the hidden "${LISTS_SHEET}" sheet; a value not listed gets a warning and can be kept (the import checks it)`)
    if (closed.length) parts.push(`${closed.join(', ')} take only the listed values`)
    out.push(`Dropdowns: ${parts.join('; ')}.`)
  }
  out.push(`Formats and dropdowns reach row ${rows.last}; for more rows, copy the last row's formats down. One import takes up to ${IMPORT_ROWS_MAX.toLocaleString('en-US')} rows.`)
  return out
}

/** The template of an import kind, with the workspace's lists. */
export function templateModel(kind: ImportKind, lists: TemplateLists, ctx: TemplateContext): TemplateModel {
  const spec = KINDS[kind]
  const listColumns = templateLists(lists)
  const rows = { first: TEMPLATE_FIRST_ROW, last: TEMPLATE_LAST_ROW }
  const columns: TemplateColumn[] = spec.columns.map((c) => ({
    field: c.field, header: c.header, required: c.required, value: c.value,
    // Never narrower than the header itself (bold, with room for the dropdown's button).
    width: Math.max(c.width, c.header.length + 3),
    numberFormat: TEMPLATE_FORMATS[c.value],
    validation: validationOf(c, listColumns),
    help: c.help,
  }))
  const made = wallTimeInZone(ctx.now, ctx.timeZone).replace('T', ' ')
  const text = (s: string): InstructionRow => ({ style: 'text', cells: [s] })
  const blank: InstructionRow = { style: 'blank', cells: [] }
  const instructions: InstructionRow[] = [
    { style: 'title', cells: [`${spec.title}: import template`] },
    { style: 'subtitle', cells: [`Workspace ${ctx.workspace} · generated ${made} (${ctx.timeZone})`] },
    blank,
    { style: 'heading', cells: ['What it is for'] },
    text(PURPOSE[kind]),
    blank,
    { style: 'heading', cells: ['How to fill it in'] },
    text(`Fill in the ${spec.sheet} sheet from row ${rows.first}. Keep its header row as it is: the import finds the columns by their headers. Headers in bold on amber are required; the others may stay empty, or be deleted.`),
    ...spec.instructions.map(text),
    blank,
    { style: 'heading', cells: ['Columns'] },
    { style: 'tableHeader', cells: ['Column', 'Required', 'Format', 'What goes in it'] },
    ...columns.map((c): InstructionRow => ({
      style: 'column',
      cells: [c.header, c.required ? 'yes' : 'no', c.validation ? `${FORMAT_LABEL[c.value]}, list` : FORMAT_LABEL[c.value], c.help],
    })),
    blank,
    { style: 'heading', cells: ['Dates, numbers and lists'] },
    ...rules(columns, ctx, rows).map(text),
  ]
  return {
    kind, title: spec.title, sheet: spec.sheet, fileName: `lotledger ${kind} template.xlsx`, rows, columns,
    lists: { sheet: LISTS_SHEET, columns: listColumns },
    instructions: { sheet: INSTRUCTIONS_SHEET, widths: [22, 10, 18, 72], rows: instructions },
  }
}
