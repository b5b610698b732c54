/**
 * The cells of a report depend on the workspace's time zone only: the same ledger served by
 * servers running in Tokyo, New York and UTC gives the same serials, on the right calendar days.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClock } from '../../helpers/clock'
import { seedCatalogue } from '../../helpers/fixtures'
import { killStarted, startServerProcess } from '../../helpers/process'
import { client, startServer } from '../../helpers/server'
import { at, download, readSheet, seedReports } from './helpers'

const REPORTS = ['trace.xlsx?product=MILK&lot=L2', 'lots.xlsx', 'moves.xlsx', 'stock.xlsx', `delivery-slip.xlsx?reference=${encodeURIComponent('WH/OUT/1')}`, 'audit.xlsx']

let dir: string
let token: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotledger-exports-tz-'))
  const server = await startServer({ dir, clock: new TestClock('2026-06-14T22:30:00Z') })
  await seedCatalogue(server.admin)
  await seedReports(server.admin)
  token = (await server.clientFor('viewer')).token
  await server.close()
})
afterAll(async () => {
  await killStarted()
  await rm(dir, { recursive: true, force: true })
})

/** Every cell below the subtitle (which says when the file was made), as exceljs reads it. */
function cells(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  for (let r = 3; r <= ws.rowCount; r++) out.push(Array.from({ length: ws.columnCount }, (_, i) => ws.getRow(r).getCell(i + 1).value ?? null))
  return out
}

async function exportsUnder(tz: string): Promise<Record<string, ExcelJS.Worksheet>> {
  const running = await startServerProcess(dir, { TZ: tz })
  try {
    const c = client(running.url, token)
    const out: Record<string, ExcelJS.Worksheet> = {}
    for (const path of REPORTS) {
      const res = await download(running.url, c, path)
      expect(res.status, `${path} under TZ=${tz}`).toBe(200)
      out[path] = await readSheet(res.bytes)
    }
    return out
  } finally {
    await running.proc.stop()
  }
}

describe('reports under any server time zone', () => {
  it('give the same cells, dated on the workspace\'s wall clock', { timeout: 120_000 }, async () => {
    const tokyo = await exportsUnder('Asia/Tokyo')
    const newYork = await exportsUnder('America/New_York')
    const utc = await exportsUnder('UTC')
    for (const path of REPORTS) {
      expect(cells(tokyo[path]), path).toEqual(cells(utc[path]))
      expect(cells(newYork[path]), path).toEqual(cells(utc[path]))
    }
    for (const sheets of [tokyo, newYork, utc]) {
      const moves = sheets['moves.xlsx']
      expect(moves.getCell('A5').value).toEqual(at('2026-06-01T00:00'))
      expect(moves.getCell('A10').value).toEqual(at('2026-06-04T00:30'))
      expect(moves.getCell('A10').numFmt).toBe('yyyy-mm-dd hh:mm')
      const lots = sheets['lots.xlsx']
      // Received: the receipt's day; then Expiration; Registered: when the ledger heard of the lot.
      expect(lots.getCell('D5').value).toEqual(at('2026-06-01'))
      expect(lots.getCell('E5').value).toEqual(at('2026-06-11'))
      expect(lots.getCell('E5').numFmt).toBe('yyyy-mm-dd')
      expect(lots.getCell('K5').value).toEqual(at('2026-06-15T00:30'))
      expect(sheets['trace.xlsx?product=MILK&lot=L2'].getCell('D8').value).toEqual(at('2026-06-04T00:30'))
      // The slip's delivery date is the day alone: 22:30 UTC on the 3rd is the 4th in Brussels.
      expect(sheets[REPORTS[4]].getCell('A5').value).toBe('Delivery date')
      expect(sheets[REPORTS[4]].getCell('B5').value).toEqual(at('2026-06-04'))
      expect(sheets['stock.xlsx'].getCell('G6').value).toEqual(at('2026-06-11'))
    }
  })
})
