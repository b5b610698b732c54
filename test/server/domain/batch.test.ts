import { afterEach, describe, expect, it } from 'vitest'
import { registerLots } from '../../../server/domain/commands/lots'
import { putLocation, putProduct } from '../../../server/domain/commands/products'
import { patchSettings } from '../../../server/domain/commands/settings'
import { createWorkspace } from '../../../server/domain/commands/workspaces'
import { LedgerError } from '../../../server/domain/errors'
import { recordOperation } from '../../../server/domain/operations/record'
import { findLot } from '../../../server/domain/state'
import { LedgerStore } from '../../../server/store/ledger-store'
import { LocationInput } from '../../../shared/schemas/location'
import { LotInput } from '../../../shared/schemas/lot'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { dumpState, populate } from '../../helpers/ledger-scenario'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
const open: LedgerStore[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  await temp.cleanup()
})

async function populated(): Promise<LedgerStore> {
  const store = await LedgerStore.openDirectory(await temp.make(), { clock: new TestClock(), log: () => {} })
  open.push(store)
  await populate(store, new TestClock())
  return store
}

/** Receipts, a delivery of what they received, new products, lots, a location and settings. */
function work(store: LedgerStore, failAt = -1) {
  const ledger = store.ledger
  const ws = ledger.workspace('acme')
  const op = (input: unknown) => recordOperation(ledger, ws, null, OperationInput.parse(input))
  return () => {
    putProduct(ledger, ws, null, 'CHEESE', ProductInput.parse({ name: 'Cheese', tracking: 'lot', expiry: { expirationDays: 30 } }))
    putProduct(ledger, ws, null, 'MILK', ProductInput.parse({ name: 'Milk renamed', uom: 'L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 2 } }))
    putLocation(ledger, ws, null, 'WH/Cold', LocationInput.parse({ name: 'Cold room' }))
    patchSettings(ledger, ws, null, { expiredShipping: 'block' })
    registerLots(ledger, ws, null, [LotInput.parse({ product: 'CHEESE', name: 'C-0' })])
    op({ id: 'b-1', type: 'receipt', reference: 'IMP-1', lines: [{ product: 'CHEESE', qty: 5, lot: 'C-1' }, { product: 'MILK', qty: 3, lot: 'L1', to: 'WH/Cold' }] })
    op({ id: 'b-2', type: 'delivery', reference: 'IMP-2', lines: [{ product: 'CHEESE', qty: 5, lot: 'C-1' }] })
    op({ id: 'b-3', type: 'return', reference: 'IMP-3', correctionOf: 'b-2', lines: [{ product: 'CHEESE', qty: 2, lot: 'C-1' }] })
    op({ id: 'b-4', type: 'production', reference: 'IMP-4', consume: [{ product: 'CHEESE', qty: 1, lot: 'C-1' }], produce: [{ product: 'YOGURT', qty: 2, lot: 'Y9' }] })
    op({ id: 'b-5', type: 'adjustment', reference: 'IMP-5', lines: [{ product: 'BOLT', location: 'WH/Stock', countedQty: 1 }] })
    if (failAt === 6) op({ id: 'b-6', type: 'delivery', reference: 'IMP-6', lines: [{ product: 'CHEESE', qty: 99, lot: 'C-1' }] })
    return 'done'
  }
}

describe('a batch', () => {
  it('keeps everything as one journal record, visible to its own later commands, and replays the same', async () => {
    const store = await populated()
    const before = store.ledger.state.seq
    store.ledger.atomically('acme', null, 'import receipts.xlsx', work(store), () => true)
    await store.persist()
    expect(store.ledger.state.seq).toBe(before + 1)
    const [rec] = await store.records([before + 1])
    expect(rec.type).toBe('batch')
    expect(rec.type === 'batch' && rec.data.parts.map((p) => p.type)).toEqual([
      'product.saved', 'product.saved', 'location.saved', 'settings.updated', 'lots.saved',
      'operation.recorded', 'operation.recorded', 'operation.recorded', 'operation.recorded', 'operation.recorded',
    ])
    const ws = store.ledger.workspace('acme')
    expect(ws.operations.get('b-4')?.seq).toBe(before + 1)
    expect(ws.changes.at(-1)).toBe(before + 1)
    const after = dumpState(store)
    const dir = (store.journal as unknown as { path: string }).path.replace(/journal\.ndjson$/, '')
    await store.close()
    open.splice(0)
    const reopened = await LedgerStore.openDirectory(dir, { clock: new TestClock(), log: () => {} })
    open.push(reopened)
    expect(dumpState(reopened)).toEqual(after)
  })

  it('leaves no trace when a command fails: every earlier change of the batch is undone', async () => {
    const store = await populated()
    const before = dumpState(store)
    expect(() => store.ledger.atomically('acme', null, 'import', work(store, 6), () => true)).toThrow(LedgerError)
    expect(dumpState(store)).toEqual(before)
    expect(store.ledger.drainRecords()).toEqual([])
  })

  it('is undone when it should not be kept (a dry run), yet its commands saw each other', async () => {
    const store = await populated()
    const before = dumpState(store)
    const result = store.ledger.atomically('acme', null, 'dry run', () => {
      const r = work(store)()
      // Inside the trial the delivery found the stock its receipt brought.
      return { r, cheese: findLot(store.ledger.workspace('acme'), 'CHEESE', 'C-1')?.onHand }
    }, () => false)
    expect(result).toEqual({ r: 'done', cheese: 1_000_000 })
    expect(dumpState(store)).toEqual(before)
    expect(store.ledger.drainRecords()).toEqual([])
    // The ledger goes on as if nothing happened.
    store.ledger.atomically('acme', null, 'again', work(store), () => true)
    await store.persist()
    expect(store.ledger.workspace('acme').operations.has('b-5')).toBe(true)
  })

  it('does not nest, and refuses records that are not data', async () => {
    const store = await populated()
    expect(() => store.ledger.atomically('acme', null, 'outer', () => store.ledger.atomically('acme', null, 'inner', () => 1, () => true), () => true)).toThrow('batches do not nest')
    expect(() => store.ledger.atomically('acme', null, 'x', () => createWorkspace(store.ledger, 'nope'), () => true)).toThrow('workspace.created cannot be part of a batch')
    expect(store.ledger.broken).toBeNull()
    expect(store.ledger.state.workspaces.has('nope')).toBe(false)
  })
})
