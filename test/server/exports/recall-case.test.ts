/** The workbook of a recall: the recall above, then the customers to notify, the stock to quarantine and each held lot's progress. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type TestServer } from '../../helpers/server'
import { at, exportSheet, rowValues } from './helpers'

const clock = new TestClock('2026-06-15T10:00:00Z')
let server: TestServer

beforeAll(async () => {
  server = await startServer({ clock })
  const api = server.admin
  await seedCatalogue(api)
  // A customer the team keeps a partner record of: the workbook says how to reach it.
  expect((await api.put('/partners/Shop%20A', { name: 'Shop A Ltd', kind: 'customer', phone: '+32 2 555 01 23', address: 'Rue Haute 1, 1000 Brussels' })).status).toBe(201)
  const post = async (body: Record<string, unknown>) => expect((await api.post('/operations', body)).status).toBe(201)
  await post({ id: 'po', type: 'receipt', reference: 'PO-1', lines: [{ product: 'FLOUR', qty: 10, lot: 'F1' }] })
  await post({ id: 'mo', type: 'production', reference: 'MO-1', consume: [{ product: 'FLOUR', qty: 4, lot: 'F1' }], produce: [{ product: 'CHEESE', qty: 2, lot: 'C1' }] })
  await post({ id: 'so-1', type: 'delivery', reference: 'SO-1', partner: 'Shop A', date: '2026-06-14', lines: [{ product: 'CHEESE', qty: 1.5, lot: 'C1' }] })
  await post({ id: 'so-2', type: 'delivery', reference: 'SO-2', date: '2026-06-14', lines: [{ product: 'FLOUR', qty: 2, lot: 'F1' }] })
  clock.set('2026-06-15T11:00:00Z')
  expect((await api.post('/recalls', { id: 'rc-1', product: 'FLOUR', lot: 'F1', reason: 'Mould' })).status).toBe(201)
  await post({ id: 'rt', type: 'return', reference: 'RT-1', correctionOf: 'so-1', lines: [{ product: 'CHEESE', qty: 0.5, lot: 'C1' }] })
  await post({ id: 'sc', type: 'scrap', reference: 'SC-1', lines: [{ product: 'FLOUR', qty: 3, lot: 'F1' }] })
  clock.set('2026-06-15T12:00:00Z')
})
afterAll(async () => server.close())

describe('the recall workbook', () => {
  it('says what the recall is and lists the customers to notify, the stock to quarantine and the progress', async () => {
    const viewer = await server.clientFor('viewer')
    const { ws, res } = await exportSheet(server.url, viewer, 'recall-case.xlsx?id=rc-1')
    expect(res.headers.get('content-disposition')).toContain('filename="Recall rc-1 FLOUR F1 2026-06-15.xlsx"')
    const values = Array.from({ length: ws.rowCount }, (_, i) => rowValues(ws, i + 1, 12))
    const start = values.findIndex((r) => r[0] === 'Action')
    expect(ws.getCell('A1').value).toBe('Recall rc-1: 2 deliveries to 2 customers to notify, 2 places to quarantine')
    expect(values.slice(1, start).map((r) => r.slice(0, 2)).filter((r) => r[0] !== null)).toEqual([
      ['Recall', 'rc-1'],
      ['Lot recalled', 'FLOUR (Flour) lot F1'],
      ['Reason', 'Mould'],
      ['Status', 'Open: 2 lots on hold'],
      ['Opened', '2026-06-15 11:00 by admin'],
    ])
    expect(values[start]).toEqual(['Action', 'Customer / Location', 'Contact', 'Reference', 'Date', 'Product', 'Product name', 'Lot/Serial', 'Quantity', 'Returned', 'Scrapped', 'Unit'])
    expect(values.slice(start + 1)).toEqual([
      ['Notify', 'Shop A', 'Shop A Ltd · +32 2 555 01 23 · Rue Haute 1, 1000 Brussels', 'SO-1', at('2026-06-14'), 'CHEESE', 'Cheese', 'C1', 1.5, 0.5, null, 'kg'],
      ['Notify', 'Customers', null, 'SO-2', at('2026-06-14'), 'FLOUR', 'Flour', 'F1', 2, 0, null, 'kg'],
      ['Quarantine', 'WH/Stock', null, null, null, 'FLOUR', 'Flour', 'F1', 1, null, null, 'kg'],
      ['Quarantine', 'WH/Stock', null, null, null, 'CHEESE', 'Cheese', 'C1', 1, null, null, 'kg'],
      ['Progress', null, null, null, null, 'FLOUR', 'Flour', 'F1', 1, 0, 3, 'kg'],
      ['Progress', null, null, null, null, 'CHEESE', 'Cheese', 'C1', 1, 0.5, 0, 'kg'],
    ])
    // The API answers the contact too.
    const recall = await viewer.get('/recalls/rc-1')
    expect(recall.body.deliveries.map((d: { contact: unknown }) => d.contact)).toEqual([
      { name: 'Shop A Ltd', phone: '+32 2 555 01 23', address: 'Rue Haute 1, 1000 Brussels' }, null,
    ])
  })

  it('shows on the lot\'s Recall sheet (the pane\'s, and its export) that the lots are held', async () => {
    const { ws } = await exportSheet(server.url, server.admin, 'recall.xlsx?product=FLOUR&lot=F1')
    expect(String(ws.getCell('A2').value)).toContain(' · ON HOLD under recall rc-1 (Mould) · ')
    const actions = Array.from({ length: ws.rowCount - 4 }, (_, i) => rowValues(ws, 5 + i, 4)).map((r) => `${r[0]} ${r[3]}`)
    expect(actions).toEqual(['Delivered C1', 'Delivered F1', 'Held F1', 'Held C1'])
  })

  it('names who closed it and why, and answers an unknown recall 404', async () => {
    expect((await server.admin.post('/recalls/rc-1/close', { reason: 'Worked off' })).status).toBe(200)
    const { ws } = await exportSheet(server.url, server.admin, 'recall-case.xlsx?id=rc-1')
    const labels = Array.from({ length: 12 }, (_, i) => rowValues(ws, i + 1, 2)).filter((r) => r[0] !== null)
    expect(labels).toEqual(expect.arrayContaining([
      ['Status', 'Closed: its lots are no longer held by it'], ['Closed', '2026-06-15 12:00 by admin'], ['Why closed', 'Worked off'],
    ]))
    const missing = await fetch(`${server.url}/api/v1/exports/recall-case.xlsx?id=nope`, { headers: { authorization: `Bearer ${server.admin.token}` } })
    expect(missing.status).toBe(404)
  })
})
