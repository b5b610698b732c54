/**
 * An import with several bad rows in one operation says every problem of every row, in row
 * order, in plain words: the rows' own mistakes, the request schema's and the ledger's (every
 * line the plan refused, not only the first). Real files through a real server.
 */
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { problemLines, seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const send = (query: string, name: string, content: string | Buffer) => upload(server.url, api.token, query, name, content)
/** Problems as `row column code: message`. */
const said = problemLines
/** What no message may hold: a request's path, a library's wording, a count with the wrong plural. */
const UNPLAIN = /\b(lines|consume|produce)\[\d+\]|\[\d+\]\.|Invalid input|expected \w+, received|\b1 rows\b|\b1 problems\b/

describe('every problem, every row, in row order', () => {
  it('one delivery with many bad rows: each row says its own, the ledger\'s refusals of every line included', async () => {
    await send('kind=receipts', 'in.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,10\nPO-1,CHEESE,C-1,2\nPO-1,PHONE,SN-1,1\n')
    const rows = [
      ['Reference', 'Customer', 'Product', 'Lot', 'Qty'],
      ['SO-1', 'Shop', 'MILK', null, 1],
      ['SO-1', 'Shop', 'CHEESE', 'C-1', -5],
      ['SO-1', 'Shop', 'MILK', 'M-1', 50],
      ['SO-2', 'Shop', 'NOPE', 'X', 1],
      ['SO-1', 'Shop', 'CHEESE', 'C-1', 9],
      ['SO-1', 'Shop', 'PHONE', 'SN-1', 2],
      ['SO-1', 'Shop', 'BOLT', null, 2],
      ['SO-1', 'Shop', 'MILK', 'M-1', 5],
      ['SO-1', 'Other shop', 'PHONE', 'SN-1', 1],
    ]
    const r = await send('kind=deliveries', 'deliveries.xlsx', await workbook('Deliveries', rows))
    expect(r.status).toBe(422)
    expect(said(r.body)).toEqual([
      '2 D lot_required: MILK is tracked by lot: give the lot',
      '3 E validation_failed: quantity must be greater than 0',
      '4 E insufficient_stock: not enough MILK lot M-1 at WH/Stock: 10 Units available, 50 needed',
      '5 C validation_failed: no product "NOPE" (not a SKU, GTIN or product name)',
      '6 E insufficient_stock: not enough CHEESE lot C-1 at WH/Stock: 2 kg available, 9 needed',
      '7 E validation_failed: a serial moves with quantity exactly 1',
      '8 E insufficient_stock: not enough BOLT at WH/Stock: 0 Units available, 2 needed',
      '10 B invalid_value: Customer is "Other shop" here but "Shop" on the other rows of SO-1: the rows of one operation give one Customer',
    ])
    expect(r.body.error.message).toBe('8 problems: nothing was imported')
    // Each row's Status holds its own problem; the good row is fine but not imported.
    expect(r.body.report.statuses.map((s: any) => `${s.row} ${s.status}`)).toEqual(['2 error', '3 error', '4 error', '5 error', '6 error', '7 error', '8 error', '9 ok', '10 error'])
    expect((await api.get('/operations?reference=SO-1')).body.operations).toEqual([])
  })

  it('a row refused by the request schema does not hide the ledger\'s refusal of another row', async () => {
    const r = await send('kind=deliveries', 'd.csv', 'Reference,Product,Lot,Qty\nSO-1,MILK,M-1,0\nSO-1,BOLT,,4\n')
    expect(said(r.body)).toEqual([
      '2 D validation_failed: quantity must be greater than 0',
      '3 D insufficient_stock: not enough BOLT at WH/Stock: 0 Units available, 4 needed',
    ])
  })

  it('a row with two problems says both, and its Status joins them', async () => {
    const r = await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty,Expiration date\nPO-1,MILK,M-1,abc,2026-02-30\n')
    expect(said(r.body)).toEqual([
      '2 D invalid_value: Quantity: "abc" is not a number',
      '2 E invalid_value: Expiration date: "2026-02-30" is not a real date',
    ])
    expect(r.body.report.statuses).toEqual([{ row: 2, status: 'error', message: 'D: Quantity: "abc" is not a number; E: Expiration date: "2026-02-30" is not a real date' }])
  })
})

describe('messages in plain words', () => {
  it('no request paths, no library wording, and counts with their plural', async () => {
    const answers = [
      await send('kind=receipts', 'r.csv', 'Reference,Product,Lot,Qty\nPO-1,MILK,M-1,-1\n'),
      await send('kind=production', 'p.csv', 'Reference,Consume/Produce,Product,Lot,Qty\nMO-1,consume,MILK,M-1,2\n'),
      await send('kind=adjustments', 'a.csv', 'Reference,Product,Location,Lot,Counted\nC-1,MILK,WH/Stock,M-1,-1\n'),
      await send('kind=lots', 'l.csv', `Product,Lot,Lot reference\nMILK,L-1,${'x'.repeat(300)}\n`),
      await send('kind=production', 'g.csv', 'Reference,Consume/Produce,Product,Lot,Qty,Made from\nMO-2,produce,CHEESE,C-1,1,MILK:\n'),
      await send('kind=products', 'pr.csv', 'SKU,Name,Tracking,Expiration days\nNEW,New,sometimes,-3\n'),
    ]
    const messages = answers.flatMap((a) => [a.body.error.message, ...a.body.report.problems.map((p: any) => p.message)])
    for (const m of messages) expect(m).not.toMatch(UNPLAIN)
    expect(answers[0].body.error.message).toBe('1 problem: nothing was imported')
    expect(answers.map((a) => said(a.body))).toEqual([
      ['2 D validation_failed: quantity must be greater than 0'],
      ['2 - validation_failed: a production needs at least one produce row'],
      ['2 E validation_failed: quantity must be 0 or more'],
      ['2 C validation_failed: Lot reference is too long: at most 128 characters'],
      ['2 F validation_failed: Made from, entry 1, its lot, is empty'],
      ['2 C validation_failed: Tracking must be none, lot or serial', '2 D validation_failed: Expiration days must be at least 0'],
    ])
  })
})
