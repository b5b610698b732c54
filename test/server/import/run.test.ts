/**
 * An import of many rows lets other requests in while it reads and checks them (a GET /health
 * waits a few milliseconds, not the whole import): only applying them, all or none, holds the
 * server for its while.
 */
import { describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin } from '../../../server/admin/bootstrap'
import { putProduct } from '../../../server/domain/commands/products'
import { runImport } from '../../../server/import/run'
import type { ImportTable } from '../../../server/import/table'
import { LedgerStore } from '../../../server/store/ledger-store'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'

const ROWS = 50_000

describe('runImport', () => {
  it(`lets timers run while it reads and checks ${ROWS.toLocaleString('en-US')} rows, then applies them all`, async () => {
    const store = await LedgerStore.openMemory({ clock: new TestClock() })
    const issued = await createWorkspaceWithAdmin(store, 'acme')
    const by = { token: issued.token.id, name: issued.token.name }
    const ws = store.ledger.workspace('acme')
    putProduct(store.ledger, ws, by, 'MILK', ProductInput.parse({ name: 'Milk', uom: 'L', tracking: 'lot' }))
    const table: ImportTable = {
      file: 'receipts.xlsx', sheet: 'Receipts', headerRow: 1, headers: ['Reference', 'Date', 'Product', 'Lot', 'Qty', 'To'], skipped: [],
      rows: Array.from({ length: ROWS }, (_, i) => ({ row: i + 2, cells: [`PO-${Math.floor(i / 100)}`, '2026-11-02', 'MILK', `L-${i}`, 1 + (i % 7), 'WH/Stock'] })),
    }
    let turns = 0
    const timer = setInterval(() => turns++, 1)
    try {
      const report = await runImport(store, ws, by, 'receipts', table, { dryRun: false, dateFormat: 'YMD' })
      expect(report.problems).toEqual([])
      expect(report).toMatchObject({ applied: true, rows: ROWS, counts: { created: ROWS / 100 } })
    } finally {
      clearInterval(timer)
    }
    expect(turns).toBeGreaterThan(0)
    expect(ws.lotList).toHaveLength(ROWS)
  })
})
