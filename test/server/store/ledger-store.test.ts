import { readFile, writeFile, appendFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createWorkspaceWithAdmin } from '../../../server/admin/bootstrap'
import { putProduct } from '../../../server/domain/commands/products'
import { Ledger } from '../../../server/domain/ledger'
import { recordOperation } from '../../../server/domain/operations/record'
import type { JournalRecord } from '../../../server/domain/records'
import { FileJournal, JournalCorruptError } from '../../../server/store/file-journal'
import { encodeRecord } from '../../../server/store/journal-line'
import { LedgerStore } from '../../../server/store/ledger-store'
import { DataDirLockedError } from '../../../server/store/lock'
import { MemoryJournal } from '../../../server/store/memory-journal'
import { OperationInput } from '../../../shared/schemas/operation'
import { ProductInput } from '../../../shared/schemas/product'
import { TestClock } from '../../helpers/clock'
import { tempDirs } from '../../helpers/temp'
import { dumpState, populate } from '../../helpers/ledger-scenario'

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

describe('LedgerStore on a data directory', () => {
  it('replays the same state after close and reopen, and goes on from it', async () => {
    const dir = await temp.make()
    const clock = new TestClock()
    const store = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    await populate(store, clock)
    const before = dumpState(store)
    const records = await store.records(Array.from({ length: store.ledger.state.seq }, (_, i) => i + 1))
    expect(before.seq).toBeGreaterThan(15)
    expect(store.journal.durableSeq).toBe(before.seq)
    // The scenario did what it meant to: stock where expected.
    const acme = before.workspaces.find((w) => w.id === 'acme')!
    expect(acme.quants).toEqual([
      { product: 'BOLT', lot: null, location: 'WH/Stock', package: null, qty: 70, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'BOLT', lot: null, location: 'WH/Stock', package: 'BOX-1', qty: 7, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'BOLT', lot: null, location: 'WH/Stock/Shelf 1', package: 'BOX-1', qty: 5, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'BOLT', lot: null, location: 'WH/Stock/Shelf 1', package: 'BOX-2', qty: 3, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'MILK', lot: 'L1', location: 'WH/Stock', package: null, qty: 4, uom: 'L', expirationDate: '2026-06-30', alertDate: '2026-06-28' },
      { product: 'MILK', lot: 'L1', location: 'WH/Stock/Shelf 1', package: null, qty: 1, uom: 'L', expirationDate: '2026-06-30', alertDate: '2026-06-28' },
      { product: 'MILK', lot: 'L2', location: 'WH/Stock', package: null, qty: 2.5, uom: 'L', expirationDate: '2026-07-01', alertDate: '2026-06-29' },
      { product: 'MILK', lot: 'L2', location: 'WH/Stock', package: 'CRATE-1', qty: 1, uom: 'L', expirationDate: '2026-07-01', alertDate: '2026-06-29' },
      { product: 'MILK', lot: 'L2', location: 'WH/Stock/Shelf 1', package: 'CRATE-1', qty: 1, uom: 'L', expirationDate: '2026-07-01', alertDate: '2026-06-29' },
      { product: 'PHONE', lot: 'S2', location: 'WH/Stock', package: null, qty: 1, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'PHONE', lot: 'S3', location: 'WH/Stock', package: null, qty: 1, uom: 'Units', expirationDate: null, alertDate: null },
      { product: 'YOGURT', lot: 'Y1', location: 'WH/Stock', package: null, qty: 5, uom: 'Units', expirationDate: '2026-07-06', alertDate: '2026-07-06' },
    ])
    await closeStore(store)
    await expect(readFile(join(dir, 'LOCK'))).rejects.toMatchObject({ code: 'ENOENT' })

    const reopened = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    expect(dumpState(reopened)).toEqual(before)
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
    const after = dumpState(reopened)
    await closeStore(reopened)
    const third = keep(await LedgerStore.openDirectory(dir, { clock, log: () => {} }))
    expect(dumpState(third)).toEqual(after)
    // A retry of a recorded operation is a replay, not a second record.
    expect(recordOperation(third.ledger, third.ledger.workspace('acme'), null, OperationInput.parse({
      id: 'rcpt-2', type: 'receipt', reference: 'WH/IN/002', lines: [{ product: 'BOLT', qty: 1 }],
    })).kind).toBe('exists')
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
    const before = dumpState(store)
    expect(store.journal).toBeInstanceOf(MemoryJournal)
    const lines = (store.journal as MemoryJournal<Ledger, JournalRecord>).lines
    expect(lines).toHaveLength(before.seq)
    await store.close()

    const reopened = await LedgerStore.openMemory({ clock }, lines)
    expect(dumpState(reopened)).toEqual(before)
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

describe('LedgerStore when storage fails', () => {
  it('answers an internal error that keeps the storage failure as its cause, and reports it as fatal', async () => {
    const disk = new Error('EIO: i/o error, write')
    const journal = new MemoryJournal<Ledger, JournalRecord>(() => new Ledger(new TestClock()))
    journal.write = async () => {
      throw disk
    }
    const fatal: Error[] = []
    const store = await LedgerStore.open(journal, new TestClock(), { onFatal: (e) => fatal.push(e) })
    await createWorkspaceWithAdmin(store, 'acme').catch(() => {})
    const failed = await store.persist().then(() => null, (e: unknown) => e)
    expect(failed).toMatchObject({ code: 'internal', message: 'the ledger could not be saved; the server is stopping' })
    expect((failed as Error).cause).toBe(disk)
    expect(fatal).toContain(disk)
  })
})
