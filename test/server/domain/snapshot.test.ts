/**
 * What a snapshot stores of operation types: fixed codes, so new types never change an old
 * snapshot's meaning; and settings of any age load, the fields added since at their defaults.
 */
import { describe, expect, it } from 'vitest'
import { applyPart } from '../../../server/domain/apply'
import type { DataRecord } from '../../../server/domain/records'
import { cutSnapshot, SNAPSHOT_VERSION, type SnapshotPart } from '../../../server/domain/snapshot'
import { LedgerStore } from '../../../server/store/ledger-store'
import { OPERATION_TYPE_INFO, OPERATION_TYPES, operationTypeOfCode } from '../../../shared/operation-types'
import { DEFAULT_SETTINGS, withSettingDefaults, type Settings } from '../../../shared/schemas/settings'
import { TestClock } from '../../helpers/clock'
import { dumpState, populatedStore as scenario, restoreSnapshot as restore } from '../../helpers/ledger-scenario'

/** The codes snapshots hold today: changing one would make stored snapshots mean other types. */
const STORED_CODES = { receipt: 1, delivery: 2, internal: 3, scrap: 4, adjustment: 5, production: 6, return: 7 }
/** Version 2 snapshots stored a type by its place in the list as it was then. */
const VERSION_2_ORDER = ['receipt', 'delivery', 'internal', 'scrap', 'adjustment', 'production', 'return']

describe('operation types in snapshots', () => {
  it('are stored by fixed codes, one per type, never shared', () => {
    const codes = Object.fromEntries(OPERATION_TYPES.map((t) => [t, OPERATION_TYPE_INFO[t].code]))
    // A type added later takes a new code; the ones here stay as they are.
    expect(codes).toMatchObject(STORED_CODES)
    expect(new Set(Object.values(codes)).size).toBe(OPERATION_TYPES.length)
    for (const t of OPERATION_TYPES) expect(operationTypeOfCode(OPERATION_TYPE_INFO[t].code)).toBe(t)
    expect(() => operationTypeOfCode(0)).toThrow(/unknown/)
  })

  it('are written as codes, and read back as the types they were', async () => {
    const store = await scenario()
    const parts = [...cutSnapshot(store.ledger.state).parts]
    expect(parts[0]).toMatchObject({ kind: 'head', version: SNAPSHOT_VERSION })
    const ops = parts.filter((p): p is Extract<SnapshotPart, { kind: 'operations' }> => p.kind === 'operations')
    const acme = store.ledger.workspace('acme')
    expect(ops.flatMap((p) => p.cols.type)).toEqual([...acme.operations.values()].map((op) => STORED_CODES[op.type]))
    const restored = restore(parts)
    expect([...restored.workspaces.get('acme')!.operations.values()].map((op) => op.type)).toEqual([...acme.operations.values()].map((op) => op.type))
  })

  it('of a version 2 snapshot are read by their old positions, and the state is the same', async () => {
    const store = await scenario()
    const before = dumpState(store)
    const v2 = [...cutSnapshot(store.ledger.state).parts].map((p): SnapshotPart =>
      p.kind === 'head' ? { ...p, version: 2 }
      : p.kind === 'operations' ? { ...p, cols: { ...p.cols, type: p.cols.type.map((code) => VERSION_2_ORDER.indexOf(operationTypeOfCode(code))) } }
      : p)
    const restored = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(restored.ledger.state, restore(v2))
    expect(dumpState(restored)).toEqual(before)
  })

  it('of an unknown version or code refuse to load', async () => {
    const parts = [...cutSnapshot((await scenario()).ledger.state).parts]
    expect(() => restore(parts.map((p) => (p.kind === 'head' ? { ...p, version: 99 } : p)))).toThrow(/version 99/)
    expect(() => restore(parts.map((p) => (p.kind === 'operations' ? { ...p, cols: { ...p.cols, type: p.cols.type.map(() => 42) } } : p)))).toThrow(/code 42/)
  })
})

describe('settings in snapshots and journals written before settings.documents', () => {
  /** Settings as a ledger kept them before the document settings existed. */
  const oldSettings = (settings: Settings): Omit<Settings, 'documents'> => {
    const { documents: _documents, ...rest } = settings
    return rest
  }

  it('a snapshot without them restores, the document settings at their defaults and the rest kept', async () => {
    const store = await scenario()
    const acme = store.ledger.workspace('acme')
    acme.settings = { ...acme.settings, timeZone: 'Europe/Brussels', showLotsOnDeliverySlips: false }
    const before = dumpState(store)
    const old = [...cutSnapshot(store.ledger.state).parts].map((p): SnapshotPart =>
      p.kind === 'head' ? { ...p, workspaces: p.workspaces.map((w) => ({ ...w, settings: oldSettings(w.settings) as Settings })) } : p)
    const head = old[0] as Extract<SnapshotPart, { kind: 'head' }>
    expect(head.workspaces.every((w) => !('documents' in w.settings))).toBe(true)
    const restored = restore(old)
    expect(restored.workspaces.get('acme')!.settings).toEqual({ ...acme.settings, documents: DEFAULT_SETTINGS.documents })
    expect(restored.workspaces.get('acme')!.settings).toMatchObject({ timeZone: 'Europe/Brussels', showLotsOnDeliverySlips: false })
    const reopened = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(reopened.ledger.state, restored)
    expect(dumpState(reopened)).toEqual(before)
  })

  it('a settings change recorded without them replays with the defaults', async () => {
    const store = await scenario()
    const acme = store.ledger.workspace('acme')
    const data = oldSettings({ ...DEFAULT_SETTINGS, dateFormat: 'MDY' }) as Settings
    applyPart(store.ledger.state, { type: 'settings.updated', ws: 'acme', seq: store.ledger.state.seq + 1, at: '2026-06-01T00:00:00.000Z', by: null, data } as DataRecord)
    expect(acme.settings).toEqual({ ...DEFAULT_SETTINGS, dateFormat: 'MDY' })
    expect(withSettingDefaults({ documents: { paperSize: 'Letter' } as Settings['documents'] }).documents).toEqual({ sender: null, deliverySlipFooter: null, paperSize: 'Letter' })
  })
})
