/** The journal's part of a snapshot file: its position and the length of each record it covers. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JournalSnapshots } from '../../../server/store/journal-snapshots'
import { readSnapshotFile, writeSnapshotFile, type SnapshotCodec } from '../../../server/store/snapshot-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotledger-journal-snapshots-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A state of a few words, one part each. */
const words: SnapshotCodec<string[]> = {
  cut: (state) => ({ seq: state.length, parts: [...state] }),
  async restore(parts) {
    const out: string[] = []
    for await (const p of parts) out.push(p as string)
    return out
  },
}

describe('a snapshot\'s journal lengths', () => {
  it('are written packed and read back, record by record', async () => {
    const path = join(dir, 'journal.snapshot')
    const lengths = Uint32Array.from({ length: 3 }, (_, i) => 100 + i * 4_000_000)
    expect(await new JournalSnapshots(path, words).save(['a', 'b', 'c'], 3, 12_000_300, lengths)).toBe(true)
    const parts: unknown[] = []
    for await (const p of readSnapshotFile(path)) parts.push(p)
    expect(parts[1]).toEqual({ kind: 'journal-lengths', packed: expect.any(String) })
    const loaded = await new JournalSnapshots(path, words).load()
    expect(loaded).toMatchObject({ state: ['a', 'b', 'c'], seq: 3, bytes: 12_000_300 })
    expect([...loaded!.lengths]).toEqual([...lengths])
  })

  it('as numbers, as snapshots wrote them before they were packed, still load', async () => {
    const path = join(dir, 'journal.snapshot')
    await writeSnapshotFile(path, [{ kind: 'journal', seq: 2, bytes: 30 }, { kind: 'journal-lengths', lengths: [10, 20] }, 'x', 'y'])
    const loaded = await new JournalSnapshots(path, words).load()
    expect(loaded).toMatchObject({ state: ['x', 'y'], seq: 2, bytes: 30 })
    expect([...loaded!.lengths]).toEqual([10, 20])
  })

  it('more lengths than records is a damaged snapshot', async () => {
    const path = join(dir, 'journal.snapshot')
    await writeSnapshotFile(path, [{ kind: 'journal', seq: 1, bytes: 30 }, { kind: 'journal-lengths', lengths: [10, 20] }, 'x'])
    await expect(new JournalSnapshots(path, words).load()).rejects.toThrow(/more journal lengths than records/)
  })
})
