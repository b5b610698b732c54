/**
 * The KDEs receipts recorded are kept by the state and its snapshots, so that an export reads
 * no journal for them; a state restored from a snapshot that did not keep them (before version 6)
 * reads those receipts back from the journal, and finds the same.
 */
import { describe, expect, it, vi } from 'vitest'
import { createWorkspaceWithAdmin } from '../../../server/admin/bootstrap'
import { putProduct } from '../../../server/domain/commands/products'
import { recordOperation } from '../../../server/domain/operations/record'
import { cutSnapshot, SNAPSHOT_VERSION, type SnapshotPart } from '../../../server/domain/snapshot'
import type { WorkspaceState } from '../../../server/domain/state'
import { receiptKdes } from '../../../server/exports/fsma204-select'
import { LedgerStore } from '../../../server/store/ledger-store'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { dumpState, restoreSnapshot } from '../../helpers/ledger-scenario'

const PACKED = { initialPacking: { location: 'Valley packhouse', date: '2026-11-02' } }
const KDES = { harvest: { farm: 'Green Acres Farm', field: 'Block 7', date: '2026-11-01' }, cooling: { location: 'Green Acres cooler', date: '2026-11-01' } }

/** A ledger with two receipts, one with KDEs, a delivery, and an import of a receipt with KDEs (one record); and its store. */
async function ledger(): Promise<LedgerStore> {
  const store = await LedgerStore.openMemory({ clock: new TestClock() })
  const issued = await createWorkspaceWithAdmin(store, 'acme')
  const by = { token: issued.token.id, name: issued.token.name }
  const ws = store.ledger.workspace('acme')
  putProduct(store.ledger, ws, by, 'LETTUCE', ProductInput.parse({ name: 'Romaine lettuce', uom: 'kg', tracking: 'lot', foodTraceabilityList: true }))
  const op = (input: unknown) => expect(recordOperation(store.ledger, ws, by, OperationInput.parse(input)).kind).toBe('created')
  op({ id: 'r1', type: 'receipt', reference: 'PO-7', partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: 'LET-1', qty: 100 }], kdes: KDES })
  op({ id: 'r2', type: 'receipt', reference: 'PO-8', partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: 'LET-2', qty: 50 }] })
  op({ id: 'd1', type: 'delivery', reference: 'OUT-1', partner: 'FreshMart', lines: [{ product: 'LETTUCE', lot: 'LET-1', qty: 30 }] })
  const imported = (id: string) => ({ id, type: 'receipt', reference: `PO-${id}`, partner: 'Green Acres', lines: [{ product: 'LETTUCE', lot: `LET-${id}`, qty: 5 }], kdes: PACKED })
  // A dry run's receipt leaves nothing behind; an import's is kept, in one batch record.
  store.ledger.atomically('acme', by, 'import', () => op(imported('dry')), () => false)
  store.ledger.atomically('acme', by, 'import', () => op(imported('i1')), () => true)
  await store.persist()
  return store
}

/** The KDEs `receiptKdes` finds for the operations of `ws`, by operation id, and how many journal reads it made. */
async function found(ws: WorkspaceState, journal: LedgerStore): Promise<{ kdes: Record<string, unknown>; reads: number }> {
  const reads = vi.spyOn(journal, 'records')
  try {
    const kdes = await receiptKdes(ws, journal, [...ws.operations.values()])
    return { kdes: Object.fromEntries([...kdes].map(([op, k]) => [op.id, k])), reads: reads.mock.calls.length }
  } finally {
    reads.mockRestore()
  }
}

const restored = async (parts: SnapshotPart[]): Promise<WorkspaceState> => {
  const store = await LedgerStore.openMemory({ clock: new TestClock() })
  Object.assign(store.ledger.state, restoreSnapshot(JSON.parse(JSON.stringify(parts)) as SnapshotPart[]))
  return store.ledger.workspace('acme')
}

describe('the KDEs receipts recorded', () => {
  it('are known to the state as it records them: the journal is not read', async () => {
    const store = await ledger()
    expect(await found(store.ledger.workspace('acme'), store)).toEqual({ kdes: { r1: KDES, i1: PACKED }, reads: 0 })
  })

  it('are kept by a snapshot, and known again once it is restored', async () => {
    const store = await ledger()
    const parts = [...cutSnapshot(store.ledger.state).parts]
    expect(parts[0]).toMatchObject({ kind: 'head', version: SNAPSHOT_VERSION })
    const ws = await restored(parts)
    expect(await found(ws, store)).toEqual({ kdes: { r1: KDES, i1: PACKED }, reads: 0 })
    expect(ws.receiptKdes).toEqual(store.ledger.workspace('acme').receiptKdes)
  })

  it('are read back from the journal for receipts restored from a version 5 snapshot, which did not keep them', async () => {
    const store = await ledger()
    const parts = [...cutSnapshot(store.ledger.state).parts].map((p) => {
      if (p.kind !== 'head') return p
      return { ...p, version: 5, workspaces: p.workspaces.map(({ receiptKdes: _, ...h }) => h) }
    })
    const ws = await restored(parts)
    expect(ws.receiptKdes.from).toBe(store.ledger.state.seq + 1)
    expect(await found(ws, store)).toEqual({ kdes: { r1: KDES, i1: PACKED }, reads: 1 })
    // Read once: a recorded operation never changes.
    expect(await found(ws, store)).toEqual({ kdes: { r1: KDES, i1: PACKED }, reads: 0 })
    const replayed = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(replayed.ledger.state, restoreSnapshot(parts))
    expect(dumpState(replayed)).toEqual(dumpState(store))
  })
})
