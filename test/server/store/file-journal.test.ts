import { appendFile, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileJournal, JournalCorruptError } from '../../../server/store/file-journal'
import { encodeRecord } from '../../../server/store/journal-line'
import { tempDirs } from '../../helpers/temp'
import { describeJournalAdapter, Notebook, type Note } from './journal-contract'

const temp = tempDirs()

describeJournalAdapter('FileJournal', async () => {
  const dir = await temp.make('lotledger-journal-')
  return {
    open: () => new FileJournal<Notebook, Note>(join(dir, 'journal.ndjson'), () => new Notebook(), { log: () => {} }),
    dispose: () => temp.cleanup(),
  }
})

describe('FileJournal on disk', () => {
  let path: string
  let logs: string[]
  let opened: Array<FileJournal<Notebook, Note>>

  beforeEach(async () => {
    path = join(await temp.make('lotledger-journal-'), 'journal.ndjson')
    logs = []
    opened = []
  })

  afterEach(async () => {
    for (const j of opened) await j.close()
    await temp.cleanup()
  })

  function openJournal(): FileJournal<Notebook, Note> {
    const j = new FileJournal<Notebook, Note>(path, () => new Notebook(), { log: (m) => logs.push(m) })
    opened.push(j)
    return j
  }

  /** Writes notes with these texts into a fresh journal file and closes it. */
  async function seed(texts: string[]): Promise<Note[]> {
    const j = openJournal()
    expect(await j.read()).toBeNull()
    const book = new Notebook()
    for (const t of texts) book.add(t)
    await j.write(book)
    await j.close()
    return book.notes
  }

  /** Reopens the file: the state it replays (never null here) and the adapter. */
  async function reopen(): Promise<{ journal: FileJournal<Notebook, Note>; book: Notebook }> {
    const journal = openJournal()
    const book = await journal.read()
    expect(book).not.toBeNull()
    return { journal, book: book! }
  }

  /** A journal line with a correct checksum over whatever bytes are given. */
  function lineWithCrc(json: string): Buffer {
    const body = Buffer.from(json)
    return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')} `), body, Buffer.from('\n')])
  }

  /** The file's lines, each with its newline. */
  async function lines(): Promise<Buffer[]> {
    const data = await readFile(path)
    const out: Buffer[] = []
    for (let start = 0, nl = data.indexOf(0x0a); nl !== -1; start = nl + 1, nl = data.indexOf(0x0a, start)) {
      out.push(data.subarray(start, nl + 1))
    }
    return out
  }

  describe('group commit', () => {
    it('shares flushes between concurrent writes', async () => {
      const j = openJournal()
      await j.read()
      const book = new Notebook()
      const writes: Promise<void>[] = []
      for (let i = 0; i < 200; i++) {
        book.add(`order ${i}`)
        writes.push(j.write(book))
      }
      await Promise.all(writes)
      expect(j.durableSeq).toBe(200)
      expect(j.flushes).toBeGreaterThanOrEqual(1)
      expect(j.flushes).toBeLessThan(20)

      // One awaited write at a time: nothing to share, one flush each.
      const before = j.flushes
      for (let i = 0; i < 5; i++) {
        book.add(`sequential ${i}`)
        await j.write(book)
      }
      expect(j.flushes).toBe(before + 5)

      const { book: replayed } = await reopen()
      expect(replayed.notes).toEqual(book.notes)
    })
  })

  describe('torn last record (a crash during an append)', () => {
    const tails: Array<[string, () => Buffer]> = [
      ['half of a record', () => {
        const line = encodeRecord({ seq: 4, text: 'this record was cut short by the crash' })
        return line.subarray(0, Math.floor(line.length / 2))
      }],
      ['garbage without a newline', () => Buffer.from('#!garbage, not a record')],
      ['a complete last line with a bad checksum', () => {
        const line = Buffer.from(encodeRecord({ seq: 4, text: 'checksum will not match' }))
        line[0] = line[0] === 0x30 ? 0x31 : 0x30
        return line
      }],
      ['a complete last line whose checksum matches broken JSON', () => lineWithCrc('{"seq":4,"text":"cut')],
      ['a tail of zero bytes', () => Buffer.alloc(4096)],
      ['zero bytes ending in a newline', () => Buffer.concat([Buffer.alloc(300), Buffer.from('\n')])],
    ]

    it.each(tails)('drops %s, truncates it off and appends after it', async (_what, tail) => {
      const seeded = await seed(['one', 'two', 'three'])
      const goodSize = (await stat(path)).size
      await appendFile(path, tail())
      expect((await stat(path)).size).toBeGreaterThan(goodSize)

      const { journal, book } = await reopen()
      expect(book.notes).toEqual(seeded)
      expect(journal.durableSeq).toBe(3)
      expect(logs).toHaveLength(1)
      expect(logs[0]).toMatch(/dropped a torn last record/)
      expect(logs[0]).toContain(`at byte ${goodSize}`)
      expect((await stat(path)).size).toBe(goodSize)
      expect(journal.size).toBe(goodSize)

      const added = book.add('after recovery: Crème brûlée')
      await journal.write(book)
      expect(await journal.readRecords([4, 1])).toEqual([added, seeded[0]])
      await journal.close()

      logs = []
      const again = await reopen()
      expect(again.book.notes).toEqual([...seeded, added])
      expect(logs).toEqual([])
      expect(await again.journal.readRecords([4, 3])).toEqual([added, seeded[2]])
    })

    it('drops a torn only record, reads null, and starts again at seq 1', async () => {
      await writeFile(path, encodeRecord({ seq: 1, text: 'never finished' }).subarray(0, 20))
      const j = openJournal()
      expect(await j.read()).toBeNull()
      expect(logs).toHaveLength(1)
      expect((await stat(path)).size).toBe(0)
      const book = new Notebook()
      const first = book.add('fresh start')
      await j.write(book)
      expect(await j.readRecords([1])).toEqual([first])
      const { book: replayed } = await reopen()
      expect(replayed.notes).toEqual([first])
    })
  })

  describe('damage before the last record (corruption)', () => {
    const damages: Array<[string, (ls: Buffer[]) => { data: Buffer; offset: number }]> = [
      ['a bad checksum on line 2', (ls) => {
        const bad = Buffer.from(ls[1])
        bad[3] = bad[3] === 0x30 ? 0x31 : 0x30
        return { data: Buffer.concat([ls[0], bad, ...ls.slice(2)]), offset: ls[0].length }
      }],
      ['a flipped byte inside the JSON of line 3', (ls) => {
        const bad = Buffer.from(ls[2])
        bad[bad.length - 4] ^= 0x01
        return { data: Buffer.concat([ls[0], ls[1], bad, ...ls.slice(3)]), offset: ls[0].length + ls[1].length }
      }],
      ['a garbage line between records', (ls) => ({
        data: Buffer.concat([ls[0], Buffer.from('garbage line\n'), ...ls.slice(1)]), offset: ls[0].length,
      })],
      ['a torn record followed by valid ones', (ls) => ({
        data: Buffer.concat([ls[0], ls[1].subarray(0, 12), Buffer.from('\n'), ...ls.slice(2)]), offset: ls[0].length,
      })],
      ['a missing record (line 2 removed)', (ls) => ({ data: Buffer.concat([ls[0], ...ls.slice(2)]), offset: ls[0].length })],
      ['damage, a valid record, then a torn tail', (ls) => ({
        data: Buffer.concat([ls[0], Buffer.from('xx\n'), ls[1], ls[2].subarray(0, 5)]), offset: ls[0].length,
      })],
    ]

    it.each(damages)('refuses to read %s, and leaves the file as it was', async (_what, damage) => {
      await seed(['one', 'two', 'three', 'four', 'five'])
      const { data, offset } = damage(await lines())
      await writeFile(path, data)

      const j = openJournal()
      const err = await j.read().then(() => null, (e: unknown) => e)
      expect(err).toBeInstanceOf(JournalCorruptError)
      expect((err as Error).message).toContain(path)
      expect((err as Error).message).toContain(`at byte ${offset}`)
      // Nothing was truncated or "repaired": the file is exactly as found, for a human to restore.
      expect(Buffer.compare(await readFile(path), data)).toBe(0)
    })
  })

  describe('content', () => {
    it('keeps non-ASCII text byte for byte', async () => {
      const texts = [
        'Crème brûlée – ünïcödé 日本',
        'emoji 📦🧪 and ZWJ 👩‍🔬',
        'quotes " and \\ backslash, newline \n and tab \t inside',
        'separators \u2028 \u2029 and NUL-free control \u0001',
        'Ελληνικά, русский, עברית, العربية',
      ]
      const seeded = await seed(texts)
      // Every record is still exactly one line.
      expect(await lines()).toHaveLength(texts.length)
      expect((await readFile(path, 'utf8')).includes('Crème brûlée – ünïcödé 日本')).toBe(true)

      const { journal, book } = await reopen()
      expect(book.notes.map((n) => n.text)).toEqual(texts)
      expect(await journal.readRecords([5, 4, 3, 2, 1])).toEqual([...seeded].reverse())
    })

    it('stores a 1 MB record among small ones', async () => {
      const big = 'é'.repeat(256 * 1024) + 'x'.repeat(512 * 1024) + '日本'.repeat(1000)
      expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024)
      const seeded = await seed(['small before', big, 'small after'])
      const { journal, book } = await reopen()
      expect(book.notes).toEqual(seeded)
      const [rec] = await journal.readRecords([2])
      expect(rec.text.length).toBe(big.length)
      expect(rec.text === big).toBe(true)
      expect(await journal.readRecords([3, 1])).toEqual([seeded[2], seeded[0]])
    })

    it('reads records back from the right bytes after reopening, across 8 MB read chunks', async () => {
      // Records of several sizes and encodings; together over 8 MB, so that replay reads the file
      // in more than one chunk and some record straddles a chunk boundary.
      const texts: string[] = []
      for (let i = 0; i < 40; i++) {
        const size = i % 9 === 0 ? 1_400_000 + i * 1000 : 10 + i * 37
        texts.push(`${i}:` + (i % 2 ? 'ü' : 'a').repeat(size) + ` 日本 ${i}`)
      }
      const seeded = await seed(texts)
      const CHUNK = 8 * 1024 * 1024
      let start = 0
      let straddles = 0
      for (const line of await lines()) {
        if (start < CHUNK && start + line.length > CHUNK) straddles++
        start += line.length
      }
      expect(start).toBeGreaterThan(CHUNK)
      expect(straddles).toBe(1)

      const { journal, book } = await reopen()
      expect(book.notes.length).toBe(40)
      expect(book.notes.every((n, i) => n.text === texts[i] && n.seq === i + 1)).toBe(true)
      const order = seeded.map((n) => n.seq).sort((a, b) => ((a * 7919) % 41) - ((b * 7919) % 41))
      const read = await journal.readRecords(order)
      expect(read.map((r) => r.seq)).toEqual(order)
      expect(read.every((r) => r.text === texts[r.seq - 1])).toBe(true)

      // Appended by the reopened adapter, read back by it and by the next one.
      const added = book.add('appended after reopen – ü')
      await journal.write(book)
      expect(await journal.readRecords([41, 40])).toEqual([added, seeded[39]])
      await journal.close()
      const again = await reopen()
      expect(await again.journal.readRecords([41, 1])).toEqual([added, seeded[0]])
    })
  })
})
