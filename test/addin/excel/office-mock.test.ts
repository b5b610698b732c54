/**
 * The real layer against office-addin-mock: shallow, but independent of our fake. An unloaded
 * read gives the mock's error text instead of a value, so correct answers show that the layer
 * loaded and synced before reading.
 */
import { OfficeMockObject } from 'office-addin-mock'
import { afterEach, describe, expect, it } from 'vitest'
import { excelAvailable, selectionContext } from '../../../addin/excel'

type Seed = Record<string, unknown>
const g = globalThis as unknown as { Excel?: unknown }
afterEach(() => {
  delete g.Excel
})

/** Installs a mock `Excel` whose active cell is `cell`; returns the sync counter. */
function install(cell: Seed): { syncs: () => number } {
  const mock = new OfficeMockObject({
    context: {
      workbook: {
        cell,
        getActiveCell() {
          return (this as unknown as Seed).cell
        },
      },
    },
    async run(batch: (context: unknown) => Promise<unknown>) {
      return batch((this as unknown as Seed).context)
    },
  }) as unknown as { context: { sync(): Promise<void> } }
  let syncs = 0
  const sync = mock.context.sync.bind(mock.context)
  mock.context.sync = async () => {
    syncs++
    await sync()
  }
  g.Excel = mock
  return { syncs: () => syncs }
}

/** An active cell at `address` in a region starting at B2 whose header and own row are given. */
function cellSeed(address: string, value: unknown, rowIndex: number, columnIndex: number, header: unknown[], row: unknown[]): Seed {
  return {
    address, values: [[value]], rowIndex, columnIndex,
    worksheet: { name: 'Receipts' },
    region: {
      rowIndex: 1, columnIndex: 1, rowCount: 10,
      header: { values: [header] },
      getRow() {
        return (this as unknown as Seed).header
      },
    },
    entireRow: {
      row: { values: [row] },
      getIntersection() {
        return (this as unknown as Seed).row
      },
    },
    getSurroundingRegion() {
      return (this as unknown as Seed).region
    },
    getEntireRow() {
      return (this as unknown as Seed).entireRow
    },
  }
}

describe('addin/excel against office-addin-mock', () => {
  it('excelAvailable sees an injected Excel and its absence', () => {
    expect(excelAvailable()).toBe(false)
    install(cellSeed('Receipts!C4', 'L-1', 3, 2, [], []))
    expect(excelAvailable()).toBe(true)
  })

  it('selectionContext loads what it reads and syncs once', async () => {
    const { syncs } = install(cellSeed('Receipts!C4', 'B-2', 3, 2, ['SKU', 'Batch', 'Qty'], ['FLOUR', 'B-2', 7]))
    expect(await selectionContext()).toEqual({ sheet: 'Receipts', address: 'C4', value: 'B-2', header: 'Batch', product: 'FLOUR', lot: 'B-2' })
    expect(syncs()).toBe(1)
  })

  it('selectionContext on the product cell takes the lot from the lot column', async () => {
    const { syncs } = install(cellSeed('Receipts!B4', 'FLOUR', 3, 1, ['SKU', 'Batch', 'Qty'], ['FLOUR', 'B-2', 7]))
    expect(await selectionContext()).toMatchObject({ address: 'B4', product: 'FLOUR', lot: 'B-2' })
    expect(syncs()).toBe(1)
  })
})
