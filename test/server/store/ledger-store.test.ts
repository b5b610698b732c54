import { readFile, writeFile, appendFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin, issueToken } from '../../../server/admin/bootstrap'
import { registerLots, patchLot } from '../../../server/domain/commands/lots'
import { putLocation, putProduct } from '../../../server/domain/commands/products'
import { patchSettings } from '../../../server/domain/commands/settings'
import { revokeToken } from '../../../server/domain/commands/workspaces'
import { locationDoc, lotDoc, moveDoc, productDoc } from '../../../server/domain/docs'
import type { Ledger } from '../../../server/domain/ledger'
import { recordOperation } from '../../../server/domain/operations/record'
import { stock } from '../../../server/domain/queries/stock'
import type { JournalRecord } from '../../../server/domain/records'
import { encodeRecord, FileJournal, JournalCorruptError } from '../../../server/store/file-journal'
import { LedgerStore } from '../../../server/store/ledger-store'
import { DataDirLockedError } from '../../../server/store/lock'
import { MemoryJournal } from '../../../server/store/memory-journal'
import type { Actor } from '../../../shared/schemas/common'
import { LocationInput } from '../../../shared/schemas/location'
import { LotInput, LotPatch } from '../../../shared/schemas/lot'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
const open: LedgerStore[] = []

afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  await temp.cleanup()
})

function keep(store: LedgerStore): LedgerStore {
  open.push(store)
  return store
}

/** Closes a store now (and stops afterEach from closing it again). */
async function closeStore(store: LedgerStore): Promise<void> {
  open.splice(open.indexOf(store), 1)
  await store.close()
}

/** Everything the state holds, as plain data (indexes included), for comparing two replays. */
function snapshot(store: LedgerStore) {
  const state = store.ledger.state
  return {
    seq: state.seq,
    tokensByHash: [...state.tokensByHash.entries()].map(([h, t]) => [h, t.id]).sort(),
    workspaces: [...state.workspaces.values()].map((ws) => ({
      id: ws.id, name: ws.name, createdAt: ws.createdAt, settings: ws.settings,
      products: [...ws.products.values()].map((p) => ({ ...productDoc(p), moves: p.moves, quants: [...p.quants].map((q) => q.key).sort() })),
      locations: [...ws.locations.values()].map((l) => ({ ...locationDoc(l), moves: l.moves })),
      lots: ws.lotList.map((l) => ({ ...lotDoc(l, '2026-06-15'), moves: l.moves, firstIn: l.firstIn })),
      lotKeys: [...ws.lots.keys()],
      quants: stock(ws, {}),
      quantKeys: [...ws.quants.keys()],
      operations: [...ws.operations.values()].map((op) => ({
        ...op, genealogy: op.genealogy.map((g) => ({ output: g.output.name, inputs: g.inputs.map((i) => i.name) })),
      })),
      byReference: [...ws.byReference.entries()].map(([ref, ops]) => [ref, ops.map((o) => o.id)]),
      moves: ws.moves.map((m) => ({ ...moveDoc(m), returned: m.returned })),
      changes: ws.changes,
      tokens: [...ws.tokens.values()],
    })),
  }
}

/** Builds a small but varied workspace through the domain commands, persisting as the API does. */
async function populate(store: LedgerStore, clock: TestClock): Promise<void> {
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
  await store.persist()

  patchLot(ledger, ws, by, 'MILK', 'L1', LotPatch.parse({ note: 'checked', expirationDate: '2026-06-30' }))
  patchSettings(ledger, ws, by, { timeZone: 'Europe/Brussels', expiredShipping: 'warn' })
  const viewer = await issueToken(store, 'acme', 'viewer', 'viewer')
  revokeToken(ledger, ws, by, viewer.token.id)
  await createWorkspaceWithAdmin(store, 'other')
  await store.persist()
}

describe('LedgerStore on a data directory', () => {
  it('replays the same state after close and reopen, and goes on from it', async () => {
    const dir = await temp.make()
    const clock = new TestClock()
    const store = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    await populate(store, clock)
    const before = snapshot(store)
    const records = await store.records(Array.from({ length: store.ledger.state.seq }, (_, i) => i + 1))
    expect(before.seq).toBeGreaterThan(15)
    expect(store.journal.durableSeq).toBe(before.seq)
    // The scenario did what it meant to: stock where expected.
    const acme = before.workspaces.find((w) => w.id === 'acme')!
    expect(acme.quants).toEqual([
      { product: 'BOLT', lot: null, location: 'WH/Stock', package: null, qty: 70, uom: 'Units' },
      { product: 'MILK', lot: 'L1', location: 'WH/Stock', package: null, qty: 4, uom: 'L' },
      { product: 'MILK', lot: 'L1', location: 'WH/Stock/Shelf 1', package: null, qty: 1, uom: 'L' },
      { product: 'MILK', lot: 'L2', location: 'WH/Stock', package: null, qty: 2.5, uom: 'L' },
      { product: 'PHONE', lot: 'S2', location: 'WH/Stock', package: null, qty: 1, uom: 'Units' },
      { product: 'PHONE', lot: 'S3', location: 'WH/Stock', package: null, qty: 1, uom: 'Units' },
      { product: 'YOGURT', lot: 'Y1', location: 'WH/Stock', package: null, qty: 5, uom: 'Units' },
    ])
    await closeStore(store)
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })

    const reopened = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    expect(snapshot(reopened)).toEqual(before)
    expect(reopened.journal.durableSeq).toBe(before.seq)
    expect(await reopened.records(records.map((r) => r.seq))).toEqual(records)

    // New writes continue the journal where it stopped, and survive another reopen.
    const ws = reopened.ledger.workspace('acme')
    const outcome = recordOperation(reopened.ledger, ws, null, OperationInput.parse({
      id: 'rcpt-2', type: 'receipt', reference: 'WH/IN/002', lines: [{ product: 'BOLT', qty: 1 }],
    }))
    expect(outcome.kind).toBe('created')
    await reopened.persist()
    expect(reopened.journal.durableSeq).toBe(before.seq + 1)
    const after = snapshot(reopened)
    await closeStore(reopened)
    const third = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    expect(snapshot(third)).toEqual(after)
    // A retry of a recorded operation is a replay, not a second record.
    expect(recordOperation(third.ledger, third.ledger.workspace('acme'), null, OperationInput.parse({
      id: 'rcpt-2', type: 'receipt', reference: 'WH/IN/002', lines: [{ product: 'BOLT', qty: 1 }],
    })).kind).toBe('replay')
  })

  it('serves records that were committed but not yet persisted, by persisting first', async () => {
    const dir = await temp.make()
    const store = keep(await LedgerStore.openDirectory(dir, { clock: new TestClock(), log: () => {} }))
    await createWorkspaceWithAdmin(store, 'acme')
    const ws = store.ledger.workspace('acme')
    putProduct(store.ledger, ws, null, 'BOLT', ProductInput.parse({ name: 'Bolt' }))
    const seq = store.ledger.state.seq
    expect(store.journal.durableSeq).toBe(seq - 1)
    const [rec] = await store.records([seq])
    expect(rec).toMatchObject({ seq, type: 'product.saved', ws: 'acme', data: { sku: 'BOLT', name: 'Bolt' } })
    expect(store.journal.durableSeq).toBe(seq)
  })

  it('holds the directory lock while open', async () => {
    const dir = await temp.make()
    const store = keep(await LedgerStore.openDirectory(dir, { log: () => {} }))
    await expect(LedgerStore.openDirectory(dir, { log: () => {} })).rejects.toThrow(DataDirLockedError)
    await closeStore(store)
    keep(await LedgerStore.openDirectory(dir, { log: () => {} }))
  })

  it('refuses a corrupt journal and releases the lock again', async () => {
    const dir = await temp.make()
    const store = keep(await LedgerStore.openDirectory(dir, { log: () => {} }))
    await createWorkspaceWithAdmin(store, 'acme')
    putProduct(store.ledger, store.ledger.workspace('acme'), null, 'BOLT', ProductInput.parse({ name: 'Bolt' }))
    await store.persist()
    await closeStore(store)
    const path = join(dir, 'journal.ndjson')
    const text = await readFile(path, 'utf8')
    const lines = text.split('\n')
    await writeFile(path, [lines[0], 'damaged', ...lines.slice(1)].join('\n'))

    await expect(LedgerStore.openDirectory(dir, { log: () => {} })).rejects.toThrow(JournalCorruptError)
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('recovers from a torn last record and keeps writing', async () => {
    const dir = await temp.make()
    const store = keep(await LedgerStore.openDirectory(dir, { log: () => {} }))
    await createWorkspaceWithAdmin(store, 'acme')
    await closeStore(store)
    const path = join(dir, 'journal.ndjson')
    const size = (await stat(path)).size
    await appendFile(path, encodeRecord({ seq: 3, type: 'product.saved', ws: 'acme' }).subarray(0, 15))
    const logs: string[] = []
    const reopened = keep(await LedgerStore.openDirectory(dir, { log: (m) => logs.push(m) }))
    expect(logs).toHaveLength(1)
    expect((await stat(path)).size).toBe(size)
    expect(reopened.journal).toBeInstanceOf(FileJournal)
    putProduct(reopened.ledger, reopened.ledger.workspace('acme'), null, 'BOLT', ProductInput.parse({ name: 'Bolt' }))
    await reopened.persist()
    await closeStore(reopened)
    const third = keep(await LedgerStore.openDirectory(dir, { log: () => {} }))
    expect(third.ledger.workspace('acme').products.get('BOLT')?.name).toBe('Bolt')
  })
})

describe('LedgerStore in memory', () => {
  it('replays the same state from the lines of an earlier store', async () => {
    const clock = new TestClock()
    const store = await LedgerStore.openMemory({ clock })
    await populate(store, clock)
    const before = snapshot(store)
    expect(store.journal).toBeInstanceOf(MemoryJournal)
    const lines = (store.journal as MemoryJournal<Ledger, JournalRecord>).lines
    expect(lines).toHaveLength(before.seq)
    await store.close()

    const reopened = await LedgerStore.openMemory({ clock }, lines)
    expect(snapshot(reopened)).toEqual(before)
    const all = Array.from({ length: before.seq }, (_, i) => i + 1)
    expect((await reopened.records(all)).map((r) => r.seq)).toEqual(all)
    await reopened.close()
  })

  it('starts empty without lines', async () => {
    const store = await LedgerStore.openMemory()
    expect(store.ledger.state.seq).toBe(0)
    expect(store.ledger.state.workspaces.size).toBe(0)
    expect(store.journal.durableSeq).toBe(0)
    await store.close()
  })
})
