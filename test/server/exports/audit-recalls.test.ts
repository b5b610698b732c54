/** The audit report names who opened a recall and who closed it, with their reasons, in time order with the writes around them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type TestServer } from '../../helpers/server'
import { at, exportSheet, rowValues } from './helpers'

const clock = new TestClock('2026-06-15T10:00:00Z')
let server: TestServer

beforeAll(async () => {
  server = await startServer({ clock })
  const admin = server.admin
  expect((await admin.put('/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)
  expect((await admin.post('/operations', { id: 'po-1', type: 'receipt', reference: 'PO-1', lines: [{ product: 'MILK', qty: 12, lot: 'L1' }] })).status).toBe(201)
  clock.set('2026-06-15T11:00:00Z')
  const quality = await server.clientFor('operator')
  expect((await quality.post('/recalls', { id: 'rc-1', product: 'MILK', lot: 'L1', reason: 'Supplier notice SN-77' })).status).toBe(201)
  clock.set('2026-06-15T12:00:00Z')
  expect((await admin.post('/operations', { id: 'sc-1', type: 'scrap', reference: 'SC-1', lines: [{ product: 'MILK', qty: 12, lot: 'L1' }] })).status).toBe(201)
  clock.set('2026-06-15T13:00:00Z')
  expect((await admin.post('/recalls/rc-1/close', { reason: 'All destroyed' })).status).toBe(200)
})
afterAll(() => server.close())

describe('the audit report of recalls', () => {
  it('records who opened and who closed each recall, and why', async () => {
    const { ws } = await exportSheet(server.url, server.admin, 'audit.xlsx')
    const rows = Array.from({ length: ws.rowCount - 4 }, (_, i) => rowValues(ws, 5 + i, 5)).filter((r) => r[1] !== '(system)')
    expect(rows).toEqual([
      [at('2026-06-15T10:00'), 'admin', 'Product created', 'MILK', 'Milk · tracked by lot · unit Units'],
      [at('2026-06-15T10:00'), 'admin', 'Receipt recorded', 'PO-1', '1 move: 12 Units MILK L1'],
      [at('2026-06-15T11:00'), 'operator token', 'Recall opened', 'rc-1: MILK L1', 'Supplier notice SN-77 · 1 lot held'],
      [at('2026-06-15T12:00'), 'admin', 'Scrap recorded', 'SC-1', '1 move: 12 Units MILK L1'],
      [at('2026-06-15T13:00'), 'admin', 'Recall closed', 'rc-1: MILK L1', 'All destroyed'],
    ])
  })
})
