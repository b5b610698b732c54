/**
 * Snapshots written by earlier versions still load: a version 4 snapshot (lots, quants and moves
 * as JSON columns) kept as a file beside the journal it was cut from rebuilds the state that
 * replaying that journal builds. And today's version writes its big tables as typed columns.
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
