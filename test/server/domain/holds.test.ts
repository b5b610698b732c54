/**
 * Holds in the state: lots made from a held lot join its recalls whatever wrote the record, a
 * batch that fails takes that back, and snapshots keep recalls and holds (older ones, written
 * before recalls, still load).
 */
import { describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin } from '../../../server/admin/bootstrap'
import { putProduct } from '../../../server/domain/commands/products'
import { closeRecall, openRecall } from '../../../server/domain/commands/recalls'
import { holdOf } from '../../../server/domain/holds'
import { recordOperation } from '../../../server/domain/operations/record'
import type { StoredResult } from '../../../server/domain/records'
import { cutSnapshot, SnapshotRestorer, type SnapshotPart } from '../../../server/domain/snapshot'
import { LedgerStore } from '../../../server/store/ledger-store'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { dumpState } from '../../helpers/ledger-scenario'

/** A workspace with a lot M1 of MILK in stock, recalled by `rc`, and a lot F1 of FLOUR not held. */
async function heldScenario() {
  const store = await LedgerStore.openMemory({ clock: new TestClock('2026-06-15T10:00:00Z') })
  await createWorkspaceWithAdmin(store, 'acme')
  const ledger = store.ledger
  const ws = ledger.workspace('acme')
  for (const sku of ['MILK', 'FLOUR', 'CHEESE']) putProduct(ledger, ws, null, sku, ProductInput.parse({ name: sku, tracking: 'lot' }))
  recordOperation(ledger, ws, null, OperationInput.parse({
    id: 'po', type: 'receipt', reference: 'PO', lines: [{ product: 'MILK', qty: 10, lot: 'M1' }, { product: 'FLOUR', qty: 10, lot: 'F1' }],
  }))
  openRecall(ledger, ws, null, { id: 'rc', product: 'MILK', lot: 'M1', reason: 'Notice' })
  await store.persist()
  return { store, ledger, ws }
}

/**
 * A production record that consumed M1 and F1 into C1, as a journal may hold it without having
 * been planned against the hold (written by another server, or before the recall was known).
 */
function unplannedProduction(id: string): StoredResult {
  return {
    operation: {
      id, type: 'production', reference: id, date: '2026-06-15T10:00:00.000Z', partner: null, note: null, correctionOf: null, override: null,
      createdAt: '2026-06-15T10:00:00.000Z', createdBy: null, request: {},
    },
    moves: [
      ['MILK', 'M1', 1, 'Units', 'WH/Stock', 'Production', null, null],
      ['FLOUR', 'F1', 1, 'Units', 'WH/Stock', 'Production', null, null],
      ['CHEESE', 'C1', 1, 'Units', 'Production', 'WH/Stock', null, null],
    ],
    lots: [['CHEESE', 'C1', true, null, null, null, null]],
    genealogy: [{ product: 'CHEESE', lot: 'C1', inputs: [{ product: 'MILK', lot: 'M1', qty: null }, { product: 'FLOUR', lot: 'F1', qty: null }] }],
  }
}

function restore(parts: Iterable<SnapshotPart>) {
  const restorer = new SnapshotRestorer()
  for (const part of parts) restorer.push(part)
  return restorer.finish()
}

describe('holds', () => {
  it('hold a lot made later from a held lot under the same recall, and not the lots made only from free ones', async () => {
    const { ledger, ws } = await heldScenario()
    ledger.commit({ type: 'operation.recorded', ws: 'acme', by: null, data: { hash: 'x', result: unplannedProduction('mo') } })
    const c1 = ws.products.get('CHEESE')!.lots.get('C1')!
    expect(holdOf(ws, c1)?.id).toBe('rc')
    expect(ws.recalls.get('rc')!.lots.map((l) => l.name)).toEqual(['M1', 'C1'])
    expect(holdOf(ws, ws.products.get('FLOUR')!.lots.get('F1')!)).toBeUndefined()
    closeRecall(ledger, ws, null, 'rc', 'Done')
    expect(holdOf(ws, c1)).toBeUndefined()
  })

  it('taken by a batch that fails are let go again', async () => {
    const { ledger, ws } = await heldScenario()
    expect(() => ledger.atomically('acme', null, 'import', () => {
      ledger.commit({ type: 'operation.recorded', ws: 'acme', by: null, data: { hash: 'x', result: unplannedProduction('mo') } })
      throw new Error('a later row failed')
    }, () => true)).toThrow('a later row failed')
    expect(ws.recalls.get('rc')!.lots.map((l) => l.name)).toEqual(['M1'])
    expect([...ws.holds.keys()].map((l) => l.name)).toEqual(['M1'])
  })

  it('are kept by a snapshot: the restored state is the replayed one, open and closed recalls alike', async () => {
    const { store, ledger, ws } = await heldScenario()
    ledger.commit({ type: 'operation.recorded', ws: 'acme', by: null, data: { hash: 'x', result: unplannedProduction('mo') } })
    openRecall(ledger, ws, { token: 't1', name: 'Quality' }, { id: 'rc-2', product: 'FLOUR', lot: 'F1', reason: 'Mould' })
    openRecall(ledger, ws, null, { id: 'rc-3', product: 'CHEESE', lot: 'C1', reason: 'Label' })
    closeRecall(ledger, ws, { token: 't1', name: 'Quality' }, 'rc-3', 'Relabelled')
    await store.persist()
    const before = dumpState(store)
    expect(before.workspaces[0].holds).toEqual(['CHEESE/C1: rc, rc-2', 'FLOUR/F1: rc-2', 'MILK/M1: rc'])
    const restored = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(restored.ledger.state, restore(cutSnapshot(store.ledger.state).parts))
    expect(dumpState(restored)).toEqual(before)
  })

  it('are none in a version 3 snapshot, written before recalls, which still loads', async () => {
    const store = await LedgerStore.openMemory({ clock: new TestClock() })
    await createWorkspaceWithAdmin(store, 'acme')
    const v3 = [...cutSnapshot(store.ledger.state).parts].map((p): SnapshotPart => {
      if (p.kind !== 'head') return p
      return { ...p, version: 3, workspaces: p.workspaces.map(({ recalls: _recalls, ...h }) => h) }
    })
    const state = restore(v3)
    expect(state.workspaces.get('acme')!.recalls.size).toBe(0)
    expect(state.workspaces.get('acme')!.holds.size).toBe(0)
  })
})
