/**
 * Partners, products on the Food Traceability List and locations with their TLC source references
 * through a real server: what the FSMA 204 records read about them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let admin: Client

beforeAll(async () => {
  server = await startServer()
  admin = server.admin
})
afterAll(() => server.close())

describe('PUT/GET /partners/{code}', () => {
  it('creates a partner under the name operations give, answers it, and an identical PUT changes nothing', async () => {
    const input = { name: 'Green Acres Farm LLC', kind: 'farm', phone: '+1 831 555 0100', address: '400 Ranch Rd, Salinas, CA', gln: '0614141000005' }
    const r = await admin.put('/partners/Green%20Acres', input)
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({ code: 'Green Acres', ...input, fdaRegistration: null })
    expect((await admin.get('/partners/Green%20Acres')).body).toEqual(r.body)
    expect((await admin.get('/partners')).body.partners.map((p: { code: string }) => p.code)).toEqual(['Green Acres'])
    const changes = (await admin.get('/changes?types=partner')).body.changes
    expect(changes.map((c: { type: string; data: { code: string } }) => [c.type, c.data.code])).toEqual([['partner', 'Green Acres']])
    const again = await admin.put('/partners/Green%20Acres', input)
    expect(again.status).toBe(200)
    expect((await admin.get('/changes?types=partner')).body.changes).toHaveLength(1)
  })

  it('takes a supplier by default and refuses a wrong GLN, FDA registration or kind, naming the field', async () => {
    expect((await admin.put('/partners/Valley', { name: 'Valley Greens' })).body.kind).toBe('supplier')
    for (const [field, value] of [['gln', '0614141000006'], ['fdaRegistration', '123'], ['kind', 'broker']]) {
      const r = await admin.put('/partners/Bad', { name: 'Bad', [field]: value })
      expect(r.status).toBe(400)
      expect(r.body.error.details[0].path).toBe(field)
    }
    expect((await admin.get('/partners/Bad')).status).toBe(404)
  })

  it('products say whether they are on the Food Traceability List; locations carry a GLN and an FDA registration', async () => {
    expect((await admin.put('/products/LETTUCE', { name: 'Romaine', foodTraceabilityList: true })).body.foodTraceabilityList).toBe(true)
    expect((await admin.put('/products/LETTUCE', { name: 'Romaine' })).body.foodTraceabilityList).toBe(false)
    const loc = await admin.put('/locations/WH%2FStock', { name: 'Warehouse stock', gln: '0614141000005', fdaRegistration: '12345678901' })
    expect(loc.status).toBe(200)
    expect(loc.body).toMatchObject({ code: 'WH/Stock', gln: '0614141000005', fdaRegistration: '12345678901', builtIn: true })
  })
})
