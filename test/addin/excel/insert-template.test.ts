import { describe, expect, it } from 'vitest'
import { freeSheetName, insertTemplate } from '../../../addin/excel'
import { KINDS } from '../../../shared/import/kinds'
import { HEADER_FILL, LISTS_SHEET, TEMPLATE_FORMATS, templateModel, type TemplateLists } from '../../../shared/import/templates'
import { columnLetter } from '../../../shared/xlsx'
import type { FakeExcel } from '../fake-excel'
import { useFakeExcel } from './use-fake-excel'

const ctx = { workspace: 'default', timeZone: 'UTC', now: new Date('2026-06-15T10:00:00Z'), dateFormat: 'DMY' as const }
const lists: TemplateLists = { products: ['MILK', '00123', 'BOLT'], locations: ['WH/Stock', 'WH/Stock/Shelf 1', 'Vendors'] }

let fake: FakeExcel
const excel = useFakeExcel((f) => (fake = f))

const column = (sheet: string, letter: string, rows: number) => fake.sheet(sheet).values(`${letter}1:${letter}${rows}`).map((r) => r[0])

describe('insertTemplate', () => {
  it('writes the headers, required ones bold on amber, widths, a frozen header, and activates the sheet', async () => {
    const t = templateModel('receipts', lists, ctx)
    const done = await insertTemplate(t)
    expect(done).toEqual({ inserted: true, sheet: 'Receipts', syncs: fake.stats.syncs })
    expect(fake.sheetNames()).toEqual(['Sheet1', LISTS_SHEET, 'Receipts'])
    const s = fake.sheet('Receipts')
    const width = KINDS.receipts.columns.length
    expect(s.values(`A1:${columnLetter(width)}1`)).toEqual([KINDS.receipts.columns.map((c) => c.header)])
    expect(s.cell(`${columnLetter(width + 1)}1`).value).toBe('')
    KINDS.receipts.columns.forEach((c, i) => {
      const cell = s.state.get(0, i)!
      expect(cell.numberFormat).toBe('@')
      expect(cell.bold, c.header).toBe(c.required)
      expect(cell.fill).toBe(c.required ? HEADER_FILL.required : HEADER_FILL.optional)
      expect(s.columnWidth(i)).toBe(t.columns[i].width * 7)
    })
    expect(s.frozenRows).toBe(1)
    expect(fake.activeSheet()).toBe('Receipts')
    expect(s.state.selection.active).toEqual({ row: 1, col: 0 })
    expect(fake.settings()).toEqual({})
  })

  it('formats rows 2 to 5001 by value kind: text, dates as yyyy-mm-dd, numbers', async () => {
    await insertTemplate(templateModel('receipts', lists, ctx))
    const s = fake.sheet('Receipts')
    KINDS.receipts.columns.forEach((c, i) => {
      for (const row of [1, 2500, 5000]) expect(s.state.get(row, i)?.numberFormat, `${c.header} row ${row + 1}`).toBe(TEMPLATE_FORMATS[c.value])
      expect(s.state.get(5001, i)).toBeUndefined()
    })
    expect(s.cell('C2').numberFormat).toBe('yyyy-mm-dd')
    expect(s.cell('G2').numberFormat).toBe('#,##0.00####')
    expect(s.cell('F2').numberFormat).toBe('@')
  })

  it('puts one list validation per listed column on rows 2 to 5001, through the defined names', async () => {
    await insertTemplate(templateModel('receipts', lists, ctx))
    const validations = fake.sheet('Receipts').dataValidations
    expect(validations.map((v) => [v.address, v.rule, v.ignoreBlanks, v.errorAlert.style, v.errorAlert.title])).toEqual([
      ['E2:E5001', { list: { inCellDropDown: true, source: '=lotledger_products' } }, true, 'Warning', 'Product'],
      ['H2:H5001', { list: { inCellDropDown: true, source: '=lotledger_locations' } }, true, 'Warning', 'To'],
    ])
    expect(validations[0].errorAlert.message).toMatch(/^Not among the workspace's products/)

    await insertTemplate(templateModel('products', lists, ctx))
    expect(fake.sheet('Products').dataValidations.map((v) => [v.address, v.rule, v.errorAlert.style])).toEqual([
      ['D2:D5001', { list: { inCellDropDown: true, source: '=lotledger_tracking' } }, 'Stop'],
    ])
  })

  it('fills the hidden lists sheet, as text, and names each list', async () => {
    await insertTemplate(templateModel('receipts', lists, ctx))
    const l = fake.sheet(LISTS_SHEET)
    expect(l.visibility).toBe('Hidden')
    expect(column(LISTS_SHEET, 'A', 5)).toEqual(['Products (SKU)', '00123', 'BOLT', 'MILK', ''])
    expect(l.cell('A2')).toMatchObject({ value: '00123', numberFormat: '@' })
    expect(l.cell('A1').bold).toBe(true)
    expect(column(LISTS_SHEET, 'B', 4)).toEqual(['Locations (code)', 'Vendors', 'WH/Stock', 'WH/Stock/Shelf 1'])
    expect(column(LISTS_SHEET, 'C', 4)).toEqual(['Tracking', 'none', 'lot', 'serial'])
    expect(column(LISTS_SHEET, 'E', 3)).toEqual(['Consume/Produce', 'consume', 'produce'])
    expect(fake.names()).toEqual({
      lotledger_products: `='${LISTS_SHEET}'!$A$2:$A$4`,
      lotledger_locations: `='${LISTS_SHEET}'!$B$2:$B$4`,
      lotledger_tracking: `='${LISTS_SHEET}'!$C$2:$C$4`,
      lotledger_location_kinds: `='${LISTS_SHEET}'!$D$2:$D$8`,
      lotledger_roles: `='${LISTS_SHEET}'!$E$2:$E$3`,
      lotledger_partner_kinds: `='${LISTS_SHEET}'!$F$2:$F$5`,
    })
  })

  it('refills the one lists sheet for the next template, and moves the names with the lists', async () => {
    await insertTemplate(templateModel('receipts', { products: ['A', 'B', 'C', 'D'], locations: ['X'] }, ctx))
    await insertTemplate(templateModel('transfers', { products: ['E'], locations: ['X', 'Y'] }, ctx))
    expect(fake.sheetNames()).toEqual(['Sheet1', LISTS_SHEET, 'Receipts', 'Transfers'])
    expect(column(LISTS_SHEET, 'A', 5)).toEqual(['Products (SKU)', 'E', '', '', ''])
    expect(column(LISTS_SHEET, 'B', 4)).toEqual(['Locations (code)', 'X', 'Y', ''])
    expect(fake.names().lotledger_products).toBe(`='${LISTS_SHEET}'!$A$2:$A$2`)
    expect(fake.names().lotledger_locations).toBe(`='${LISTS_SHEET}'!$B$2:$B$3`)
    // The first template's dropdowns read the same names, so they follow the new lists.
    expect(fake.sheet('Receipts').dataValidations[0].rule).toEqual({ list: { inCellDropDown: true, source: '=lotledger_products' } })
    expect(fake.sheet(LISTS_SHEET).visibility).toBe('Hidden')
    expect(fake.activeSheet()).toBe('Transfers')
  })

  it('refuses a sheet name in use, changing nothing, and suggests a free one', async () => {
    fake.addSheet('receipts').set('A1', [['mine']])
    const t = templateModel('receipts', lists, ctx)
    const refused = await insertTemplate(t)
    expect(refused).toEqual({ inserted: false, sheet: 'receipts', suggestion: 'Receipts (2)' })
    expect(fake.sheetNames()).toEqual(['Sheet1', 'receipts'])
    expect(fake.names()).toEqual({})
    expect(fake.sheet('receipts').cell('A1').value).toBe('mine')

    expect(await insertTemplate(t, { sheetName: refused.inserted ? '' : refused.suggestion })).toMatchObject({ inserted: true, sheet: 'Receipts (2)' })
    expect(fake.sheet('Receipts (2)').values('A1:B1')).toEqual([['Id', 'Reference']])
    expect(await insertTemplate(t)).toEqual({ inserted: false, sheet: 'receipts', suggestion: 'Receipts (3)' })
    expect(await insertTemplate(t, { sheetName: 'RECEIPTS (2)' })).toEqual({ inserted: false, sheet: 'Receipts (2)', suggestion: 'Receipts (3)' })
  })

  it('writes long lists in blocks that stay under the request limit', async () => {
    excel.replace({ requestLimit: 400_000 })
    const products = Array.from({ length: 30_000 }, (_, i) => `SKU-${String(i).padStart(6, '0')}`)
    const done = await insertTemplate(templateModel('receipts', { products, locations: ['WH/Stock'] }, ctx), { maxPayloadBytes: 350_000 })
    expect(done.inserted).toBe(true)
    expect(fake.maxRequestBytes()).toBeLessThanOrEqual(400_000)
    expect(fake.stats.requests.every((r) => !r.error)).toBe(true)
    const a = column(LISTS_SHEET, 'A', 30_002)
    expect(a.slice(0, 3)).toEqual(['Products (SKU)', 'SKU-000000', 'SKU-000001'])
    expect(a[30_000]).toBe('SKU-029999')
    expect(a[30_001]).toBe('')
    expect(fake.names().lotledger_products).toBe(`='${LISTS_SHEET}'!$A$2:$A$30001`)
  })

  it('stays under Excel on the web\'s 5 MB per request by default', async () => {
    await insertTemplate(templateModel('adjustments', lists, ctx))
    expect(fake.maxRequestBytes()).toBeLessThan(4_000_000)
  })
})

describe('freeSheetName', () => {
  it('numbers the name, ignoring case, within 31 characters', () => {
    expect(freeSheetName('Receipts', ['Receipts'])).toBe('Receipts (2)')
    expect(freeSheetName('Receipts', ['receipts', 'RECEIPTS (2)'])).toBe('Receipts (3)')
    const long = 'A'.repeat(31)
    expect(freeSheetName(long, [long])).toBe(`${'A'.repeat(27)} (2)`)
  })
})
