/** A ledger for the pane's Sheets tests: lots fresh, in alert and expired, a delivery, untracked stock. */
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { addDays } from '../../shared/dates'
import { requireBuiltAddin } from './built-addin'
import { connectWithEnter, openPaneAt, openTab, type Pane } from './pane'
import { startServer, type TestServer } from './server'

const today = new Date().toISOString().slice(0, 10)

/** Products MILK (by lot) and BOLT; lots M-1, M-2 (in alert) and M-OLD (expired); delivery SO-1 (id out-1) to Corner Shop. */
export async function seedSheets(server: TestServer): Promise<void> {
  const api = server.admin
  await api.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 3 } })
  await api.put('/products/BOLT', { name: 'Bolt M6' })
  await api.post('/operations', {
    id: 'in-1', type: 'receipt', reference: 'PO-1', partner: 'Dairy Co', date: addDays(today, -4),
    lines: [{ product: 'MILK', qty: 10, lot: 'M-1' }, { product: 'MILK', qty: 5, lot: 'M-2', expirationDate: addDays(today, 2) },
      { product: 'MILK', qty: 1, lot: 'M-OLD', expirationDate: addDays(today, -1) }, { product: 'BOLT', qty: 3 }],
  })
  const so = await api.post('/operations', { id: 'out-1', type: 'delivery', reference: 'SO-1', partner: 'Corner Shop', lines: [{ product: 'MILK', qty: 2, lot: 'M-1' }] })
  expect(so.status).toBe(201)
}


/**
 * The hooks of a Sheets suite: a server on the seeded ledger, the pane at `width` (in the fake
 * Excel or not) connected as a viewer and given to `opened`, and before each test the Sheets tab
 * opened with the recorded requests cleared.
 */
export function sheetsPaneSuite(options: { excel: boolean; width: number }, opened: (s: Pane) => void): void {
  let server: TestServer | undefined
  let s: Pane | undefined
  beforeAll(async () => {
    server = await startServer({ app: { addinDir: requireBuiltAddin() } })
    await seedSheets(server)
    s = await openPaneAt(server.url, options)
    await connectWithEnter(s, (await server.clientFor('viewer')).token)
    opened(s)
  }, 60_000)
  afterAll(async () => {
    await s?.close()
    await server?.close()
  })
  beforeEach(async () => {
    await openTab(s!, 'sheets')
    s!.requests.clear()
  })
}
