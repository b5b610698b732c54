import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fullResult } from '../../../server/domain/docs'
import type { BatchPart, JournalRecord } from '../../../server/domain/records'
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
  it('are kept without what their operation says, and come back whole', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    await store.close()
    open.splice(0)

    const parts = operationParts(await journalRecords(dir))
    expect(parts.length).toBeGreaterThan(3)
    for (const p of parts) {
      for (const m of p.data.result.moves) expect(Object.keys(m)).toEqual(['product', 'lot', 'qty', 'uom', 'from', 'to', 'package', 'returnOf'])
      const whole = fullResult(p.data.result)
      whole.moves.forEach((m, i) => {
        expect(m).toMatchObject({ id: `${whole.operation.id}#${i + 1}`, operation: whole.operation.id, operationType: whole.operation.type, reference: whole.operation.reference, date: whole.operation.date })
      })
    }
  })

  it('read the same from a journal that holds whole moves (written before moves were kept short)', async () => {
    const dir = await temp.make()
    const store = await openDir(dir)
    await populate(store, new TestClock())
    const before = dumpState(store)
    await store.close()
    open.splice(0)

    // Rewrite the journal as older versions wrote it: every move whole. No snapshot: replay all.
    const records = await journalRecords(dir)
    const whole = (p: BatchPart) => (p.type === 'operation.recorded' ? { ...p, data: { ...p.data, result: fullResult(p.data.result) } } : p)
    const old = records.map((r): JournalRecord => (r.type === 'batch' ? { ...r, data: { ...r.data, parts: r.data.parts.map(whole) } } : r.type === 'operation.recorded' ? { ...r, ...whole(r) } as JournalRecord : r))
    await writeFile(join(dir, 'journal.ndjson'), Buffer.concat(old.map((r) => encodeRecord(r))))
    await rm(join(dir, 'journal.snapshot'), { force: true })
    expect(operationParts(old).some((p) => p.data.result.moves.some((m) => m.id !== undefined))).toBe(true)

    const reopened = await openDir(dir)
    expect(dumpState(reopened)).toEqual(before)
    const seqs = records.map((r) => r.seq)
    const again = operationParts(await reopened.records(seqs)).map((p) => fullResult(p.data.result))
    expect(again).toEqual(operationParts(records).map((p) => fullResult(p.data.result)))
  })
})
