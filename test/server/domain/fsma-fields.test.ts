/**
 * The FSMA 204 master data (a product on the Food Traceability List, a location's GLN and FDA
 * registration, partners) replays and snapshots; a ledger written before it was kept, from its
 * journal or its snapshot, loads with none of it and nothing else changed.
 */
import { describe, expect, it } from 'vitest'
import { applyPart } from '../../../server/domain/apply'
import { putPartner } from '../../../server/domain/commands/partners'
import { putLocation, putProduct } from '../../../server/domain/commands/products'
import { locationDoc, partnerDoc, productDoc } from '../../../server/domain/docs'
import type { Ledger } from '../../../server/domain/ledger'
import type { DataRecord, JournalRecord } from '../../../server/domain/records'
import { cutSnapshot, type SnapshotPart } from '../../../server/domain/snapshot'
import { LedgerStore } from '../../../server/store/ledger-store'
import { MemoryJournal } from '../../../server/store/memory-journal'
import { LocationInput } from '../../../shared/schemas/location'
import { PartnerInput } from '../../../shared/schemas/partner'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { dumpState, populatedStore as scenario, restoreSnapshot as restore } from '../../helpers/ledger-scenario'

/** A snapshot as written before the FSMA fields: product and location rows without their last cells, no partners. */
function withoutFsma(part: SnapshotPart): SnapshotPart {
  if (part.kind !== 'head') return part
  return {
    ...part,
    workspaces: part.workspaces.map(({ partners: _partners, ...h }) => ({ ...h, products: h.products.map((r) => r.slice(0, 8)), locations: h.locations.map((r) => r.slice(0, 6)) })),
  }
}

describe('FSMA 204 master data in the ledger', () => {
  it('records from before it load: products off the list, locations without references, no partners', async () => {
    const store = await scenario()
    const { state } = store.ledger
    const acme = store.ledger.workspace('acme')
    const rec = (type: string, data: unknown) => ({ type, ws: 'acme', seq: state.seq + 1, at: '2026-06-01T00:00:00.000Z', by: null, data }) as DataRecord
    applyPart(state, rec('product.saved', { sku: 'OLD', name: 'Old product', uom: 'Units', tracking: 'lot', gtin: null, expiry: null }))
    applyPart(state, rec('location.saved', { code: 'WH/Old', name: 'Old shelf', kind: 'internal' }))
    expect(productDoc(acme.products.get('OLD')!)).toMatchObject({ sku: 'OLD', foodTraceabilityList: false })
    expect(locationDoc(acme.locations.get('WH/Old')!)).toMatchObject({ code: 'WH/Old', gln: null, fdaRegistration: null })
    // A location saved again by an old record keeps no reference it never had.
    putLocation(store.ledger, acme, null, 'WH/Old', LocationInput.parse({ name: 'Old shelf', gln: '0614141000005' }))
    applyPart(state, rec('location.saved', { code: 'WH/Old', name: 'Old shelf', kind: 'internal' }))
    expect(acme.locations.get('WH/Old')).toMatchObject({ gln: null, fdaRegistration: null })
    expect(acme.partners.size).toBe(0)
  })

  it('are kept by snapshots, and a snapshot written before them loads', async () => {
    const store = await scenario()
    const acme = store.ledger.workspace('acme')
    putProduct(store.ledger, acme, null, 'LETTUCE', ProductInput.parse({ name: 'Romaine', tracking: 'lot', foodTraceabilityList: true }))
    putLocation(store.ledger, acme, null, 'WH/Cold', LocationInput.parse({ name: 'Cold room', gln: '0614141000005', fdaRegistration: '12345678901' }))
    const farm = putPartner(store.ledger, acme, null, 'Green Acres', PartnerInput.parse({ name: 'Green Acres Farm', kind: 'farm', phone: '+1 555 0100' }))
    expect(farm.created).toBe(true)
    // The same again writes nothing.
    const seq = store.ledger.state.seq
    expect(putPartner(store.ledger, acme, null, 'Green Acres', PartnerInput.parse({ name: 'Green Acres Farm', kind: 'farm', phone: '+1 555 0100' })).created).toBe(false)
    expect(store.ledger.state.seq).toBe(seq)

    const parts = [...cutSnapshot(store.ledger.state).parts]
    const restored = restore(parts).workspaces.get('acme')!
    expect(productDoc(restored.products.get('LETTUCE')!).foodTraceabilityList).toBe(true)
    expect(restored.locations.get('WH/Cold')).toMatchObject({ gln: '0614141000005', fdaRegistration: '12345678901' })
    expect(partnerDoc(restored.partners.get('Green Acres')!)).toEqual(partnerDoc(acme.partners.get('Green Acres')!))
    const reopened = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(reopened.ledger.state, restore(parts))
    expect(dumpState(reopened)).toEqual(dumpState(store))

    const old = restore(parts.map(withoutFsma)).workspaces.get('acme')!
    expect(old.products.get('LETTUCE')!.foodTraceabilityList).toBe(false)
    expect(old.locations.get('WH/Cold')).toMatchObject({ gln: null, fdaRegistration: null })
    expect(old.partners.size).toBe(0)
    expect(old.moves.length).toBe(acme.moves.length)
  })

  it('partners replay from the journal as they were written', async () => {
    const store = await scenario()
    const acme = store.ledger.workspace('acme')
    putPartner(store.ledger, acme, null, 'FreshMart', PartnerInput.parse({ name: 'FreshMart Stores', kind: 'customer', address: '1 Market St' }))
    putPartner(store.ledger, acme, null, 'FreshMart', PartnerInput.parse({ name: 'FreshMart Stores', kind: 'customer', address: '2 Market St' }))
    await store.close()
    const lines = (store.journal as MemoryJournal<Ledger, JournalRecord>).lines
    const reopened = await LedgerStore.openMemory({ clock: new TestClock() }, lines)
    expect(partnerDoc(reopened.ledger.workspace('acme').partners.get('FreshMart')!)).toMatchObject({ name: 'FreshMart Stores', address: '2 Market St', phone: null })
  })
})
