/**
 * The receipts import's FSMA 204 columns (Harvest farm, Harvest field, Harvest date, Cooling
 * location, Cooling date, Packing location, Packing date) from real .xlsx files through a real
 * server: recorded as the receipt's `kdes`, the same on every row of one receipt, dates read as
 * the import's other dates, every problem on its cell, never imported twice nor edited.
 */
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { problemLines, seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'
import { download, readWorkbook } from '../exports/helpers'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const HEADER = ['Reference', 'Date', 'Supplier', 'Product', 'Lot', 'Qty', 'Harvest farm', 'Harvest field', 'Harvest date', 'Cooling location', 'Cooling date', 'Packing location', 'Packing date']
const FARM = 'Green Acres Farm, 400 Ranch Rd, Salinas'
const send = async (rows: unknown[][]) => upload(server.url, api.token, 'kind=receipts', 'receipts.xlsx', await workbook('Receipts', rows))
/** The kdes of each receipt of `reference`, as the ledger recorded them. */
async function recorded(reference: string): Promise<unknown[]> {
  const listed: Array<{ id: string }> = (await api.get(`/operations?reference=${reference}&type=receipt`)).body.operations
  return Promise.all(listed.map(async (o) => (await api.get(`/operations/${o.id}`)).body.operation.request.kdes))
}

describe('importing receipts with their FSMA 204 KDEs', () => {
  it('records the KDE columns as the receipt\'s kdes: any row may give them, the others leave them empty; Excel dates and text dates alike', async () => {
    const rows = [
      HEADER,
      // A real Excel date, a day-first date as the workspace reads them, and ISO text.
      ['PO-1', '2026-11-20', 'Green Acres', 'MILK', 'M-1', 10, FARM, 'Block 7', new Date(Date.UTC(2026, 10, 18)), null, null, null, null],
      ['PO-1', '2026-11-20', 'Green Acres', 'MILK', 'M-2', 5, null, null, null, 'Green Acres cooler', '18/11/2026', 'Valley packhouse', '2026-11-19'],
      ['PO-1', '2026-11-20', 'Green Acres', 'MILK', 'M-3', 5, FARM, null, '2026-11-18', null, null, null, null],
      ['PO-2', '2026-11-20', 'Dairy Co', 'MILK', 'M-4', 1, null, null, null, null, null, null, null],
    ]
    const r = await send(rows)
    expect(problemLines(r.body)).toEqual([])
    expect(r.status).toBe(200)
    expect(await recorded('PO-1')).toEqual([{
      harvest: { farm: FARM, field: 'Block 7', date: '2026-11-18' },
      cooling: { location: 'Green Acres cooler', date: '2026-11-18' },
      initialPacking: { location: 'Valley packhouse', date: '2026-11-19' },
    }])
    expect(await recorded('PO-2')).toEqual([undefined])

    // The FSMA 204 records hold them: a sheet per event the receipt recorded, of each of its lots.
    const milk = (await api.get('/products/MILK')).body
    expect((await api.put('/products/MILK', { name: milk.name, uom: milk.uom, tracking: milk.tracking, expiry: milk.expiry, foodTraceabilityList: true })).status).toBe(200)
    const wb = await readWorkbook((await download(server.url, api, 'fsma204.xlsx?after=2026-11-01')).bytes)
    const lots = (name: string) => wb.getWorksheet(name)?.getSheetValues().flatMap((row) => (Array.isArray(row) && row[row.length - 1] === 'PO-1' ? [row[1]] : [])) ?? []
    for (const name of ['Harvesting', 'Cooling', 'Initial packing']) expect(lots(name), name).toEqual(['M-1', 'M-2', 'M-3'])

    // The same file again: already imported. Another cooling location: an edit, refused on its cell.
    const again = await send(rows)
    expect(again.body.report.counts).toEqual({ created: 0, updated: 0, unchanged: 2 })
    const edited = await send(rows.map((row) => (row[9] === 'Green Acres cooler' ? row.map((v) => (v === 'Green Acres cooler' ? 'Cold store 2' : v)) : row)))
    expect(edited.status).toBe(422)
    expect(problemLines(edited.body)).toEqual([
      '2 J exists_with_different_fields: Cooling location was "Green Acres cooler" when PO-1 of 2026-11-20 was imported, now "Cold store 2": an import never changes an operation already imported (correct it with a count or a return)',
    ])
  })

  it('names on its cell every row that gives a receipt another KDE, a KDE without its pair, and a date it cannot read; imports nothing', async () => {
    const r = await send([
      HEADER,
      ['PO-3', '2026-11-20', 'Green Acres', 'MILK', 'M-1', 10, FARM, null, '2026-11-18', null, null, null, null],
      ['PO-3', '2026-11-20', 'Green Acres', 'MILK', 'M-2', 10, 'Other Farm', null, '2026-11-17', null, null, null, null],
      ['PO-4', '2026-11-20', 'Green Acres', 'MILK', 'M-3', 10, null, null, null, 'Green Acres cooler', null, null, null],
      ['PO-5', '2026-11-20', 'Green Acres', 'MILK', 'M-4', 10, null, null, null, null, null, 'Valley packhouse', '11/27/2026'],
    ])
    expect(r.status).toBe(422)
    expect(problemLines(r.body)).toEqual([
      '3 G invalid_value: Harvest farm is "Other Farm" here but "Green Acres Farm, 400 Ranch Rd, Salinas" on the other rows of PO-3: the rows of one operation give one Harvest farm',
      '3 I invalid_value: Harvest date is "2026-11-17" here but "2026-11-18" on the other rows of PO-3: the rows of one operation give one Harvest date',
      '4 K validation_failed: Cooling date is required',
      '5 M invalid_value: Packing date: "11/27/2026" is not a real day-first (DD/MM/YYYY) date',
    ])
    expect((await api.get('/operations?reference=PO-3&type=receipt')).body.operations).toEqual([])
  })

  it('reads KDE columns by the names people give them, and names a missing pair by its template header when the file has no such column', async () => {
    const r = await send([
      ['PO', 'Item', 'Batch', 'Qty', 'Farm', 'Harvested', 'Cooled at'],
      ['PO-6', 'MILK', 'M-1', 3, FARM, '2026-11-18', 'Green Acres cooler'],
    ])
    expect(problemLines(r.body)).toEqual(['2 - validation_failed: Cooling date is required'])
    const fixed = await send([
      ['PO', 'Item', 'Batch', 'Qty', 'Farm', 'Harvested', 'Cooled at', 'Date cooled'],
      ['PO-6', 'MILK', 'M-1', 3, FARM, '2026-11-18', 'Green Acres cooler', '2026-11-18'],
    ])
    expect(problemLines(fixed.body)).toEqual([])
    expect(await recorded('PO-6')).toEqual([{ harvest: { farm: FARM, date: '2026-11-18' }, cooling: { location: 'Green Acres cooler', date: '2026-11-18' } }])
  })
})
