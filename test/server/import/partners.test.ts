/**
 * The partners import: suppliers, farms and customers as operations name them, with what FSMA 204
 * records need, from a real .xlsx through a real server. Created or replaced per row, never
 * twice, in the audit, every problem of every row on its cell; and the locations import's GLN and
 * FDA registration columns.
 */
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { problemLines, seededServerPerTest } from '../../helpers/seeded-server'
import { upload, workbook } from '../../helpers/upload'
import { exportSheet, rowValues } from '../exports/helpers'

let server: TestServer
let admin: Client

seededServerPerTest((s) => ((server = s), (admin = s.admin)))

const HEADER = ['Code', 'Name', 'Kind', 'Phone', 'Address', 'GLN', 'FDA registration']
const send = async (rows: unknown[][], query = 'kind=partners', as = admin) =>
  upload(server.url, as.token, query, 'partners.xlsx', await workbook('Partners', rows))
const partner = async (code: string) => (await admin.get(`/partners/${encodeURIComponent(code)}`)).body

describe('importing partners', () => {
  it('creates partners from a workbook, then says Already imported and writes nothing for the same file', async () => {
    const rows = [
      HEADER,
      ['Green Acres', 'Green Acres Farm LLC', 'Farm', '+1 555 0100', '1 Farm Road, Salinas, CA 93901, US', '0614141000005', null],
      ['Fresh Co', 'Fresh Co Distributors', 'exempt supplier', '+1 555 0101', '9 Dock St, Oakland, CA, US', null, '12345678901'],
      ['Shop 1', 'Corner Shop', 'customer', null, '3 High St, Reno, NV, US', null, null],
    ]
    const first = await send(rows)
    expect(problemLines(first.body)).toEqual([])
    expect(first.status).toBe(200)
    expect(first.body.report.counts).toEqual({ created: 3, updated: 0, unchanged: 0 })
    expect(await partner('Green Acres')).toMatchObject({
      code: 'Green Acres', name: 'Green Acres Farm LLC', kind: 'farm', phone: '+1 555 0100', address: '1 Farm Road, Salinas, CA 93901, US', gln: '0614141000005', fdaRegistration: null,
    })
    expect(await partner('Fresh Co')).toMatchObject({ kind: 'exempt_supplier', fdaRegistration: '12345678901', gln: null })
    expect(await partner('Shop 1')).toMatchObject({ kind: 'customer', phone: null })

    const seq = (await admin.get('/changes')).body.seq
    const again = await send(rows)
    expect(again.status).toBe(200)
    expect(again.body.report.counts).toEqual({ created: 0, updated: 0, unchanged: 3 })
    expect(again.body.report.statuses.map((s: { status: string }) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect((await admin.get('/changes')).body.seq).toBe(seq)
  })

  it('replaces a partner by its row; a column the file leaves out keeps what the partner has', async () => {
    expect((await admin.put('/partners/Green%20Acres', { name: 'Green Acres', kind: 'farm', phone: '+1 555 0100', gln: '0614141000005' })).status).toBe(201)
    const r = await send([['Supplier', 'Business name', 'Address'], ['Green Acres', 'Green Acres Farm LLC', '1 Farm Road, Salinas, CA, US']])
    expect(problemLines(r.body)).toEqual([])
    expect(r.body.report.counts).toEqual({ created: 0, updated: 1, unchanged: 0 })
    expect(await partner('Green Acres')).toMatchObject({
      name: 'Green Acres Farm LLC', kind: 'farm', phone: '+1 555 0100', address: '1 Farm Road, Salinas, CA, US', gln: '0614141000005',
    })
    // A column the file has clears the value its empty cell leaves out.
    const cleared = await send([['Code', 'Name', 'Phone'], ['Green Acres', 'Green Acres Farm LLC', null]])
    expect(cleared.status).toBe(200)
    expect((await partner('Green Acres')).phone).toBeNull()
  })

  it('names every problem of every row on its cell, and imports nothing', async () => {
    const r = await send([
      HEADER,
      ['Good Farm', 'Good Farm Inc', 'farm', null, null, null, null],
      ['Bad Kind', 'Bad Kind Ltd', 'wholesaler', null, null, '0614141000006', '123'],
      [null, 'No Code Ltd', 'supplier', null, null, null, null],
      ['No Name', null, 'customer', null, null, null, null],
    ])
    expect(r.status).toBe(422)
    expect(problemLines(r.body)).toEqual([
      '3 C validation_failed: Kind must be supplier, farm, exempt_supplier or customer',
      '3 F validation_failed: GLN check digit is wrong',
      '3 G validation_failed: an FDA registration number has 11 digits',
      '4 A missing_value: Code is empty',
      '5 B missing_value: Name is empty',
    ])
    expect((await admin.get('/partners/Good%20Farm')).status).toBe(404)
  })

  it('needs the admin role, as PUT /partners does', async () => {
    const operator = await server.clientFor('operator')
    const r = await send([HEADER, ['Green Acres', 'Green Acres Farm LLC', 'farm', null, null, null, null]], 'kind=partners', operator)
    expect(r.status).toBe(403)
    expect((await admin.get('/partners/Green%20Acres')).status).toBe(404)
  })

  it('is in the audit: one import, a partner created or changed per row', async () => {
    await send([HEADER, ['Green Acres', 'Green Acres Farm LLC', 'farm', '+1 555 0100', null, null, null]])
    await send([HEADER, ['Green Acres', 'Green Acres Farm LLC', 'farm', '+1 555 0199', null, null, null]])
    const { ws } = await exportSheet(server.url, admin, 'audit.xlsx')
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => rowValues(ws, 5 + i, 5).map((v) => (typeof v === 'string' ? v.trim() : v)))
    const imports = rows.slice(rows.findIndex((row) => String(row[2]).startsWith('Batch')))
    expect(imports.map((row) => [row[1], row[2], row[3], row[4]])).toEqual([
      ['admin', 'Batch of 1 changes', null, 'Partners imported from partners.xlsx (Partners)'],
      ['admin', 'Partner created', 'Green Acres', 'Green Acres Farm LLC · farm · +1 555 0100'],
      ['admin', 'Batch of 1 changes', null, 'Partners imported from partners.xlsx (Partners)'],
      ['admin', 'Partner changed', 'Green Acres', 'Green Acres Farm LLC · farm · +1 555 0199'],
    ])
  })
})

describe('importing locations with their FSMA 204 references', () => {
  it('reads GLN and FDA registration columns, refuses a wrong one on its cell, and keeps them when a file has no such column', async () => {
    const bad = await upload(server.url, admin.token, 'kind=locations', 'locations.xlsx', await workbook('Locations', [
      ['Code', 'Name', 'Kind', 'GLN', 'FDA registration'], ['WH/Cold', 'Cold room', 'internal', '061414100000', null],
    ]))
    expect(problemLines(bad.body)).toEqual(['2 D validation_failed: a GLN has 13 digits'])
    const good = await upload(server.url, admin.token, 'kind=locations', 'locations.xlsx', await workbook('Locations', [
      ['Code', 'Name', 'Kind', 'GLN', 'FDA registration'], ['WH/Cold', 'Cold room', 'internal', '0614141000005', '12345678901'],
    ]))
    expect(problemLines(good.body)).toEqual([])
    expect((await admin.get('/locations/WH%2FCold')).body).toMatchObject({ gln: '0614141000005', fdaRegistration: '12345678901' })
    const renamed = await upload(server.url, admin.token, 'kind=locations', 'locations.xlsx', await workbook('Locations', [['Code', 'Name'], ['WH/Cold', 'Cold room 1']]))
    expect(renamed.body.report.counts).toEqual({ created: 0, updated: 1, unchanged: 0 })
    expect((await admin.get('/locations/WH%2FCold')).body).toMatchObject({ name: 'Cold room 1', gln: '0614141000005', fdaRegistration: '12345678901' })
  })
})
