/**
 * Workspaces kept apart beyond what the auth matrix checks route by route: the same SKU, lot and
 * operation id in two workspaces are two things, and a new workspace lists nothing of the others.
 * Each test makes its own workspaces under names of its own, so the tests pass in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let workspaces = 0

/** A new workspace's admin, under a name no other test uses. */
const newWorkspace = () => server.workspace(`isolated-${++workspaces}`)

function receipt(id: string, lot: string) {
  return { type: 'receipt', id, reference: `PO-${id}`, lines: [{ product: 'MILK', lot, qty: 1 }] }
}

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.close()
})

describe('workspace isolation', () => {
  it('keeps data apart under the same SKU, lot and operation id', async () => {
    const [a, b]: Client[] = [await newWorkspace(), await newWorkspace()]
    expect((await a.put('/products/MILK', { name: 'Milk', tracking: 'lot', expiry: { expirationDays: 10 } })).status).toBe(201)
    expect((await a.post('/operations', receipt('same-id', 'SAME'))).status).toBe(201)

    expect((await b.put('/products/MILK', { name: 'Other milk', tracking: 'lot' })).status).toBe(201)
    expect((await b.post('/operations', receipt('same-id', 'SAME'))).status).toBe(201)
    expect((await b.get('/lots/MILK/SAME')).body).toMatchObject({ onHand: 1, expirationDate: null })

    expect((await a.get('/products/MILK')).body.name).toBe('Milk')
    expect((await a.get('/lots/MILK/SAME')).body).toMatchObject({ onHand: 1 })
    expect((await a.get('/lots/MILK/SAME')).body.expirationDate).not.toBeNull()
  })

  it("lists none of another workspace's data", async () => {
    const busy = await newWorkspace()
    expect((await busy.put('/products/MILK', { name: 'Milk', tracking: 'lot' })).status).toBe(201)
    expect((await busy.post('/operations', receipt('busy-1', 'BUSY'))).status).toBe(201)
    expect((await busy.post('/tokens', { name: 'busy viewer', role: 'viewer' })).status).toBe(201)

    const fresh = await newWorkspace()
    expect((await fresh.get('/products')).body.products).toEqual([])
    expect((await fresh.get('/lots')).body).toEqual({ lots: [], next: null })
    expect((await fresh.get('/operations')).body).toEqual({ operations: [], next: null })
    expect((await fresh.get('/moves')).body).toEqual({ moves: [], next: null })
    expect((await fresh.get('/stock')).body).toEqual({ quants: [] })
    expect((await fresh.get('/changes')).body).toEqual({ changes: [], next: 0, hasMore: false, head: 0 })
    expect((await fresh.get('/locations')).body.locations.map((l: { code: string }) => l.code)).toEqual([
      'Adjustment', 'Customers', 'Production', 'Scrap', 'Vendors', 'WH/Stock',
    ])
    const tokens = (await fresh.get('/tokens')).body.tokens
    expect(tokens).toHaveLength(1)
    expect(tokens[0]).toMatchObject({ name: 'admin', role: 'admin' })
    expect(tokens[0].id).toBe((await fresh.get('/me')).body.token.id)
    // And the busy workspace does not see the fresh one's token either.
    expect((await busy.get('/tokens')).body.tokens.map((t: { id: string }) => t.id)).not.toContain(tokens[0].id)
  })
})
