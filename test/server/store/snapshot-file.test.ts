import { mkdtemp, readFile, rm, truncate, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeLine } from '../../../server/store/journal-line'
import { readSnapshotFile, writeSnapshotFile } from '../../../server/store/snapshot-file'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lotledger-snapshot-file-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const read = async (path: string, chunkBytes?: number) => {
  const parts: unknown[] = []
  for await (const part of readSnapshotFile(path, chunkBytes)) parts.push(part)
  return parts
}

describe('a snapshot file', () => {
  // Parts shorter and longer than the read buffer, and lines that straddle its end.
  const parts = [{ n: 1 }, { text: 'é'.repeat(5_000) }, ...Array.from({ length: 50 }, (_, i) => ({ i, pad: 'x'.repeat(i * 37) })), { big: 'y'.repeat(100_000) }]

  it('reads back every part, whatever the size of its read buffer', async () => {
    const path = join(dir, 'journal.snapshot')
    await writeSnapshotFile(path, parts)
    for (const chunk of [64, 1000, 4096, 1 << 20, undefined]) expect(await read(path, chunk)).toEqual(parts)
  })

  it('writes a part longer than its write buffer between others, each line as the journal writes one', async () => {
    const path = join(dir, 'journal.snapshot')
    const long = [{ before: 'é'.repeat(3_000_000) }, { huge: 'z'.repeat(9_000_000) }, { after: 1 }]
    await writeSnapshotFile(path, long)
    expect(await read(path)).toEqual(long)
    const lines = (await readFile(path)).toString('utf8').split('\n')
    expect(lines.slice(0, 3).map((l) => decodeLine(Buffer.from(l))?.value)).toEqual(long)
  })

  it('refuses a file cut short, though every whole part in it is good', async () => {
    const path = join(dir, 'journal.snapshot')
    await writeSnapshotFile(path, parts)
    await truncate(path, (await stat(path)).size - 3)
    await expect(read(path, 256)).rejects.toThrow(/incomplete \(no trailer\)/)
  })
})
