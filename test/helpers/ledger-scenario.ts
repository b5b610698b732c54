/** A varied ledger built through the domain commands, and a dump of everything a state holds. */
import { expect } from 'vitest'
import { createWorkspaceWithAdmin, issueToken } from '../../server/admin/bootstrap'
import { patchLot, registerLots } from '../../server/domain/commands/lots'
import { putLocation, putProduct } from '../../server/domain/commands/products'
import { patchSettings } from '../../server/domain/commands/settings'
import { revokeToken } from '../../server/domain/commands/workspaces'
import { locationDoc, lotDoc, moveDoc, productDoc } from '../../server/domain/docs'
import type { Ledger } from '../../server/domain/ledger'
import { recordOperation } from '../../server/domain/operations/record'
import { stock } from '../../server/domain/queries/stock'
import { referenceIndex, type QuantRec } from '../../server/domain/state'
import { SnapshotRestorer, type SnapshotPart } from '../../server/domain/snapshot'
import { LedgerStore } from '../../server/store/ledger-store'
import type { Actor } from '../../shared/schemas/common'
import { LocationInput } from '../../shared/schemas/location'
import { LotInput, LotPatch } from '../../shared/schemas/lot'
import { OperationInput } from '../../shared/schemas/operation'
import { ProductInput } from '../../shared/schemas/product'
import { TestClock } from './clock'

/** Where a quant is: product, lot, location and package. */
const placeOf = (q: QuantRec) => [q.product.sku, q.lot?.name ?? null, q.location.code, q.package].join('|')

/** Everything the state holds, as plain data (indexes included), for comparing two replays. */
export function dumpState(store: LedgerStore) {
  const state = store.ledger.state
  return {
    seq: state.seq,
    tokensByHash: [...state.tokensByHash.entries()].map(([h, t]) => [h, t.id]).sort(),
    workspaces: [...state.workspaces.values()].map((ws) => ({
      id: ws.id, name: ws.name, createdAt: ws.createdAt, settings: ws.settings,
      products: [...ws.products.values()].map((p) => ({
        ...productDoc(p), moves: p.moves, quants: [...p.quants].map(placeOf), looseQuants: [...p.looseQuants].map(([k, q]) => [k, placeOf(q)]),
      })),
      locations: [...ws.locations.values()].map((l) => ({ ...locationDoc(l), moves: l.moves })),
      lots: ws.lotList.map((l) => ({ ...lotDoc(l, '2026-06-15'), moves: l.moves, firstIn: l.firstIn })),
      lotNames: [...ws.products.values()].map((p) => [...p.lots.keys()]),
      quants: stock(ws, {}),
      lotQuants: ws.lotList.map((l) => [...l.quants].map(placeOf)),
      operations: [...ws.operations.values()].map((op) => ({
        ...op, genealogy: op.genealogy.map((g) => ({ output: g.output.name, inputs: g.inputs.map((i) => i.name) })),
      })),
      byReference: [...referenceIndex(ws).entries()].map(([ref, ops]) => [ref, ops.map((o) => o.id)]),
      moves: ws.moves.slice(0).map((m) => ({ ...moveDoc(m), returned: m.returned })),
      changes: ws.changes,
      tokens: [...ws.tokens.values()],
      recalls: [...ws.recalls.values()].map((r) => ({ ...r, lots: r.lots.map((l) => `${l.product.sku}/${l.name}`) })),
      // Sorted: a replay holds lots in the order they were held, a snapshot recall by recall.
      holds: [...ws.holds].map(([l, rs]) => `${l.product.sku}/${l.name}: ${rs.map((r) => r.id).join(', ')}`).sort(),
    })),
  }
}

/** Builds a small but varied workspace through the domain commands, persisting as the API does. */
export async function populate(store: LedgerStore, clock: TestClock): Promise<void> {
  const ledger: Ledger = store.ledger
  const issued = await createWorkspaceWithAdmin(store, 'acme', 'Acme – Crème brûlée & Co')
  const by: Actor = { token: issued.token.id, name: issued.token.name }
  const ws = ledger.workspace('acme')
  const op = (input: unknown) => {
    const outcome = recordOperation(ledger, ws, by, OperationInput.parse(input))
    expect(outcome.kind).toBe('created')
  }

  putProduct(ledger, ws, by, 'MILK', ProductInput.parse({ name: 'Milk 1L', uom: 'L', tracking: 'lot', expiry: { expirationDays: 10, alertDays: 2 } }))
  putProduct(ledger, ws, by, 'BOLT', ProductInput.parse({ name: 'Bolt M6', gtin: '4006381333931' }))
  putProduct(ledger, ws, by, 'PHONE', ProductInput.parse({ name: 'Phone', tracking: 'serial' }))
  putProduct(ledger, ws, by, 'YOGURT', ProductInput.parse({ name: 'Yogurt 日本', tracking: 'lot', expiry: { expirationDays: 20 } }))
  putLocation(ledger, ws, by, 'WH/Stock/Shelf 1', LocationInput.parse({ name: 'Shelf 1' }))
  await store.persist()

  registerLots(ledger, ws, by, [LotInput.parse({ product: 'MILK', name: 'L1', ref: 'MFR-001', note: 'first lot' })])
  await store.persist()
  op({ id: 'rcpt-1', type: 'receipt', reference: 'WH/IN/001', partner: 'Dairy Co', lines: [
    { product: 'MILK', qty: 10, lot: 'L1' },
    { product: 'MILK', qty: '2.5', lot: 'L2', expirationDate: '2026-07-01' },
    { product: 'BOLT', qty: 100 },
    { product: 'PHONE', serials: ['S1', 'S2', 'S3'] },
  ] })
  await store.persist()
  clock.advanceDays(1)
  op({ id: 'int-1', type: 'internal', reference: 'WH/INT/001', from: 'WH/Stock', to: 'WH/Stock/Shelf 1', lines: [{ product: 'MILK', qty: 4, lot: 'L1' }] })
  op({ id: 'del-1', type: 'delivery', reference: 'WH/OUT/001', partner: 'Shop', lines: [
    { product: 'MILK', qty: 3, lot: 'L1', from: 'WH/Stock/Shelf 1' },
    { product: 'BOLT', qty: 30 },
    { product: 'PHONE', serials: ['S1'] },
  ] })
  // Two commits, one persist: the journal takes both records in one write.
  await store.persist()
  op({ id: 'prod-1', type: 'production', reference: 'MO/001', consume: [{ product: 'MILK', qty: 2, lot: 'L1' }], produce: [{ product: 'YOGURT', qty: 5, lot: 'Y1' }] })
  op({ id: 'ret-1', type: 'return', reference: 'WH/RET/001', correctionOf: 'del-1', lines: [{ product: 'BOLT', qty: 5 }] })
  op({ id: 'scrap-1', type: 'scrap', reference: 'SCRAP/001', lines: [{ product: 'BOLT', qty: '0.5' }] })
  op({ id: 'adj-1', type: 'adjustment', reference: 'INV/001', lines: [{ product: 'BOLT', location: 'WH/Stock', countedQty: 70 }] })
  // Packages, with and without lot, at two places; one emptied.
  op({ id: 'rcpt-pack', type: 'receipt', reference: 'WH/IN/PACK', lines: [
    { product: 'BOLT', qty: 12, package: 'BOX-1' },
    { product: 'BOLT', qty: 3, package: 'BOX-2' },
    { product: 'MILK', qty: 2, lot: 'L2', package: 'CRATE-1' },
  ] })
  op({ id: 'int-pack', type: 'internal', reference: 'WH/INT/PACK', from: 'WH/Stock', to: 'WH/Stock/Shelf 1', lines: [
    { product: 'BOLT', qty: 5, package: 'BOX-1' },
    { product: 'BOLT', qty: 3, package: 'BOX-2' },
    { product: 'MILK', qty: 1, lot: 'L2', package: 'CRATE-1' },
  ] })
  await store.persist()

  patchLot(ledger, ws, by, 'MILK', 'L1', LotPatch.parse({ note: 'checked', expirationDate: '2026-06-30' }))
  patchSettings(ledger, ws, by, { timeZone: 'Europe/Brussels', expiredShipping: 'warn' })
  const viewer = await issueToken(store, 'acme', 'viewer', 'viewer')
  revokeToken(ledger, ws, by, viewer.token.id)
  await createWorkspaceWithAdmin(store, 'other')
  await store.persist()
}


/** An in-memory store holding the varied ledger of {@link populate}. */
export async function populatedStore(): Promise<LedgerStore> {
  const store = await LedgerStore.openMemory({ clock: new TestClock() })
  await populate(store, new TestClock())
  return store
}

/** The state a snapshot's parts rebuild. */
export function restoreSnapshot(parts: Iterable<SnapshotPart>) {
  const restorer = new SnapshotRestorer()
  for (const part of parts) restorer.push(part)
  return restorer.finish()
}
