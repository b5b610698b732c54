import { describe, expect, it } from 'vitest'
import { ourSheets, writeSheet } from '../../../addin/excel'
import { excelSerial } from '../../../shared/dates'
import { DATETIME_FORMAT, DATE_FORMAT, FLAG_COLORS, MONTH_FORMAT } from '../../../shared/sheets/model'
import type { FakeExcel } from '../fake-excel'
import { stockModel, traceModel } from './models'
import { useFakeExcel } from './use-fake-excel'

let fake: FakeExcel
useFakeExcel((f) => (fake = f))

describe('writeSheet: a traceability sheet', () => {
  it('writes title, subtitle, header on row 4 and the rows below, cell by cell', async () => {
    const model = traceModel()
    const result = await writeSheet(model)
    expect(result).toEqual({ rows: 5, syncs: fake.stats.syncs, created: true })
    // New sheet: look-up, heading, one chunk, table and formats.
    expect(result.syncs).toBe(4)

    const s = fake.sheet('Traceability')
    expect(s.cell('A1')).toMatchObject({ value: model.title, bold: true, fontSize: 14 })
    expect(s.cell('A2')).toMatchObject({ value: model.subtitle, fontColor: '#605E5C', bold: false })
    expect(s.values('A3:L3')[0].every((v) => v === '')).toBe(true)
    expect(s.values('A4:L4')).toEqual([model.columns.map((c) => c.header)])
    expect(s.values('A5:C5')).toEqual([['WH/IN/0001', 'MILK', 'Milk 1L']])
    expect(s.values('E5:L5')).toEqual([['L-001', 'WH/Stock', 'Customers', 5, 'Units', 0, 'Upstream', 'Delivery']])
    // Text columns keep lot codes that look like numbers.
    expect(s.cell('E6')).toMatchObject({ value: '00123', numberFormat: '@' })
    expect(s.cell('E9').value).toBe('')
    expect(s.cell('H5')).toMatchObject({ value: 5, numberFormat: 'General' })
    expect(s.values('A10:L10')[0].every((v) => v === '')).toBe(true)
  })

  it('writes dates as Excel serials with the date-time number format', async () => {
    await writeSheet(traceModel())
    const c = fake.sheet('Traceability').cell('D5')
    expect(c.value).toBe(excelSerial('2026-02-01T08:30'))
    expect(c.value).toBeCloseTo(46054.354, 3)
    expect(c.numberFormat).toBe(DATETIME_FORMAT)
    expect(fake.sheet('Traceability').cell('D9').value).toBe(excelSerial('2026-02-05T12:00'))
  })

  it('indents the Reference column by level', async () => {
    await writeSheet(traceModel())
    const s = fake.sheet('Traceability')
    expect(['A5', 'A6', 'A7', 'A8', 'A9'].map((a) => s.cell(a).indent)).toEqual([0, 1, 1, 2, 0])
    expect(s.cell('A6').horizontalAlignment).toBe('Left')
    expect(s.cell('B6').indent).toBe(0)
  })

  it('makes a styled table over header and rows, freezes four rows, sets widths and activates the sheet', async () => {
    await writeSheet(traceModel())
    const s = fake.sheet('Traceability')
    expect(s.tables).toEqual([{ name: 'llTraceability', address: 'A4:L9', style: 'TableStyleMedium2', showFilterButton: true }])
    expect(s.frozenRows).toBe(4)
    // Fitted to the cells: the deepest reference (11 characters, 2 levels in); Operation's header.
    expect(s.columnWidth('A')).toBe(18 * 7)
    expect(s.columnWidth('L')).toBe(11 * 7)
    expect(s.conditionalFormats).toEqual([])
    expect(fake.activeSheet()).toBe('Traceability')
    expect(fake.sheetNames()).toEqual(['Sheet1', 'Traceability'])
  })

  it('remembers the sheet source in the workbook settings', async () => {
    const model = traceModel()
    await writeSheet(model)
    expect(fake.settings()['lotledger.sheets']).toEqual({ Traceability: model.source })
  })
})

describe('writeSheet: flags', () => {
  it('adds expired then alert rules on the data body, expired first and stopping', async () => {
    await writeSheet(stockModel())
    const s = fake.sheet('Stock')
    expect(s.conditionalFormats).toEqual([
      { type: 'Custom', address: 'A5:H8', formula: '=AND($G5<>"",$G5<=TODAY())', fill: FLAG_COLORS.expired, fontColor: FLAG_COLORS.expiredText, stopIfTrue: true },
      { type: 'Custom', address: 'A5:H8', formula: '=AND($H5<>"",$H5<=TODAY())', fill: FLAG_COLORS.alert, fontColor: FLAG_COLORS.alertText, stopIfTrue: false },
    ])
    expect(s.cell('G5')).toMatchObject({ value: excelSerial('2020-01-10'), numberFormat: DATE_FORMAT })
    expect(s.cell('G7')).toMatchObject({ value: '', numberFormat: DATE_FORMAT })
  })

  it('writes a month-only expiry as a real date, its month\'s last day, formatted as the month', async () => {
    const model = stockModel(2)
    // As stockRow writes a lot whose expiration came as a month only.
    model.rows[1][6] = '2099-02'
    await writeSheet(model)
    const s = fake.sheet('Stock')
    expect(s.cell('G6')).toMatchObject({ value: excelSerial('2099-02-28'), numberFormat: MONTH_FORMAT })
    expect(s.cell('G5')).toMatchObject({ value: excelSerial('2020-01-10'), numberFormat: DATE_FORMAT })
  })
})

describe('writeSheet: refresh in place', () => {
  it('reuses the sheet and its position, with no stale rows, table or formats', async () => {
    await writeSheet(stockModel(5))
    fake.addSheet('Notes')
    fake.sheet('Stock').set('M20', [['scribble']])
    expect(fake.sheet('Stock').usedAddress()).toBe('A1:M20')

    const result = await writeSheet(stockModel(2))
    expect(fake.sheetNames()).toEqual(['Sheet1', 'Stock', 'Notes'])
    const s = fake.sheet('Stock')
    expect(s.usedAddress()).toBe('A1:H6')
    expect(s.values('A7:H9').flat().every((v) => v === '')).toBe(true)
    expect(s.tables).toEqual([{ name: 'llStock', address: 'A4:H6', style: 'TableStyleMedium2', showFilterButton: true }])
    expect(s.conditionalFormats.map((c) => c.address)).toEqual(['A5:H6', 'A5:H6'])
    expect(s.frozenRows).toBe(4)
    // Refresh adds one look-up of the old tables.
    expect(result).toMatchObject({ syncs: 5, created: false })
  })

  it('refreshes a sheet whose name differs only in case, under its own name', async () => {
    fake.addSheet('stock').set('A1', [['old']])
    await writeSheet(stockModel())
    expect(fake.sheetNames()).toEqual(['Sheet1', 'stock'])
    expect(fake.sheet('stock').cell('A1').value).toBe(stockModel().title)
    expect(await ourSheets()).toEqual([{ name: 'stock', source: { kind: 'stock' } }])
  })

  it('picks another table name when ours is taken by a table on another sheet', async () => {
    fake.sheet('Sheet1').set('A1', [['x'], [1]])
    await fake.Excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:A2', true)
      t.name = 'llStock'
      await ctx.sync()
    })
    await writeSheet(stockModel())
    expect(fake.sheet('Stock').tables.map((t) => t.name)).toEqual(['llStock_2'])
    await writeSheet(stockModel())
    expect(fake.sheet('Stock').tables.map((t) => t.name)).toEqual(['llStock_2'])
  })

  it('writes an empty model as a header with one blank body row', async () => {
    const model = { ...stockModel(), rows: [] }
    const progress: Array<[number, number]> = []
    const result = await writeSheet(model, { onProgress: (w, t) => progress.push([w, t]) })
    expect(result.rows).toBe(0)
    expect(fake.sheet('Stock').tables[0].address).toBe('A4:H5')
    expect(fake.sheet('Stock').conditionalFormats).toEqual([])
    expect(progress).toEqual([[0, 0]])
  })
})

describe('ourSheets', () => {
  it('lists the sheets written, in workbook order, and forgets deleted ones', async () => {
    await writeSheet(stockModel())
    await writeSheet(traceModel())
    expect(await ourSheets()).toEqual([
      { name: 'Stock', source: { kind: 'stock' } },
      { name: 'Traceability', source: traceModel().source },
    ])
    fake.deleteSheet('Stock')
    expect(await ourSheets()).toEqual([{ name: 'Traceability', source: traceModel().source }])
    // The next write drops the deleted sheet from the settings too.
    await writeSheet(traceModel())
    expect(Object.keys(fake.settings()['lotledger.sheets'] as object)).toEqual(['Traceability'])
  })

  it('is empty in a workbook without our setting, and survives a garbled one', async () => {
    expect(await ourSheets()).toEqual([])
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.settings.add('lotledger.sheets', '{not json')
      await ctx.sync()
    })
    expect(await ourSheets()).toEqual([])
  })
})
