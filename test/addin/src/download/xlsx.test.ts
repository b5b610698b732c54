import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { sheetToXlsx } from '../../../../addin/src/download/xlsx'
import type { SheetModel } from '../../../../shared/sheets/model'

const model: SheetModel = {
  name: 'Lots', table: 'llLots', title: 'Lots and serial numbers', subtitle: 'Workspace acme · 2 rows',
  columns: [
    { header: 'Lot/Serial', kind: 'text', width: 18 }, { header: 'Expiration', kind: 'date', width: 12 },
    { header: 'Alert', kind: 'date', width: 12 }, { header: 'Created', kind: 'datetime', width: 17 }, { header: 'On hand', kind: 'number', width: 10 },
  ],
  rows: [['L1', '2026-06-20', '2026-06-17', '2026-06-01T08:30', 7], ['L2', null, null, '2026-06-02T00:00', 0]],
  indent: { column: 0, levels: [0, 2] },
  flags: { expired: 1, alert: 2 },
  source: { kind: 'lots' },
}

describe('the downloaded .xlsx', () => {
  it('holds the same sheet: title, table, real dates with formats, frozen header, flags', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await sheetToXlsx(model)) as never)
    const ws = wb.getWorksheet('Lots')!
    expect(ws.getCell('A1').value).toBe('Lots and serial numbers')
    expect(ws.getCell('A1').font.bold).toBe(true)
    expect(ws.getCell('A2').value).toBe('Workspace acme · 2 rows')
    expect(ws.getRow(4).values).toEqual([undefined, 'Lot/Serial', 'Expiration', 'Alert', 'Created', 'On hand'])
    const expiration = ws.getCell('B5')
    expect(expiration.value).toEqual(new Date(Date.UTC(2026, 5, 20)))
    expect(expiration.numFmt).toBe('yyyy-mm-dd')
    expect(ws.getCell('D5').value).toEqual(new Date(Date.UTC(2026, 5, 1, 8, 30)))
    expect(ws.getCell('D5').numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(ws.getCell('B6').value).toBeNull()
    expect(ws.getCell('E6').value).toBe(0)
    expect(ws.getCell('A6').alignment?.indent).toBe(2)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 })
    expect(ws.getTable('llLots')).toBeTruthy()
    const cf = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings
    expect(cf[0].ref).toBe('A5:E6')
    expect(cf[0].rules.map((r) => r.formulae[0])).toEqual(['AND($B5<>"",$B5<=TODAY())', 'AND($C5<>"",$C5<=TODAY())'])
    expect(ws.getColumn(1).width).toBe(18)
  })
})
