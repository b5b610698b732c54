/** Every write records who made it: the token's id and name on what it wrote, and in the change feed. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer

async function whoAmI(c: Client): Promise<{ token: string; name: string }> {
  const r = await c.get('/me')
  expect(r.status).toBe(200)
  return { token: r.body.token.id, name: r.body.token.name }
}

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.close()
})

it('names the token on lots, products, locations, operations and their lots', async () => {
  const admin = server.admin
  const operator = await server.clientFor('operator')
  const op = await whoAmI(operator)
  const ad = await whoAmI(admin)
  expect(op.token).not.toBe(ad.token)

  const product = await admin.put('/products/WHO', { name: 'Who', tracking: 'lot' })
  expect(product.body.updatedBy).toEqual(ad)
  expect((await operator.get('/products/WHO')).body.updatedBy).toEqual(ad)
  const location = await admin.put('/locations/WHO', { name: 'Who' })
  expect(location.body.updatedBy).toEqual(ad)

  const lot = await operator.post('/lots', { product: 'WHO', name: 'W1' })
  expect(lot.body).toMatchObject({ createdBy: op, updatedBy: op })
  const edited = await admin.patch('/lots/WHO/W1', { note: 'checked' })
  expect(edited.body).toMatchObject({ createdBy: op, updatedBy: ad })

  const rec = await operator.post('/operations', { type: 'receipt', id: 'who-1', reference: 'PO-WHO', lines: [{ product: 'WHO', lot: 'W2', qty: 2 }] })
  expect(rec.status).toBe(201)
  expect(rec.body.operation.createdBy).toEqual(op)
  expect((await admin.get('/operations/who-1')).body.operation.createdBy).toEqual(op)
  expect((await admin.get('/lots/WHO/W2')).body).toMatchObject({ createdBy: op, updatedBy: op })

  const changes = (await admin.get('/changes?limit=5000')).body.changes
  expect(changes[changes.length - 1]).toMatchObject({ type: 'operation', by: op })
})
