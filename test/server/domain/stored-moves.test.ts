import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fullResult } from '../../../server/domain/docs'
import { unpackLot, unpackMove } from '../../../server/domain/stored'
import type { BatchPart, JournalRecord, StoredResult } from '../../../server/domain/records'
import { decodeLine, encodeRecord } from '../../../server/store/journal-line'
import { LedgerStore } from '../../../server/store/ledger-store'
import { TestClock } from '../../helpers/clock'
import { dumpState, populate } from '../../helpers/ledger-scenario'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
const open: LedgerStore[] = []
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  await temp.cleanup()
})

async function openDir(dir: string): Promise<LedgerStore> {
  const store = await LedgerStore.openDirectory(dir, { clock: new TestClock(), log: () => {} })
  open.push(store)
  return store
}

async function journalRecords(dir: string): Promise<JournalRecord[]> {
  const text = await readFile(join(dir, 'journal.ndjson'))
  const out: JournalRecord[] = []
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf(0x0a, start)
    out.push(decodeLine(text.subarray(start, end))!.value as JournalRecord)
    start = end + 1
  }
  return out
}

/** Every operation record of `records`, batch parts included. */
type OperationPart = Extract<BatchPart, { type: 'operation.recorded' }>
function operationParts(records: JournalRecord[]): OperationPart[] {
  const parts: Array<{ type: string }> = records.flatMap((r): Array<{ type: string }> => (r.type === 'batch' ? r.data.parts : [r]))
  return parts.filter((p): p is OperationPart => p.type === 'operation.recorded')
}

describe('moves in the journal', () => {
  it('are kept packed, without what their operation says, and come back whole', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    await store.close()
    open.splice(0)

    const parts = operationParts(await journalRecords(dir))
    expect(parts.length).toBeGreaterThan(3)
    for (const p of parts) {
      const whole = fullResult(p.data.result)
      p.data.result.moves.forEach((m, i) => {
        const w = whole.moves[i]
        expect(m).toEqual([w.product, w.lot, w.qty, w.uom, w.from, w.to, w.package, w.returnOf])
        expect(Object.keys(w)).toEqual(['id', 'operation', 'operationType', 'reference', 'date', 'product', 'lot', 'qty', 'uom', 'from', 'to', 'package', 'returnOf'])
        expect(w).toMatchObject({ id: `${whole.operation.id}#${i + 1}`, operation: whole.operation.id, operationType: whole.operation.type, reference: whole.operation.reference, date: whole.operation.date })
      })
      p.data.result.lots.forEach((l, i) => {
        const w = whole.lots[i]
        expect(l).toEqual([w.product, w.name, w.created, w.expirationDate, w.bestBeforeDate, w.removalDate, w.alertDate])
        expect(Object.keys(w)).toEqual(['product', 'name', 'created', 'expirationDate', 'bestBeforeDate', 'removalDate', 'alertDate'])
      })
    }
  })

  /** Rewrites the journal in `dir` with each operation's result as `rewrite` gives it; no snapshot: replay all. */
  async function rewriteJournal(dir: string, rewrite: (result: StoredResult) => StoredResult): Promise<JournalRecord[]> {
    const records = await journalRecords(dir)
    const old = (p: BatchPart) => (p.type === 'operation.recorded' ? { ...p, data: { ...p.data, result: rewrite(p.data.result) } } : p)
    const rewritten = records.map((r): JournalRecord => (r.type === 'batch' ? { ...r, data: { ...r.data, parts: r.data.parts.map(old) } } : r.type === 'operation.recorded' ? { ...r, ...old(r) } as JournalRecord : r))
    await writeFile(join(dir, 'journal.ndjson'), Buffer.concat(rewritten.map((r) => encodeRecord(r))))
    await rm(join(dir, 'journal.snapshot'), { force: true })
    return rewritten
  }

  const formats: Array<[string, (result: StoredResult) => StoredResult, (parts: OperationPart[]) => boolean]> = [
    ['whole moves (the oldest journals)', (r) => fullResult(r), (parts) => parts.some((p) => p.data.result.moves.some((m) => !Array.isArray(m) && m.id !== undefined))],
    [
      'moves and lots as objects (before they were packed)',
      (r) => ({ ...r, moves: r.moves.map(unpackMove), lots: r.lots.map(unpackLot) }),
      (parts) => parts.every((p) => p.data.result.moves.every((m) => !Array.isArray(m) && m.id === undefined) && p.data.result.lots.every((l) => !Array.isArray(l))),
    ],
  ]
  for (const [format, rewrite, holds] of formats) {
    it(`read the same from a journal that holds ${format}`, async () => {
      const dir = await temp.make()
      const store = await openDir(dir)
      await populate(store, new TestClock())
      const before = dumpState(store)
      await store.close()
      open.splice(0)
      const records = await journalRecords(dir)

      const rewritten = await rewriteJournal(dir, rewrite)
      expect(operationParts(rewritten).length).toBeGreaterThan(3)
      expect(holds(operationParts(rewritten))).toBe(true)

      const reopened = await openDir(dir)
      expect(dumpState(reopened)).toEqual(before)
      const seqs = records.map((r) => r.seq)
      const again = operationParts(await reopened.records(seqs)).map((p) => fullResult(p.data.result))
      expect(again).toEqual(operationParts(records).map((p) => fullResult(p.data.result)))
    })
  }
})
