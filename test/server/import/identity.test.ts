/**
 * An imported operation is known by what its rows say, not by the file's name or the rows'
 * places: Save As, sorting and inserting rows leave it recognised row by row, while a new
 * operation under an old reference imports. Real .xlsx files through a real server.
 */
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`)
const HEADER = ['Reference', 'Date', 'Supplier', 'Product', 'Lot', 'Qty']
const PO_1042 = [
  ['PO-1042', day('2026-11-20'), 'Dairy Co', 'MILK', 'M-1', 120],
  ['PO-1042', day('2026-11-20'), 'Dairy Co', 'CHEESE', 'C-1', 5],
]
const PO_1043 = ['PO-1043', day('2026-11-21'), 'Mill', 'FLOUR', 'F-1', 50]

const receipts = async (name: string, rows: unknown[][], header = HEADER) => upload(server.url, api.token, 'kind=receipts', name, await workbook('Receipts', [header, ...rows]))
const onHand = async (product: string) => (await api.get(`/stock?product=${product}`)).body.quants.reduce((s: number, q: { qty: number }) => s + q.qty, 0)
const operations = async (reference: string) => (await api.get(`/operations?reference=${reference}`)).body.operations as Array<{ id: string; date: string; moveCount: number }>
/** Each row's outcome as `row status`. */
const statuses = (body: any) => body.report.statuses.map((s: { row: number; status: string }) => `${s.row} ${s.status}`)

describe('an imported operation is known by what it says', () => {
  it('the same workbook saved under another name is recognised: nothing imported twice', async () => {
    expect((await receipts('receipts.xlsx', [...PO_1042, PO_1043])).body.report).toMatchObject({ applied: true, counts: { created: 2 } })
    const copy = await receipts('receipts - Copy.xlsx', [...PO_1042, PO_1043])
    expect(copy.status).toBe(200)
    expect(copy.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 2 }, problems: [] })
    expect(statuses(copy.body)).toEqual(['2 unchanged', '3 unchanged', '4 unchanged'])
    expect(await onHand('MILK')).toBe(120)
    expect(await operations('PO-1042')).toHaveLength(1)
  })

  it('its rows sorted otherwise are recognised, each row Already imported', async () => {
    await receipts('receipts.xlsx', [...PO_1042, PO_1043])
    // Sorted by product: CHEESE, FLOUR, MILK; PO-1042's rows are no longer together.
    const sorted = await receipts('receipts.xlsx', [PO_1042[1], PO_1043, PO_1042[0]])
    expect(sorted.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 2 }, problems: [] })
    expect(statuses(sorted.body)).toEqual(['2 unchanged', '3 unchanged', '4 unchanged'])
    expect(await onHand('MILK')).toBe(120)
    expect(await onHand('CHEESE')).toBe(5)
  })

  it('a row inserted at the top imports alone; the rows moved down are recognised', async () => {
    await receipts('receipts.xlsx', [...PO_1042, PO_1043])
    const inserted = await receipts('receipts.xlsx', [['PO-1044', day('2026-11-26'), 'Dairy Co', 'MILK', 'M-2', 10], ...PO_1042, PO_1043])
    expect(inserted.status, JSON.stringify(inserted.body.report.problems)).toBe(200)
    expect(inserted.body.report).toMatchObject({ applied: true, counts: { created: 1, unchanged: 2 }, problems: [] })
    expect(statuses(inserted.body)).toEqual(['2 ok', '3 unchanged', '4 unchanged', '5 unchanged'])
    expect(await onHand('MILK')).toBe(130)
    // A blank row inserted at the top moves every row down: still all recognised.
    const blank = await receipts('receipts.xlsx', [[], ['PO-1044', day('2026-11-26'), 'Dairy Co', 'MILK', 'M-2', 10], ...PO_1042, PO_1043])
    expect(blank.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 3 } })
    expect(await onHand('MILK')).toBe(130)
  })

  it('a second partial receipt of PO-1042 on another day imports, in a file of its own or below the first', async () => {
    await receipts('receipts.xlsx', PO_1042)
    const second = await receipts('PO-1042 second delivery.xlsx', [['PO-1042', day('2026-11-27'), 'Dairy Co', 'MILK', 'M-1', 60]])
    expect(second.body.report).toMatchObject({ applied: true, counts: { created: 1, unchanged: 0 }, problems: [] })
    expect(await onHand('MILK')).toBe(180)
    // The running sheet: the first delivery's rows, then the third's; only the third is new.
    const running = await receipts('receipts.xlsx', [...PO_1042, ['PO-1042', day('2026-11-28'), 'Dairy Co', 'MILK', 'M-3', 40]])
    expect(running.body.report).toMatchObject({ applied: true, counts: { created: 1, unchanged: 1 }, problems: [] })
    expect(statuses(running.body)).toEqual(['2 unchanged', '3 unchanged', '4 ok'])
    expect((await operations('PO-1042')).map((o) => [o.date.slice(0, 10), o.moveCount]).sort()).toEqual([['2026-11-20', 2], ['2026-11-27', 1], ['2026-11-28', 1]])
    expect(await onHand('MILK')).toBe(220)
  })

  it('other lines under an old reference and date import; an edited line of an imported one is refused on its cell', async () => {
    await receipts('receipts.xlsx', PO_1042)
    const other = await receipts('late lines.xlsx', [['PO-1042', day('2026-11-20'), 'Dairy Co', 'FLOUR', 'F-9', 25]])
    expect(other.body.report).toMatchObject({ applied: true, counts: { created: 1 }, problems: [] })
    expect(await onHand('FLOUR')).toBe(25)
    const edited = await receipts('receipts.xlsx', [PO_1042[0], ['PO-1042', day('2026-11-20'), 'Dairy Co', 'CHEESE', 'C-1', 7]])
    expect(edited.status).toBe(422)
    expect(edited.body.report.problems).toEqual([{
      sheet: 'Receipts', row: 3, column: 'F', code: 'exists_with_different_fields',
      message: 'Qty was 5 when PO-1042 of 2026-11-20 was imported, now 7: an import never changes an operation already imported (correct it with a count or a return)',
    }])
    expect(await onHand('CHEESE')).toBe(5)
  })

  it('a row without a date belongs with its reference\'s rows when they give one date, and is asked for its own when they give several', async () => {
    const joined = await receipts('receipts.xlsx', [...PO_1042, ['PO-1042', null, 'Dairy Co', 'FLOUR', 'F-1', 3]])
    expect(joined.body.report).toMatchObject({ applied: true, counts: { created: 1 }, problems: [] })
    expect((await operations('PO-1042')).map((o) => o.moveCount)).toEqual([3])
    const rows = [['PO-2000', day('2026-11-20'), 'Mill', 'FLOUR', 'F-2', 1], ['PO-2000', day('2026-11-27'), 'Mill', 'FLOUR', 'F-3', 1], ['PO-2000', null, 'Mill', 'FLOUR', 'F-4', 3]]
    const asked = await receipts('receipts.xlsx', rows)
    expect(asked.status).toBe(422)
    expect(asked.body.report.problems).toEqual([{
      sheet: 'Receipts', row: 4, column: 'B', code: 'missing_value',
      message: 'rows of PO-2000 are dated 2026-11-20, 2026-11-27: give this row\'s date (the rows of one reference and date make one operation)',
    }])
  })

  it('an operation recorded before, in the pane or by an import under an id from its file name, is recognised by its content', async () => {
    const request = { type: 'receipt', reference: 'PO-1042', date: '2026-11-20', partner: 'Dairy Co', lines: [{ product: 'MILK', lot: 'M-1', qty: 120 }, { product: 'CHEESE', lot: 'C-1', qty: 5 }] }
    expect((await api.post('/operations', { ...request, id: 'imp-0123456789ab-r2' })).status).toBe(201)
    const again = await receipts('receipts.xlsx', [PO_1042[1], PO_1042[0]])
    expect(again.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 1 }, problems: [] })
    expect(await onHand('MILK')).toBe(120)
  })

  it('an Id column wins: the same Id is the same operation wherever its rows sit, another Id another operation', async () => {
    const header = ['Id', ...HEADER]
    const rows = [['rcv-1', ...PO_1042[0]], ['rcv-1', ...PO_1042[1]], ['rcv-2', ...PO_1043]]
    expect((await receipts('receipts.xlsx', rows, header)).body.report).toMatchObject({ applied: true, counts: { created: 2 } })
    expect((await operations('PO-1042')).map((o) => o.id)).toEqual(['rcv-1'])
    const moved = await receipts('receipts - Copy.xlsx', [rows[2], rows[1], rows[0]], header)
    expect(moved.body.report).toMatchObject({ applied: true, counts: { created: 0, unchanged: 2 }, problems: [] })
    // The same content under another Id is another operation: the Id says so.
    const another = await receipts('receipts.xlsx', [['rcv-3', ...PO_1043]], header)
    expect(another.body.report).toMatchObject({ applied: true, counts: { created: 1 } })
    expect(await onHand('FLOUR')).toBe(100)
    // The same Id with other content is an edit, refused on the cell that changed.
    const edited = await receipts('receipts.xlsx', [['rcv-2', ...PO_1043.slice(0, 5), 49]], header)
    expect(edited.status).toBe(422)
    expect(edited.body.report.problems).toMatchObject([{ row: 2, column: 'G', code: 'exists_with_different_fields' }])
    // Rows of one Id that give two dates are one operation that disagrees with itself.
    const split = await receipts('receipts.xlsx', [['rcv-9', ...PO_1043], ['rcv-9', 'PO-1043', day('2026-11-22'), 'Mill', 'FLOUR', 'F-2', 5]], header)
    expect(split.status).toBe(422)
    expect(split.body.report.problems).toMatchObject([{ row: 3, column: 'A', code: 'invalid_value' }])
  })
})
