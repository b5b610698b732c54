/**
 * A lot whose expiration came as a month only (GS1 YYMM00) keeps that precision: registered or
 * received, its expiration is the month's last day and its other dates count back from it; the
 * precision replays from the journal and loads from snapshots, and records and snapshots written
 * before it was kept load as days.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyPart } from '../../../server/domain/apply'
import { patchLot, registerLots } from '../../../server/domain/commands/lots'
import { lotDoc } from '../../../server/domain/docs'
import type { Ledger } from '../../../server/domain/ledger'
import { recordOperation } from '../../../server/domain/operations/record'
import { stock } from '../../../server/domain/queries/stock'
import type { DataRecord, JournalRecord } from '../../../server/domain/records'
import { cutSnapshot, type SnapshotPart } from '../../../server/domain/snapshot'
import { LedgerStore } from '../../../server/store/ledger-store'
import type { MemoryJournal } from '../../../server/store/memory-journal'
import { LotInput, LotPatch } from '../../../shared/schemas/lot'
import { OperationInput } from '../../../shared/schemas/operation'
import { TestClock } from '../../helpers/clock'
import { dumpState, populatedStore as scenario, restoreSnapshot as restore } from '../../helpers/ledger-scenario'

const receive = (ledger: Ledger, id: string, lines: unknown[]) =>
  recordOperation(ledger, ledger.workspace('acme'), null, OperationInput.parse({ id, type: 'receipt', reference: `WH/IN/${id}`, lines }))

/** Message of the refusal `act` throws, with its details. */
function refusal(act: () => unknown) {
  try {
    act()
  } catch (err) {
    return err as { code: string; details: Array<{ path: string; message: string }> }
  }
  throw new Error('not refused')
}

describe('month-only expiries', () => {
  it('a receipt line keeps the month: the last day, the other dates counted back from it, the lot and stock saying month', async () => {
    const store = await scenario()
    const { ledger } = store
    // MILK expires 10 days after receipt, alert 2 days before.
    const outcome = receive(ledger, 'm1', [{ product: 'MILK', qty: 4, lot: 'M1', expirationDate: '2027-02-28', expirationPrecision: 'month' }])
    expect(outcome.kind).toBe('created')
    const lot = ledger.workspace('acme').products.get('MILK')!.lots.get('M1')!
    expect(lotDoc(lot, '2026-06-15')).toMatchObject({
      expirationDate: '2027-02-28', expirationPrecision: 'month', alertDate: '2027-02-26', removalDate: '2027-02-28',
    })
    expect(stock(ledger.workspace('acme'), { lot: 'M1' })).toEqual([expect.objectContaining({ expirationDate: '2027-02-28', expirationPrecision: 'month' })])
    // The recorded result names the precision of the lot it made.
    if (outcome.kind !== 'created') throw new Error('not created')
    expect(outcome.result.lots).toEqual([
      expect.objectContaining({ name: 'M1', created: true, expirationDate: '2027-02-28', expirationPrecision: 'month' }),
    ])
    // A day lot says nothing of a precision, as before.
    receive(ledger, 'd1', [{ product: 'MILK', qty: 1, lot: 'D1', expirationDate: '2027-02-28' }])
    expect(lotDoc(ledger.workspace('acme').products.get('MILK')!.lots.get('D1')!, '2026-06-15')).not.toHaveProperty('expirationPrecision')
  })

  it('refuses a month that is not given as its last day, or without a date, naming the field', async () => {
    const { ledger } = await scenario()
    const acme = ledger.workspace('acme')
    const line = refusal(() => receive(ledger, 'bad', [{ product: 'MILK', qty: 1, lot: 'B1', expirationDate: '2027-02-15', expirationPrecision: 'month' }]))
    expect(line.code).toBe('validation_failed')
    expect(line.details).toEqual([{ path: 'lines[0].expirationPrecision', message: expect.stringContaining('2027-02-28') }])
    const registered = refusal(() => registerLots(ledger, acme, null, [LotInput.parse({ product: 'MILK', name: 'B2', expirationPrecision: 'month' })]))
    expect(registered.details).toEqual([{ path: 'expirationPrecision', message: expect.stringContaining('needs an expiration date') }])
    expect(acme.products.get('MILK')!.lots.has('B2')).toBe(false)
  })

  it('a registered lot keeps the month; an edit of its date without precision makes it a day, an edit of anything else keeps it', async () => {
    const { ledger } = await scenario()
    const acme = ledger.workspace('acme')
    const [{ lot }] = registerLots(ledger, acme, null, [LotInput.parse({ product: 'MILK', name: 'R1', expirationDate: '2028-02-29', expirationPrecision: 'month' })])
    expect(lotDoc(lot, '2026-06-15')).toMatchObject({ expirationDate: '2028-02-29', expirationPrecision: 'month', alertDate: '2028-02-27' })
    // The same registration again is a retry; another precision is a conflict.
    expect(registerLots(ledger, acme, null, [LotInput.parse({ product: 'MILK', name: 'R1', expirationDate: '2028-02-29', expirationPrecision: 'month' })])[0].created).toBe(false)
    const conflict = refusal(() => registerLots(ledger, acme, null, [LotInput.parse({ product: 'MILK', name: 'R1', expirationPrecision: 'day' })]))
    expect(conflict.code).toBe('exists_with_different_fields')
    patchLot(ledger, acme, null, 'MILK', 'R1', LotPatch.parse({ note: 'checked' }))
    expect(lot.expirationPrecision).toBe('month')
    patchLot(ledger, acme, null, 'MILK', 'R1', LotPatch.parse({ expirationDate: '2028-03-15' }))
    expect(lotDoc(lot, '2026-06-15')).not.toHaveProperty('expirationPrecision')
    expect(refusal(() => patchLot(ledger, acme, null, 'MILK', 'R1', LotPatch.parse({ expirationPrecision: 'month' }))).details[0].path).toBe('expirationPrecision')
    patchLot(ledger, acme, null, 'MILK', 'R1', LotPatch.parse({ expirationDate: '2028-03-31', expirationPrecision: 'month' }))
    expect(lotDoc(lot, '2026-06-15')).toMatchObject({ expirationDate: '2028-03-31', expirationPrecision: 'month', alertDate: '2028-03-29' })
  })

  it('replays from the journal and loads from a snapshot as it was; a snapshot written before it loads days', async () => {
    const store = await scenario()
    const { ledger } = store
    receive(ledger, 'm1', [{ product: 'MILK', qty: 4, lot: 'M1', expirationDate: '2027-02-28', expirationPrecision: 'month' }])
    registerLots(ledger, ledger.workspace('acme'), null, [LotInput.parse({ product: 'YOGURT', name: 'YM', expirationDate: '2027-04-30', expirationPrecision: 'month' })])
    await store.persist()
    await store.close()
    const replayed = await LedgerStore.openMemory({ clock: new TestClock() }, (store.journal as MemoryJournal<Ledger, JournalRecord>).lines)
    expect(dumpState(replayed)).toEqual(dumpState(store))
    expect(replayed.ledger.workspace('acme').products.get('MILK')!.lots.get('M1')!.expirationPrecision).toBe('month')

    const parts = [...cutSnapshot(store.ledger.state).parts]
    const reopened = await LedgerStore.openMemory({ clock: new TestClock() })
    Object.assign(reopened.ledger.state, restore(parts))
    expect(dumpState(reopened)).toEqual(dumpState(store))
    expect(reopened.ledger.workspace('acme').products.get('YOGURT')!.lots.get('YM')!.expirationPrecision).toBe('month')

    // The same ledger's snapshot as version 4 wrote it (JSON columns), less the months: as written before they were kept.
    const v4 = readFileSync(join(import.meta.dirname, '../../fixtures/snapshots/v4-snapshot.ndjson'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SnapshotPart)
    expect(v4.some((p) => p.kind === 'lots' && p.cols.monthExpiry?.length)).toBe(true)
    const before = restore(v4.map((p) => (p.kind === 'lots' ? { ...p, cols: { ...p.cols, monthExpiry: undefined } } : p))).workspaces.get('acme')!
    expect(before.lotList.every((l) => l.expirationPrecision === 'day')).toBe(true)
    expect(before.products.get('MILK')!.lots.get('M1')!.expirationDate).toBe('2027-02-28')
  })

  it('records written before the precision was kept replay as days', async () => {
    const { ledger } = await scenario()
    const { state } = ledger
    const acme = ledger.workspace('acme')
    const rec = (seq: number, type: string, data: unknown) => ({ type, ws: 'acme', seq, at: '2026-06-16T00:00:00.000Z', by: null, data }) as DataRecord
    applyPart(state, rec(state.seq + 1, 'lots.saved', { lots: [{ product: 'MILK', name: 'OLD', ref: null, note: null, expirationDate: '2027-01-31', bestBeforeDate: null, removalDate: null, alertDate: null }] }))
    const old = acme.products.get('MILK')!.lots.get('OLD')!
    expect(old.expirationPrecision).toBe('day')
    expect(lotDoc(old, '2026-06-15')).not.toHaveProperty('expirationPrecision')
  })
})
