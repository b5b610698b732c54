/**
 * A lot received or registered with a month-only expiry (GS1 YYMM00) through a real server keeps
 * the month: the API answers its precision beside the month's last day, refuses a month given as
 * another day naming the field, and a restart from a snapshot or from a full replay of the
 * journal answers the same.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type Client, type TestServer } from '../../helpers/server'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
let server: TestServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
  await temp.cleanup()
})

const start = (dir: string) => startServer({ dir, clock: new TestClock('2026-11-27T10:00:00Z') })

/** What the API says of the month lots: the lot, its stock, the list. */
async function monthLots(admin: Client) {
  const lot = await admin.get('/lots/MILK/M1')
  const registered = await admin.get('/lots/CHEESE/C1')
  const stock = await admin.get('/stock?lot=M1')
  const list = await admin.get('/lots?product=MILK')
  const trace = await admin.get('/trace?product=MILK&lot=M1')
  return {
    lot: lot.body, registered: registered.body, stock: stock.body.quants, list: list.body.lots.map((l: any) => [l.name, l.expirationPrecision ?? 'day']),
    trace: trace.body.lot.expirationPrecision,
  }
}

describe('month-only expiries over HTTP', () => {
  it('a receipt and a registration keep the month, read back before and after restarts from a snapshot and from the journal', async () => {
    const dir = await temp.make()
    server = await start(dir)
    await seedCatalogue(server.admin)
    const receipt = await server.admin.post('/operations', {
      id: 'rcpt-month', type: 'receipt', reference: 'WH/IN/M', lines: [
        { product: 'MILK', qty: 6, lot: 'M1', expirationDate: '2027-03-31', expirationPrecision: 'month' },
        { product: 'MILK', qty: 2, lot: 'D1', expirationDate: '2027-03-31' },
      ],
    })
    expect(receipt.status).toBe(201)
    expect(receipt.body.lots).toEqual([
      expect.objectContaining({ name: 'M1', created: true, expirationDate: '2027-03-31', expirationPrecision: 'month' }),
      expect.not.objectContaining({ expirationPrecision: expect.anything() }),
    ])
    const registered = await server.admin.post('/lots', { product: 'CHEESE', name: 'C1', expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(registered.status).toBe(201)

    const before = await monthLots(server.admin)
    // MILK: best before 1 day, removal 2, alert 3 days before the expiration, the month's last day.
    expect(before.lot).toMatchObject({
      expirationDate: '2027-03-31', expirationPrecision: 'month', bestBeforeDate: '2027-03-30', removalDate: '2027-03-29', alertDate: '2027-03-28',
    })
    expect(before.registered).toMatchObject({ expirationDate: '2027-02-28', expirationPrecision: 'month' })
    expect(before.stock).toEqual([expect.objectContaining({ lot: 'M1', expirationDate: '2027-03-31', expirationPrecision: 'month' })])
    expect(before.list).toEqual([['M1', 'month'], ['D1', 'day']])
    expect(before.trace).toBe('month')

    // A clean stop writes a snapshot: the restart loads it.
    await server.close()
    server = await start(dir)
    expect(await monthLots(server.admin)).toEqual(before)

    // Without it, the journal replays whole.
    await server.close()
    await rm(join(dir, 'journal.snapshot'))
    server = await start(dir)
    expect(await monthLots(server.admin)).toEqual(before)
  })

  it('refuses a month given as another day than its last, or without a date, naming the field', async () => {
    server = await start(await temp.make())
    await seedCatalogue(server.admin)
    const line = await server.admin.post('/operations', {
      id: 'rcpt-bad', type: 'receipt', reference: 'WH/IN/B', lines: [{ product: 'MILK', qty: 1, lot: 'B1', expirationDate: '2027-03-15', expirationPrecision: 'month' }],
    })
    expect(line.status).toBe(400)
    expect(line.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'lines[0].expirationPrecision', message: expect.stringContaining('2027-03-31') }] })
    const lot = await server.admin.post('/lots', { product: 'MILK', name: 'B2', expirationPrecision: 'month' })
    expect(lot.status).toBe(400)
    expect(lot.body.error.details).toEqual([{ path: 'expirationPrecision', message: expect.stringContaining('needs an expiration date') }])
    const word = await server.admin.post('/lots', { product: 'MILK', name: 'B3', expirationDate: '2027-03-31', expirationPrecision: 'year' })
    expect(word.status).toBe(400)
    expect(word.body.error.details).toEqual([expect.objectContaining({ path: 'expirationPrecision' })])
    expect((await server.admin.get('/lots?product=MILK')).body.lots).toEqual([])
  })
})
