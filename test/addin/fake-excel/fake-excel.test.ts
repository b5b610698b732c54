import { describe, expect, it } from 'vitest'
import { createFakeExcel } from './index'

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p
  } catch (e) {
    return (e as { code?: string }).code
  }
  return undefined
}

describe('fake Excel: load and sync discipline', () => {
  it('throws PropertyNotLoaded on a read before load and sync, and counts syncs', async () => {
    const fake = createFakeExcel()
    fake.sheet('Sheet1').set('A1', [['hello']])
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1')
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      r.load('values')
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      await ctx.sync()
      expect(r.values).toEqual([['hello']])
      expect(() => r.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }))
    })
    expect(fake.stats.syncs).toBe(1)
    expect(fake.stats.runs).toBe(1)
  })

  it('applies writes only at sync, in order, and Excel.run sends what is left', async () => {
    const fake = createFakeExcel()
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange('B2:C2')
      r.values = [['a', 1]]
      expect(fake.sheet('Sheet1').cell('B2').value).toBe('')
      await ctx.sync()
      expect(fake.sheet('Sheet1').values('B2:C2')).toEqual([['a', 1]])
      r.format.font.bold = true
    })
    expect(fake.sheet('Sheet1').cell('C2').bold).toBe(true)
    expect(fake.stats.syncs).toBe(2)
  })

  it('gives isNullObject only after a sync', async () => {
    const fake = createFakeExcel()
    await fake.Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope')
      const there = ctx.workbook.worksheets.getItemOrNullObject('sheet1')
      expect(() => missing.isNullObject).toThrow()
      await ctx.sync()
      expect(missing.isNullObject).toBe(true)
      expect(there.isNullObject).toBe(false)
    })
  })

  it('fails a getItem on a missing sheet with ItemNotFound and a duplicate add with ItemAlreadyExists', async () => {
    const fake = createFakeExcel()
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Nope').load('name')
      await ctx.sync()
    }))).toBe('ItemNotFound')
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('SHEET1')
      await ctx.sync()
    }))).toBe('ItemAlreadyExists')
  })

  it('refuses a values array of the wrong shape', async () => {
    const fake = createFakeExcel()
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]]
      await ctx.sync()
    }))).toBe('InvalidArgument')
  })
})

describe('fake Excel: payload limits', () => {
  it('refuses a request above the limit with RequestPayloadSizeLimitExceeded and applies none of it', async () => {
    const fake = createFakeExcel({ requestLimit: 10_000 })
    const big = Array.from({ length: 1000 }, (_, i) => [`row ${i} with some text`, i])
    const code = await codeOf(fake.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1')
      sheet.load('name')
      await ctx.sync()
      const r = sheet.getRangeByIndexes(0, 0, 1000, 2)
      r.values = big
      try {
        await ctx.sync()
      } catch (e) {
        // The context stays usable, objects from before too; the failed batch's objects do not.
        sheet.getRange('A1').values = [['small']]
        await ctx.sync()
        r.load('values')
        await ctx.sync()
        throw e
      }
    }))
    expect(code).toBe('InvalidObjectPath')
    const failed = fake.stats.requests.find((r) => r.error === 'RequestPayloadSizeLimitExceeded')
    expect(failed?.requestBytes).toBeGreaterThan(10_000)
    expect(fake.sheet('Sheet1').values('A1:B2')).toEqual([['small', ''], ['', '']])
  })

  it('counts request bytes from the JSON of the values plus a per-call overhead', async () => {
    const fake = createFakeExcel()
    const values = [['abc', 1], ['de', 2]]
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = values
      await ctx.sync()
    })
    const bytes = fake.stats.requests[0].requestBytes
    expect(bytes).toBeGreaterThan(JSON.stringify(values).length)
    expect(bytes).toBeLessThan(JSON.stringify(values).length + 1_000)
  })

  it('refuses a response above the limit with ResponsePayloadSizeLimitExceeded', async () => {
    const fake = createFakeExcel({ responseLimit: 5_000 })
    fake.sheet('Sheet1').set('A1', Array.from({ length: 500 }, (_, i) => [`value number ${i}`]))
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A500').load('values')
      await ctx.sync()
    }))).toBe('ResponsePayloadSizeLimitExceeded')
  })
})

describe('fake Excel: cells, tables, formats', () => {
  it('turns numeric text into numbers unless the cell is text-formatted', async () => {
    const fake = createFakeExcel()
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('Sheet1')
      s.getRange('A1:B1').values = [['00123', 'TRUE']]
      const b = s.getRange('A2:B2')
      b.numberFormat = [['@', '@']]
      b.values = [['00123', 'TRUE']]
      await ctx.sync()
    })
    expect(fake.sheet('Sheet1').values('A1:B2')).toEqual([[123, true], ['00123', 'TRUE']])
  })

  it('finds the surrounding region, bounded by blank rows and columns', async () => {
    const fake = createFakeExcel()
    fake.sheet('Sheet1').set('A1', [['Title']]).set('B3', [['h1', 'h2'], [1, 2], [3, 4]]).set('E3', [['apart']])
    const address = await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('C5').getSurroundingRegion()
      r.load('address')
      await ctx.sync()
      return r.address
    })
    expect(address).toBe('Sheet1!B3:C5')
  })

  it('adds tables with unique names, and deletes them with their cells', async () => {
    const fake = createFakeExcel({ sheets: ['My data'] })
    fake.sheet('My data').set('A1', [['h1', 'h2'], [1, 2]])
    await fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('My data')
      const t = s.tables.add(s.getRange('A1:B2'), true)
      t.name = 'llTest'
      await ctx.sync()
    })
    expect(fake.sheet('My data').tables).toEqual([{ name: 'llTest', address: 'A1:B2', style: 'TableStyleMedium2', showFilterButton: true }])
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('My data')
      s.getRange('D1:D2').values = [['h'], [1]]
      s.tables.add('D1:D2', true).name = 'LLTEST'
      await ctx.sync()
    }))).toBe('ItemAlreadyExists')
    await fake.Excel.run(async (ctx) => {
      const tables = ctx.workbook.tables
      tables.load('items/name')
      await ctx.sync()
      for (const t of tables.items) t.delete()
      await ctx.sync()
    })
    expect(fake.sheet('My data').tables).toEqual([])
    expect(fake.sheet('My data').usedAddress()).toBeNull()
  })

  it('puts a new conditional format at the top priority', async () => {
    const fake = createFakeExcel()
    await fake.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A2:C9')
      for (const f of ['=$A2>1', '=$A2>2']) {
        const cf = r.conditionalFormats.add('Custom')
        cf.custom.rule.formula = f
        cf.custom.format.fill.color = '#FF0000'
      }
      await ctx.sync()
    })
    expect(fake.sheet('Sheet1').conditionalFormats.map((c) => c.formula)).toEqual(['=$A2>2', '=$A2>1'])
  })

  it('keeps settings, sheets positions and frozen panes, and dumps the workbook', async () => {
    const fake = createFakeExcel({ sheets: ['A', 'B'] })
    fake.sheet('B').set('C3', [['x']])
    const seen = await fake.Excel.run(async (ctx) => {
      const book = ctx.workbook
      book.settings.add('k', { a: [1, 2] })
      const missing = book.settings.getItemOrNullObject('nope')
      const used = book.worksheets.getItem('A').getUsedRangeOrNullObject()
      const usedB = book.worksheets.getItem('B').getUsedRangeOrNullObject(true)
      usedB.load('address')
      const b = book.worksheets.getItem('B')
      b.position = 0
      b.freezePanes.freezeRows(4)
      b.activate()
      await ctx.sync()
      const setting = book.settings.getItem('k')
      setting.load('value')
      const sheets = book.worksheets
      sheets.load('items/name,items/position')
      await ctx.sync()
      return { missing: missing.isNullObject, used: used.isNullObject, usedB: usedB.address, value: setting.value, sheets: sheets.items.map((s) => [s.name, s.position]) }
    })
    expect(seen).toEqual({ missing: true, used: true, usedB: 'B!C3', value: { a: [1, 2] }, sheets: [['B', 0], ['A', 1]] })
    expect(fake.sheet('B').frozenRows).toBe(4)
    expect(fake.activeSheet()).toBe('B')
    expect(fake.dump()).toEqual({
      active: 'B',
      sheets: [
        { name: 'B', frozenRows: 4, cells: { C3: 'x' }, tables: [], conditionalFormats: [] },
        { name: 'A', frozenRows: 0, cells: {}, tables: [], conditionalFormats: [] },
      ],
      settings: { k: { a: [1, 2] } },
    })
  })
})

describe('fake Excel: data validation, names and sheet visibility', () => {
  it('keeps a list rule with its alert, reads it back after a sync, and refuses an inline list over 255 characters', async () => {
    const fake = createFakeExcel()
    const seen = await fake.Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1')
      const range = sheet.getRange('B2:B10')
      range.dataValidation.rule = { list: { inCellDropDown: true, source: '=Things' } }
      range.dataValidation.errorAlert = { showAlert: true, style: 'Warning', title: 'T', message: 'M' }
      const dv = range.dataValidation
      dv.load('type,rule,errorAlert,ignoreBlanks')
      const part = sheet.getRange('B2:B3').dataValidation
      part.load('type')
      const mixed = sheet.getRange('A1:B2').dataValidation
      mixed.load('type')
      await ctx.sync()
      return { type: dv.type, rule: dv.rule, alert: dv.errorAlert, blanks: dv.ignoreBlanks, part: part.type, mixed: mixed.type }
    })
    expect(seen).toEqual({
      type: 'List', rule: { list: { inCellDropDown: true, source: '=Things' } }, alert: { showAlert: true, style: 'Warning', title: 'T', message: 'M' },
      blanks: true, part: 'List', mixed: 'Inconsistent',
    })
    expect(fake.sheet('Sheet1').dataValidations.map((v) => v.address)).toEqual(['B2:B10'])
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('C1').dataValidation.rule = { list: { inCellDropDown: true, source: 'x,'.repeat(128) } }
      await ctx.sync()
    }))).toBe('InvalidArgument')
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B5:B20').dataValidation.rule = { list: { inCellDropDown: true, source: '=Other' } }
      await ctx.sync()
    }))).toBe('NotImplemented')
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B:B').dataValidation.clear()
      await ctx.sync()
    })
    expect(fake.sheet('Sheet1').dataValidations).toEqual([])
  })

  it('adds, reads and changes workbook names, refusing bad or taken ones', async () => {
    const fake = createFakeExcel({ sheets: ['My data'] })
    const formula = await fake.Excel.run(async (ctx) => {
      const names = ctx.workbook.names
      names.add('things', ctx.workbook.worksheets.getItem('My data').getRange('A2:A5'))
      names.add('other', '=Sheet9!$B$1')
      await ctx.sync()
      const item = names.getItem('THINGS')
      item.load('formula')
      const missing = names.getItemOrNullObject('nope')
      await ctx.sync()
      names.getItem('other').formula = '=Sheet9!$B$2'
      return { formula: item.formula, missing: missing.isNullObject }
    })
    expect(formula).toEqual({ formula: "='My data'!$A$2:$A$5", missing: true })
    expect(fake.names()).toEqual({ things: "='My data'!$A$2:$A$5", other: '=Sheet9!$B$2' })
    for (const bad of ['A1', '1x', 'has space']) {
      expect(await codeOf(fake.Excel.run(async (ctx) => {
        ctx.workbook.names.add(bad, '=1')
        await ctx.sync()
      })), bad).toBe('InvalidArgument')
    }
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.names.add('Things', '=1')
      await ctx.sync()
    }))).toBe('ItemAlreadyExists')
  })

  it('hides a sheet (not the last visible one), hands the active sheet over and will not activate a hidden one', async () => {
    const fake = createFakeExcel({ sheets: ['A', 'B'] })
    await fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('A').visibility = 'Hidden'
      const b = ctx.workbook.worksheets.getItem('B')
      b.load('visibility')
      await ctx.sync()
      expect(b.visibility).toBe('Visible')
    })
    expect(fake.sheet('A').visibility).toBe('Hidden')
    expect(fake.activeSheet()).toBe('B')
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('B').visibility = 'Hidden'
      await ctx.sync()
    }))).toBe('InvalidOperation')
    expect(await codeOf(fake.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('A').activate()
      await ctx.sync()
    }))).toBe('InvalidOperation')
  })
})
