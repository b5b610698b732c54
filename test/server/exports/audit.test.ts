import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registerLots } from '../../../server/domain/commands/lots'
import { recordOperation } from '../../../server/domain/operations/record'
import { OperationInput } from '../../../shared/schemas/operation'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { at, expectPrintSetup, expectReportLayout, exportSheet, rowValues } from './helpers'

const clock = new TestClock('2026-06-15T10:00:00Z')
let server: TestServer
let operator: Client
let viewer: Client
const tokens: Record<string, string> = {}

beforeAll(async () => {
  server = await startServer({ clock })
  const admin = server.admin
  expect((await admin.patch('/settings', { timeZone: 'Europe/Brussels' })).status).toBe(200)
  expect((await admin.put('/products/MILK', { name: 'Milk', tracking: 'lot', expiry: { expirationDays: 10 } })).status).toBe(201)
  expect((await admin.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10 } })).status).toBe(200)
  expect((await admin.put(`/locations/${encodeURIComponent('WH/Stock/Shelf 1')}`, { name: 'Shelf 1' })).status).toBe(201)

  clock.set('2026-06-16T08:00:00Z')
  operator = await server.clientFor('operator')
  expect((await operator.post('/lots', { product: 'MILK', name: 'L9' })).status).toBe(201)
  expect((await operator.patch('/lots/MILK/L9', { expirationDate: '2026-07-01', note: 'checked' })).status).toBe(200)
  expect((await operator.post('/operations', { id: 'po-1', type: 'receipt', reference: 'PO-1', partner: 'Dairy Co', lines: [{ product: 'MILK', qty: 12, lot: 'L1' }] })).status).toBe(201)

  // An import: changes applied together, one journal record.
  clock.set('2026-06-16T22:15:00Z')
  const { ledger } = server.store
  const ws = ledger.workspace('default')
  const by = { token: 'tok_import', name: 'importer' }
  ledger.atomically('default', by, 'receipts.xlsx', () => {
    registerLots(ledger, ws, by, [{ product: 'MILK', name: 'L2' }], true)
    recordOperation(ledger, ws, by, OperationInput.parse({ id: 'po-2', type: 'receipt', reference: 'PO-2', lines: [{ product: 'MILK', qty: 3, lot: 'L2' }] }))
  }, () => true)
  await server.store.persist()

  clock.set('2026-06-17T09:00:00Z')
  const temp = await admin.post('/tokens', { name: 'Temp', role: 'viewer' })
  expect(temp.status).toBe(201)
  expect((await admin.del(`/tokens/${temp.body.token.id}`)).status).toBe(200)
  viewer = await server.clientFor('viewer')
  for (const t of (await admin.get('/tokens')).body.tokens as Array<{ id: string; name: string }>) tokens[t.name] = t.id
})
afterAll(() => server.close())

describe('the audit report', () => {
  it('lists every write of the workspace in order: when, who, what, about what, a summary; batches with their parts', async () => {
    const { ws, res } = await exportSheet(server.url, viewer, 'audit.xlsx')
    expect(res.headers.get('content-disposition')).toContain('filename="Audit 2026-06-17.xlsx"')
    const rows = 16
    expectReportLayout(ws, {
      title: 'Audit: who did what',
      subtitle: 'Workspace default · everything · made 2026-06-17 11:00 (Europe/Brussels)',
      headers: ['Time', 'Who', 'What', 'Reference', 'Summary', 'Record'],
      widths: [17, 18, 30, 22, 60, 9.14],
      rows,
    })
    expectPrintSetup(ws, 'landscape', 4, 'Audit: who did what')
    const day1 = at('2026-06-15T12:00')
    const day2 = at('2026-06-16T10:00')
    const night = at('2026-06-17T00:15')
    const day3 = at('2026-06-17T11:00')
    const seq = (r: number) => ws.getCell(`F${r}`).value
    expect(Array.from({ length: rows }, (_, i) => rowValues(ws, 5 + i, 5))).toEqual([
      [day1, '(system)', 'Workspace created', 'default', 'default'],
      [day1, '(system)', 'Token created', 'admin', `admin token ${tokens.admin}`],
      [day1, 'admin', 'Settings changed', null, 'timeZone UTC → Europe/Brussels'],
      [day1, 'admin', 'Product created', 'MILK', 'Milk · tracked by lot · unit Units · expires 10 days after receipt'],
      [day1, 'admin', 'Product changed', 'MILK', 'Milk 1L · tracked by lot · unit Units · expires 10 days after receipt'],
      [day1, 'admin', 'Location created', 'WH/Stock/Shelf 1', 'Shelf 1 · internal'],
      [day2, '(system)', 'Token created', 'operator token', `operator token ${tokens['operator token']}`],
      [day2, 'operator token', 'Lot registered', 'MILK L9', 'MILK L9 expires 2026-06-26'],
      [day2, 'operator token', 'Lot changed', 'MILK L9', 'expires 2026-07-01 · note checked'],
      [day2, 'operator token', 'Receipt recorded', 'PO-1', 'Dairy Co · 1 move: 12 Units MILK L1'],
      [night, 'importer', 'Batch of 2 changes', null, 'receipts.xlsx'],
      [night, 'importer', 'Lot registered', 'MILK L2', 'MILK L2 expires 2026-06-27'],
      [night, 'importer', 'Receipt recorded', 'PO-2', '1 move: 3 Units MILK L2'],
      [day3, 'admin', 'Token created', 'Temp', `viewer token ${tokens.Temp}`],
      [day3, 'admin', 'Token revoked', 'Temp', `viewer token ${tokens.Temp}`],
      [day3, '(system)', 'Token created', 'viewer token', `viewer token ${tokens['viewer token']}`],
    ])
    // Journal positions of the data records (token events come from the workspace's state).
    expect(Array.from({ length: rows }, (_, i) => seq(5 + i))).toEqual([null, null, 3, 4, 5, 6, null, 8, 9, 10, 11, 11, 11, null, null, null])
    // A batch's parts are indented under it.
    expect([15, 16, 17].map((r) => ws.getCell(`C${r}`).alignment?.indent ?? 0)).toEqual([0, 1, 1])
    expect(ws.getCell('A5').numFmt).toBe('yyyy-mm-dd hh:mm')
  })

  it('after and before are the workspace\'s days', async () => {
    // The 17th in Brussels starts at 22:00 UTC on the 16th: the import at 22:15 UTC belongs to it.
    const { ws, res } = await exportSheet(server.url, viewer, 'audit.xlsx?after=2026-06-16&before=2026-06-17')
    expect(res.headers.get('content-disposition')).toContain('filename="Audit from 2026-06-16 to 2026-06-17 2026-06-17.xlsx"')
    expect(ws.getCell('A2').value).toBe('Workspace default · after 2026-06-16, before 2026-06-17 · made 2026-06-17 11:00 (Europe/Brussels)')
    expect(Array.from({ length: ws.rowCount - 4 }, (_, i) => ws.getCell(`C${5 + i}`).value)).toEqual([
      'Token created', 'Lot registered', 'Lot changed', 'Receipt recorded',
    ])
    const late = await exportSheet(server.url, viewer, `audit.xlsx?after=${encodeURIComponent('2026-06-16T22:10:00Z')}`)
    expect(Array.from({ length: late.ws.rowCount - 4 }, (_, i) => late.ws.getCell(`C${5 + i}`).value)).toEqual([
      'Batch of 2 changes', 'Lot registered', 'Receipt recorded', 'Token created', 'Token revoked', 'Token created',
    ])
  })

  it('shows only its own workspace', async () => {
    const other = await server.workspace('other')
    const { ws } = await exportSheet(server.url, other, 'audit.xlsx')
    expect(Array.from({ length: ws.rowCount - 4 }, (_, i) => [ws.getCell(`C${5 + i}`).value, ws.getCell(`D${5 + i}`).value])).toEqual([
      ['Workspace created', 'other'], ['Token created', 'admin'],
    ])
  })
})
