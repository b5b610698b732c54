/**
 * Snapshots written by earlier versions still load: a version 4 snapshot (lots, quants and moves
 * as JSON columns) and a version 6 one (a row of all a lot says), each kept as a file beside the
 * journal it was cut from, rebuild the state that replaying that journal builds. And today's
 * version writes its big tables as typed columns.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cutSnapshot, SNAPSHOT_VERSION, type SnapshotPart } from '../../../server/domain/snapshot'
import { LedgerStore } from '../../../server/store/ledger-store'
import { TestClock } from '../../helpers/clock'
import { dumpState, populatedStore, restoreSnapshot } from '../../helpers/ledger-scenario'

const FIXTURES = join(import.meta.dirname, '../../fixtures/snapshots')
const lines = (file: string) => readFileSync(join(FIXTURES, file), 'utf8').split('\n').filter((l) => l !== '')

describe('snapshots of earlier versions', () => {
  it('a version 4 snapshot rebuilds the state its journal replays to', async () => {
    const parts = lines('v4-snapshot.ndjson').map((l) => JSON.parse(l) as SnapshotPart)
    expect(parts[0]).toMatchObject({ kind: 'head', version: 4 })
    expect(new Set(parts.map((p) => p.kind))).toEqual(new Set(['head', 'lots', 'quants', 'operations', 'moves', 'changes']))
    const replayed = await LedgerStore.openMemory({ clock: new TestClock() }, lines('v4-journal.ndjson'))
    const restored = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(restored.ledger.state, restoreSnapshot(parts))
    expect(dumpState(restored)).toEqual(dumpState(replayed))
    expect(restored.ledger.workspace('acme').lotList.length).toBeGreaterThan(3)
  })
})

describe('a version 6 snapshot', () => {
  it('rebuilds the state its journal replays to, from rows of all a lot says', async () => {
    const parts = lines('v6-snapshot.ndjson').map((l) => JSON.parse(l) as SnapshotPart)
    expect(parts[0]).toMatchObject({ kind: 'head', version: 6 })
    const lotTable = parts.find((p) => p.kind === 'lot-table')
    expect(lotTable).not.toHaveProperty('dates')
    const replayed = await LedgerStore.openMemory({ clock: new TestClock() }, lines('v6-journal.ndjson'))
    const restored = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(restored.ledger.state, restoreSnapshot(parts))
    expect(dumpState(restored)).toEqual(dumpState(replayed))
    expect(restored.ledger.workspace('acme').lotList.length).toBe(6)
  })
})

describe('what a lot says, in a snapshot of this version', () => {
  it('is a row of its dates and one of its stamps, each shared by the lots that say the same', async () => {
    const store = await populatedStore()
    const ws = store.ledger.workspace('acme')
    const parts = [...cutSnapshot(store.ledger.state).parts]
    const lotTable = parts.find((p) => p.kind === 'lot-table' && p.ws === 'acme')
    if (lotTable?.kind !== 'lot-table' || !('dates' in lotTable)) throw new Error('no lot table of this version')
    const distinct = (xs: unknown[]) => new Set(xs.map((x) => JSON.stringify(x))).size
    expect(lotTable.infos.length).toBe(distinct(ws.lotList.map((l) => [l.ref, l.note, l.createdAt, l.createdBy, l.updatedAt, l.updatedBy, l.firstIn])))
    expect(lotTable.dateRows.length).toBe(distinct(ws.lotList.map((l) => [l.expirationDate, l.expirationPrecision, l.bestBeforeDate, l.removalDate, l.alertDate])))
    expect(lotTable.dateRows.length).toBeLessThan(ws.lotList.length)
    // Each lot's two rows say what the lot says.
    const [info, dates] = [lotTable.info, lotTable.dates].map((c) => new Int32Array(Uint8Array.from(Buffer.from(c, 'base64')).buffer))
    ws.lotList.forEach((lot, k) => {
      expect(lotTable.infos[info[k]].slice(0, 3)).toEqual([lot.ref, lot.note, lot.createdAt])
      expect(lotTable.dateRows[dates[k]]).toEqual([lot.expirationDate, lot.expirationPrecision === 'month' ? 1 : 0, lot.bestBeforeDate, lot.removalDate, lot.alertDate])
    })
  })

  it('depends on what lots say, not on which of them share a record: a restored state cuts the same snapshot', async () => {
    const store = await populatedStore()
    const before = JSON.stringify([...cutSnapshot(store.ledger.state).parts])
    // Each lot given a record of its own that says the same.
    const shared = store.ledger.workspace('acme').lotList.filter((l, k, all) => all.some((o, j) => j !== k && o.stamps === l.stamps))
    expect(shared.length).toBeGreaterThan(1)
    for (const lot of shared) {
      const note = lot.note
      lot.update({ note: 'for a moment' })
      lot.update({ note })
    }
    expect(new Set(shared.map((l) => l.stamps)).size).toBe(shared.length)
    expect(JSON.stringify([...cutSnapshot(store.ledger.state).parts])).toBe(before)
    const restored = restoreSnapshot(JSON.parse(before) as SnapshotPart[])
    expect(JSON.stringify([...cutSnapshot(restored).parts])).toBe(before)
  })

  it('refuses a lot table naming a row it does not have', async () => {
    const parts = [...cutSnapshot((await populatedStore()).ledger.state).parts]
    const damaged = parts.map((p) => (p.kind === 'lot-table' && 'dates' in p ? { ...p, dateRows: p.dateRows.slice(0, 1) } : p))
    expect(() => restoreSnapshot(damaged)).toThrow(/names a row it does not have/)
  })
})

describe('a snapshot of this version', () => {
  it('writes lots, quants, moves and changes as tables of typed columns, and reads them back', async () => {
    const store = await populatedStore()
    const parts = [...cutSnapshot(store.ledger.state).parts]
    expect(parts[0]).toMatchObject({ kind: 'head', version: SNAPSHOT_VERSION })
    const kinds = new Set(parts.map((p) => p.kind))
    for (const k of ['lot-table', 'quant-table', 'move-table', 'change-list', 'operations']) expect(kinds).toContain(k)
    for (const k of ['lots', 'quants', 'moves', 'changes']) expect(kinds).not.toContain(k)
    // The lots of one receipt share one row of what they say.
    const lotTable = parts.find((p) => p.kind === 'lot-table')!
    if (lotTable.kind !== 'lot-table') throw new Error('no lot table')
    expect(lotTable.infos.length).toBeLessThan(lotTable.name.length)
    const restored = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(restored.ledger.state, restoreSnapshot(JSON.parse(JSON.stringify(parts)) as SnapshotPart[]))
    expect(dumpState(restored)).toEqual(dumpState(store))
  })

  it('refuses a table whose columns disagree', async () => {
    const parts = [...cutSnapshot((await populatedStore()).ledger.state).parts]
    const damaged = parts.map((p) => (p.kind === 'move-table' ? { ...p, qty: Buffer.from(new Float64Array(1).buffer).toString('base64') } : p))
    expect(() => restoreSnapshot(damaged)).toThrow(/columns of different lengths/)
  })
})
