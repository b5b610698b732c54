import { copyFile, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { putProduct } from '../../../server/domain/commands/products'
import { FileJournal, JournalCorruptError, snapshotPath } from '../../../server/store/file-journal'
import type { SnapshotPolicy } from '../../../server/store/journal-snapshots'
import { LedgerStore } from '../../../server/store/ledger-store'
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

async function openDir(dir: string, logs: string[] = [], snapshots: SnapshotPolicy = {}): Promise<LedgerStore> {
  const store = await LedgerStore.openDirectory(dir, { clock: new TestClock(), log: (m) => logs.push(m), snapshots })
  open.push(store)
  return store
}

async function closeStore(store: LedgerStore): Promise<void> {
  open.splice(open.indexOf(store), 1)
  await store.close()
}

const journalOf = (store: LedgerStore) => store.journal as FileJournal<any, any>
/** The delay before a snapshot due at a start, shortened for these tests. */
const AFTER_START_MS = 20
/**
 * Resolves after a store opened before this call has passed its start delay: timers of the same
 * duration fire in the order they were set.
 */
const pastStartDelay = () => new Promise((r) => setTimeout(r, AFTER_START_MS))
/** Each file in `dir` with what changes when it is written again. */
async function filesIn(dir: string): Promise<Array<[string, number, number]>> {
  const names = (await readdir(dir)).sort()
  return Promise.all(names.map(async (n) => [n, ...(await stat(join(dir, n)).then((s) => [s.ino, s.mtimeMs]))] as [string, number, number]))
}

describe('snapshots', () => {
  it('are written at a clean stop, and a restart from one equals a full replay', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    const before = dumpState(store)
    await closeStore(store)
    expect((await stat(join(dir, 'journal.snapshot'))).size).toBeGreaterThan(0)

    const logs: string[] = []
    const restarted = await openDir(dir, logs)
    expect(journalOf(restarted).snapshotSeq).toBe(before.seq)
    expect(dumpState(restarted)).toEqual(before)
    expect(logs).toEqual([])
    // Records covered by the snapshot are still served from the journal.
    const all = Array.from({ length: before.seq }, (_, i) => i + 1)
    expect((await restarted.records(all)).map((r) => r.seq)).toEqual(all)
  })

  it('are taken in the background as the journal grows; a crash replays only what came after', async () => {
    const dir = await temp.make()
    const store = await openDir(dir, [], { everyRecords: 5 })
    await populate(store, new TestClock())
    await journalOf(store).idle()
    const snapshotSeq = journalOf(store).snapshotSeq
    expect(snapshotSeq).toBeGreaterThanOrEqual(5)
    const ws = store.ledger.workspace('acme')
    putProduct(store.ledger, ws, null, 'LATE', ProductInput.parse({ name: 'Written after the snapshot' }))
    await store.persist()
    await journalOf(store).idle()
    expect(journalOf(store).snapshotSeq).toBe(snapshotSeq)
    expect(snapshotSeq).toBeLessThan(store.ledger.state.seq)
    // A copy of the files as they are now stands for a crash: the snapshot is behind the journal.
    const crashed = await temp.make()
    await copyFile(join(dir, 'journal.ndjson'), join(crashed, 'journal.ndjson'))
    await copyFile(join(dir, 'journal.snapshot'), join(crashed, 'journal.snapshot'))
    const recovered = await openDir(crashed)
    expect(journalOf(recovered).snapshotSeq).toBe(snapshotSeq)
    expect(dumpState(recovered)).toEqual(dumpState(store))
  })

  it('fall back to a full replay when damaged, and say so', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    const before = dumpState(store)
    await closeStore(store)
    const path = join(dir, 'journal.snapshot')
    const bytes = await readFile(path)
    bytes[Math.floor(bytes.length / 2)] ^= 0x01
    await writeFile(path, bytes)
    const logs: string[] = []
    const restarted = await openDir(dir, logs)
    expect(logs).toEqual([expect.stringMatching(/snapshot unusable \(snapshot .* is damaged at part \d+\); replaying the whole journal/)])
    expect(dumpState(restarted)).toEqual(before)
  })

  it('fall back to a full replay when cut short', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    const before = dumpState(store)
    await closeStore(store)
    const path = join(dir, 'journal.snapshot')
    const text = (await readFile(path, 'utf8')).split('\n')
    await writeFile(path, text.slice(0, -2).join('\n') + '\n')
    const logs: string[] = []
    const restarted = await openDir(dir, logs)
    expect(logs[0]).toMatch(/no trailer/)
    expect(dumpState(restarted)).toEqual(before)
  })

  it('are ignored when they do not match the journal (a journal restored from an older backup)', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    const journal = join(dir, 'journal.ndjson')
    const older = await readFile(journal)
    putProduct(store.ledger, store.ledger.workspace('acme'), null, 'NEW', ProductInput.parse({ name: 'New' }))
    await store.persist()
    await closeStore(store)
    await writeFile(journal, older)
    const logs: string[] = []
    const restarted = await openDir(dir, logs)
    expect(logs).toEqual([expect.stringContaining('snapshot does not match the journal')])
    expect(restarted.ledger.workspace('acme').products.has('NEW')).toBe(false)
    expect(restarted.ledger.workspace('acme').products.has('MILK')).toBe(true)
  })

  it('leave damage in the records they cover to be found when those records are read', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    await closeStore(store)
    const journal = join(dir, 'journal.ndjson')
    const text = await readFile(journal, 'utf8')
    // Same length, one letter changed inside record 2: only its checksum can tell.
    const second = text.indexOf('\n') + 1
    const at = text.indexOf('"type"', second) + 2
    await writeFile(journal, text.slice(0, at) + 'X' + text.slice(at + 1))
    const restarted = await openDir(dir)
    await expect(restarted.records([2])).rejects.toThrow(JournalCorruptError)
    expect((await restarted.records([1]))[0].seq).toBe(1)
  })

  it('wait a moment after a start when one is due already, then are taken', async () => {
    const dir = await temp.make()
    const first = await openDir(dir)
    await populate(first, new TestClock())
    await closeStore(first)
    await rm(join(dir, 'journal.snapshot'))
    const reopened = await openDir(dir, [], { everyRecords: 5, afterStartMs: AFTER_START_MS })
    // None at once: the start stays short.
    expect(journalOf(reopened).snapshotSeq).toBe(0)
    await pastStartDelay()
    await journalOf(reopened).idle()
    expect(journalOf(reopened).snapshotSeq).toBe(reopened.ledger.state.seq)
  })

  it('never run two at once, and none starts after the store closed', async () => {
    const dir = await temp.make()
    const first = await openDir(dir, [], { everyRecords: 1_000_000 })
    await populate(first, new TestClock())
    await closeStore(first)
    await rm(join(dir, 'journal.snapshot'))
    // The snapshot is due at once (no snapshot, policy of 5): the store plans one shortly after
    // it opened, and closing right away writes its own instead.
    const logs: string[] = []
    const reopened = await openDir(dir, logs, { everyRecords: 5, afterStartMs: AFTER_START_MS })
    await closeStore(reopened)
    const closed = await filesIn(dir)
    expect(closed.map(([name]) => name)).toContain('journal.snapshot')
    // Past the moment the planned one was due: had it started, idle() would wait for it to end.
    await pastStartDelay()
    await journalOf(reopened).idle()
    expect(await filesIn(dir)).toEqual(closed)
    const again = await openDir(dir, logs)
    expect(journalOf(again).snapshotSeq).toBe(again.ledger.state.seq)
    expect(logs).toEqual([])
  })

  it('live beside the journal', () => {
    expect(snapshotPath('/data/journal.ndjson')).toBe('/data/journal.snapshot')
  })
})
