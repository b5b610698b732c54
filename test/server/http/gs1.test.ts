/** POST /gs1/parse on a real server: a viewer reads a scan against the workspace's products and lots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let viewer: Client
const clock = new TestClock('2026-06-15T10:00:00Z')

beforeAll(async () => {
  server = await startServer({ clock })
  const admin = server.admin
  expect((await admin.put('/products/MILK', { name: 'Milk 1L', tracking: 'lot', gtin: '9501101530003' })).status).toBe(201)
  expect((await admin.post('/lots', { product: 'MILK', name: 'ABC123' })).status).toBe(201)
  viewer = await server.clientFor('viewer')
})

afterAll(async () => {
  await server?.close()
})

describe('POST /gs1/parse', () => {
  it('answers the elements, the ledger\'s fields, the product of the GTIN and whether its lot is known', async () => {
    const r = await viewer.post('/gs1/parse', { data: ']C101095011015300031726033110ABC123' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      form: 'raw',
      ais: [{ ai: '01', value: '09501101530003' }, { ai: '17', value: '260331' }, { ai: '10', value: 'ABC123' }],
      gtin: '09501101530003', lot: 'ABC123', expirationDate: '2026-03-31', expirationPrecision: 'day',
      digitalLink: 'https://id.gs1.org/01/09501101530003/10/ABC123?17=260331',
      product: { sku: 'MILK', name: 'Milk 1L' }, lotKnown: true,
    })
  })

  it('reads a Digital Link, a month-only expiry and a quantity; an unknown lot or GTIN says so', async () => {
    const r = await viewer.post('/gs1/parse', { data: 'https://shop.example.com/p/01/09501101530003/10/NEW%2F1?17=270200&3103=001250' })
    expect(r.body).toMatchObject({
      form: 'digital-link', lot: 'NEW/1', expirationDate: '2027-02-28', expirationPrecision: 'month',
      quantity: { value: 1.25, unit: 'kg', ai: '3103' }, netWeightKg: 1.25, product: { sku: 'MILK' }, lotKnown: false,
    })
    const other = await viewer.post('/gs1/parse', { data: '(01)04006381333931(21)S1' })
    expect(other.body).toMatchObject({ gtin: '04006381333931', serial: 'S1', product: null, lotKnown: false })
  })

  it('counts two-digit years from the workspace\'s today', async () => {
    clock.set('2051-03-01T10:00:00Z')
    try {
      const r = await viewer.post('/gs1/parse', { data: '(01)09501101530003(17)000200' })
      expect(r.body.expirationDate).toBe('2100-02-28')
    } finally {
      clock.set('2026-06-15T10:00:00Z')
    }
  })

  it('refuses data GS1\'s rules refuse with 422 gs1_invalid, each detail naming its AI', async () => {
    const r = await viewer.post('/gs1/parse', { data: '(01)09501101530004(17)261331(10)ABC' })
    expect(r.status).toBe(422)
    expect(r.body.error).toEqual({
      code: 'gs1_invalid',
      message: 'not valid GS1 data: AI (01) 09501101530004: check digit should be 3; AI (17) 261331: month 13 does not exist',
      details: [
        { path: '(01)', message: 'AI (01) 09501101530004: check digit should be 3' },
        { path: '(17)', message: 'AI (17) 261331: month 13 does not exist' },
      ],
    })
    const whole = await viewer.post('/gs1/parse', { data: 'hello' })
    expect(whole.status).toBe(422)
    expect(whole.body.error.details).toEqual([{ path: 'data', message: 'no GS1 application identifier starts at "hello"' }])
  })

  it('takes the user\'s GS stand-in, and refuses one GS1 data could hold (400)', async () => {
    const r = await viewer.post('/gs1/parse', { data: ']d2010950110153000310ABC123|17260331', separator: '|' })
    expect(r.body).toMatchObject({ lot: 'ABC123', expirationDate: '2026-03-31' })
    const bad = await viewer.post('/gs1/parse', { data: '(01)09501101530003', separator: '1' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details).toEqual([{ path: 'separator', message: '"1" cannot stand for GS: GS1 data may hold it (use a character such as | ~ # ^)' }])
  })
})
