import { describe, expect, it } from 'vitest'
import { matchHeaders } from '../../../shared/import/headers'
import { IMPORT_KINDS, KINDS } from '../../../shared/import/kinds'
import {
  HEADER_FILL, LISTS_SHEET, TEMPLATE_FIRST_ROW, TEMPLATE_FORMATS, TEMPLATE_LAST_ROW, quoteSheetName, templateLists, templateModel,
} from '../../../shared/import/templates'
import { LocationKind } from '../../../shared/schemas/location'
import { PartnerKind } from '../../../shared/schemas/partner'
import { Tracking } from '../../../shared/schemas/product'

const ctx = { workspace: 'acme', timeZone: 'Europe/Brussels', now: new Date('2026-06-15T10:00:00Z'), dateFormat: 'DMY' as const }
const lists = { products: ['MILK', 'bolt', '00123', 'Cheese', 'MILK'], locations: ['WH/Stock', 'Customers', 'WH/Stock/Shelf 1', 'Vendors'] }

describe('templateModel', () => {
  it('has, for every kind, the KINDS headers in order, each mapping back to its field', () => {
    for (const kind of IMPORT_KINDS) {
      const t = templateModel(kind, lists, ctx)
      expect(t.sheet).toBe(KINDS[kind].sheet)
      expect(t.columns.map((c) => c.header)).toEqual(KINDS[kind].columns.map((c) => c.header))
      expect(t.columns.map((c) => c.required)).toEqual(KINDS[kind].columns.map((c) => c.required))
      // As the import reads them: the kind's own fields (a partners' Code is the partner).
      const read = matchHeaders(t.columns.map((c) => c.header), KINDS[kind].columns.map((c) => c.field)).columns
      t.columns.forEach((c, i) => expect(read[c.field], `${kind}: ${c.header}`).toBe(i))
      expect(t.fileName).toBe(`lotledger ${kind} template.xlsx`)
      expect(t.rows).toEqual({ first: 2, last: 5001 })
    }
  })

  it('gives each value kind its number format and keeps widths at least the header\'s', () => {
    const t = templateModel('receipts', lists, ctx)
    const by = Object.fromEntries(t.columns.map((c) => [c.header, c]))
    expect(by.Date.numberFormat).toBe('yyyy-mm-dd')
    expect(by['Expiration date'].numberFormat).toBe('yyyy-mm-dd')
    expect(by.Quantity.numberFormat).toBe('#,##0.00####')
    expect(by['Lot/Serial'].numberFormat).toBe('@')
    expect(by.Reference.width).toBe(16)
    expect(by['Production date'].width).toBe('Production date'.length + 3)
    const days = templateModel('products', lists, ctx).columns.find((c) => c.field === 'alertDays')!
    expect(days.numberFormat).toBe(TEMPLATE_FORMATS.integer)
    expect(TEMPLATE_FORMATS.integer).toBe('0')
  })

  it('puts dropdowns on the columns with a list, through defined names', () => {
    const receipts = templateModel('receipts', lists, ctx)
    const listed = receipts.columns.filter((c) => c.validation).map((c) => [c.header, c.validation!.formula, c.validation!.strict])
    expect(listed).toEqual([['Product', 'lotledger_products', false], ['To', 'lotledger_locations', false]])
    const products = templateModel('products', lists, ctx)
    expect(products.columns.find((c) => c.header === 'Tracking')!.validation).toMatchObject({ list: 'tracking', formula: 'lotledger_tracking', strict: true, message: 'Tracking takes one of: none, lot, serial.' })
    const locations = templateModel('locations', lists, ctx)
    expect(locations.columns.find((c) => c.header === 'Kind')!.validation).toMatchObject({ formula: 'lotledger_location_kinds', strict: true })
    const transfers = templateModel('transfers', lists, ctx)
    expect(transfers.columns.filter((c) => c.validation).map((c) => c.header)).toEqual(['Product', 'From', 'To'])
  })

  it('keeps alert texts within Excel\'s limits (title 32, message 225 characters)', () => {
    for (const kind of IMPORT_KINDS) {
      for (const c of templateModel(kind, lists, ctx).columns) {
        if (!c.validation) continue
        expect(c.header.length).toBeLessThanOrEqual(32)
        expect(c.validation.message.length).toBeLessThanOrEqual(225)
      }
    }
  })

  it('leaves out a dropdown whose list is empty', () => {
    const t = templateModel('receipts', { products: [], locations: [] }, ctx)
    expect(t.columns.every((c) => c.validation === null)).toBe(true)
    expect(t.lists.columns[0]).toMatchObject({ values: [], ref: `'lotledger lists'!$A$2:$A$2` })
    expect(t.instructions.rows.some((r) => r.cells[0]?.startsWith('Dropdowns'))).toBe(false)
  })
})

describe('the lists sheet', () => {
  it('holds every list in its own fixed column, sorted and without duplicates, each under a defined name', () => {
    const columns = templateLists(lists)
    expect(columns.map((l) => [l.column, l.header, l.name])).toEqual([
      [0, 'Products (SKU)', 'lotledger_products'], [1, 'Locations (code)', 'lotledger_locations'], [2, 'Tracking', 'lotledger_tracking'],
      [3, 'Location kinds', 'lotledger_location_kinds'], [4, 'Consume/Produce', 'lotledger_roles'], [5, 'Partner kinds', 'lotledger_partner_kinds'],
    ])
    expect(columns[0].values).toEqual(['00123', 'bolt', 'Cheese', 'MILK'])
    expect(columns[0].ref).toBe(`'lotledger lists'!$A$2:$A$5`)
    expect(columns[1].values).toEqual(['Customers', 'Vendors', 'WH/Stock', 'WH/Stock/Shelf 1'])
    expect(columns[1].ref).toBe(`'lotledger lists'!$B$2:$B$5`)
    expect(columns[2].values).toEqual(Tracking.options)
    expect([...columns[3].values].sort()).toEqual([...LocationKind.options].sort())
    expect(columns[4]).toMatchObject({ values: ['consume', 'produce'], ref: `'lotledger lists'!$E$2:$E$3` })
    expect([...columns[5].values].sort()).toEqual([...PartnerKind.options].sort())
    expect(templateModel('lots', lists, ctx).lists).toEqual({ sheet: LISTS_SHEET, columns })
  })

  it('quotes sheet names that need it', () => {
    expect(quoteSheetName('Lists')).toBe('Lists')
    expect(quoteSheetName("lotledger lists")).toBe("'lotledger lists'")
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'")
  })
})

describe('the instructions', () => {
  it('say what the kind is for, its instructions, a table of columns and the rules, with workspace and time', () => {
    const t = templateModel('receipts', lists, ctx)
    const rows = t.instructions.rows
    expect(rows[0]).toEqual({ style: 'title', cells: ['Receipts: import template'] })
    expect(rows[1]).toEqual({ style: 'subtitle', cells: ['Workspace acme · generated 2026-06-15 12:00 (Europe/Brussels)'] })
    const texts = rows.filter((r) => r.style === 'text').map((r) => r.cells[0])
    expect(texts[0]).toMatch(/^Records goods received from suppliers/)
    for (const line of KINDS.receipts.instructions) expect(texts).toContain(line)
    expect(texts.some((s) => s.includes('bold on amber are required'))).toBe(true)
    const header = rows.findIndex((r) => r.style === 'tableHeader')
    expect(rows[header].cells).toEqual(['Column', 'Required', 'Format', 'What goes in it'])
    const table = rows.filter((r) => r.style === 'column').map((r) => r.cells)
    expect(table).toHaveLength(KINDS.receipts.columns.length)
    expect(table[1]).toEqual(['Reference', 'yes', 'Text', KINDS.receipts.columns[1].help])
    expect(table[2]).toEqual(['Date', 'no', 'Date (yyyy-mm-dd)', KINDS.receipts.columns[2].help])
    expect(table[4]).toEqual(['Product', 'yes', 'Text, list', 'Product SKU.'])
    expect(texts.find((s) => s.startsWith('Date columns'))).toContain('day first (31/12/2026), as this workspace reads dates')
    expect(texts.find((s) => s.startsWith('Quantities:'))).toBeDefined()
    expect(texts.find((s) => s.startsWith('Dropdowns:'))).toContain('Product, To offer the workspace\'s values')
    expect(texts.find((s) => s.startsWith('Formats and dropdowns'))).toContain(`row ${TEMPLATE_LAST_ROW}`)
  })

  it('name only the rules that apply to the kind', () => {
    const texts = (kind: (typeof IMPORT_KINDS)[number]) => templateModel(kind, lists, { ...ctx, dateFormat: undefined }).instructions.rows.map((r) => r.cells[0] ?? '')
    expect(texts('locations').some((s) => s.startsWith('Date columns'))).toBe(false)
    expect(texts('locations').some((s) => s.startsWith('Quantities:'))).toBe(false)
    expect(texts('locations').find((s) => s.startsWith('Dropdowns:'))).toBe('Dropdowns: Kind take only the listed values.')
    expect(texts('products').some((s) => s.startsWith('Days:'))).toBe(true)
    expect(texts('lots').find((s) => s.startsWith('Date columns'))).toMatch(/read as YYYY-MM-DD\.$/)
  })

  it('uses the header fills and first row the writers share', () => {
    expect(TEMPLATE_FIRST_ROW).toBe(2)
    expect(HEADER_FILL.required).not.toBe(HEADER_FILL.optional)
  })
})
