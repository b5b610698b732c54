/** A streamed report shows the ledger as it was when the request came: writes during the download stay out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportContext } from '../../../server/exports/report'
import { lotsReport, movesReport } from '../../../server/exports/reports'
import type { RowBatch } from '../../../server/exports/xlsx-stream'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { startServer, type TestServer } from '../../helpers/server'
import { record, seedReports } from './helpers'

let server: TestServer

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-14T22:30:00Z') })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
})
afterAll(() => server.close())

async function allRows(source: Iterable<RowBatch> | AsyncIterable<RowBatch>): Promise<unknown[][]> {
  const rows: unknown[][] = []
  for await (const batch of source) rows.push(...batch.rows)
  return rows
}

describe('streamed reports', () => {
  it('leave out moves and lots recorded after the request', async () => {
    const c = reportContext(server.store, server.store.ledger.workspace('default'))
    const moves = movesReport(c, { product: 'MILK' })
    const lots = lotsReport(c, {})
    expect(moves.head.subtitle).toContain('· 4 rows ·')
    expect(lots.head.subtitle).toContain('· 4 rows ·')
    await record(server.admin, { type: 'receipt', reference: 'PO-LATE', lines: [{ product: 'MILK', qty: 1, lot: 'L-LATE' }] })
    expect((await allRows(moves.rows())).map((r) => r[1])).toEqual(['PO-1', 'PO-1', 'MO-1', 'WH/OUT/1'])
    expect((await allRows(lots.rows())).map((r) => r[1])).toEqual(['L1', 'L2', 'C1', 'C2'])
  })
})
