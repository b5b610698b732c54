/**
 * What every JournalAdapter must do, whatever it stores to. Uses a tiny journaled state of its
 * own (a notebook of numbered notes) so that the contract is checked apart from the ledger.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Journaled, JournalAdapter, Sequenced } from '../../../server/store/journal'

export interface Note extends Sequenced {
  text: string
  tags?: string[]
  detail?: { n: number; ok: boolean; nested: { list: number[] } }
}

/** A journaled state: notes in order, and the ones not yet handed to the journal. */
export class Notebook implements Journaled<Note> {
  readonly notes: Note[] = []
  #pending: Note[] = []

  /** Commits a new note (numbered after the last one) and queues it for the journal. */
  add(text: string, extra: Omit<Note, 'seq' | 'text'> = {}): Note {
    const note: Note = { seq: this.notes.length + 1, text, ...extra }
    this.notes.push(note)
    this.#pending.push(note)
    return note
  }

  drainRecords(): Note[] {
    const pending = this.#pending
    this.#pending = []
    return pending
  }

  replay(record: Note): void {
    if (record.seq !== this.notes.length + 1) throw new Error(`replayed note ${record.seq} after ${this.notes.length}`)
    this.notes.push(record)
  }
}

export type NotebookJournal = JournalAdapter<Notebook, Note>

/** One storage place (a directory, an array...) that adapters can be opened over again and again. */
export interface JournalStorage {
  /** A new adapter instance over this storage: what a restarted process would open. */
  open(): NotebookJournal
  /** Removes the storage (after every adapter was closed). */
  dispose(): Promise<void>
}

/** Runs the JournalAdapter contract against storages made by `makeStorage` (a fresh one per test). */
export function describeJournalAdapter(name: string, makeStorage: () => Promise<JournalStorage>): void {
  describe(`${name} satisfies the journal contract`, () => {
    let storage: JournalStorage
    let opened: NotebookJournal[] = []

    beforeEach(async () => {
      storage = await makeStorage()
      opened = []
    })

    afterEach(async () => {
      for (const j of opened) await j.close()
      await storage.dispose()
    })

    /** A new adapter over the same storage, already read; closed after the test. */
    async function reopen(): Promise<{ journal: NotebookJournal; state: Notebook | null }> {
      const journal = storage.open()
      opened.push(journal)
      return { journal, state: await journal.read() }
    }

    /** Writes `texts` as notes, one write() per note, each awaited. */
    async function writeNotes(journal: NotebookJournal, book: Notebook, texts: string[]): Promise<Note[]> {
      const notes: Note[] = []
      for (const t of texts) {
        notes.push(book.add(t))
        await journal.write(book)
      }
      return notes
    }

    it('reads nothing from empty storage: null, and nothing durable', async () => {
      const { journal, state } = await reopen()
      expect(state).toBeNull()
      expect(journal.durableSeq).toBe(0)
      // A fresh adapter over still-empty storage reads null too.
      expect((await reopen()).state).toBeNull()
    })

    it('replays written records in order through a new adapter over the same storage', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      book.add('first', { tags: ['a', 'b'] })
      book.add('second', { detail: { n: 42, ok: true, nested: { list: [1, 2, 3] } } })
      await journal.write(book)
      book.add('third')
      await journal.write(book)

      const again = await reopen()
      expect(again.state).not.toBeNull()
      expect(again.state!.notes).toEqual(book.notes)
      expect(again.state!.notes.map((n) => n.seq)).toEqual([1, 2, 3])
      expect(again.journal.durableSeq).toBe(3)
    })

    it('rebuilds the same state when read twice through one adapter', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      await writeNotes(journal, book, ['only'])
      const other = await reopen()
      expect(other.state!.notes).toEqual(book.notes)
      // lowdb's db.read() may be called again to reload: it must give the same state, not lose data.
      const second = await other.journal.read()
      expect(second?.notes).toEqual(book.notes)
      expect((await reopen()).state?.notes).toEqual(book.notes)
    })

    it('rebuilds the same state when read twice through one adapter (several records)', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      await writeNotes(journal, book, ['one', 'two', 'three'])
      const other = await reopen()
      const second = await other.journal.read()
      expect(second?.notes).toEqual(book.notes)
      expect(other.journal.durableSeq).toBe(3)
    })

    it('reads records back by seq in the order asked, and only durable ones', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      const notes = await writeNotes(journal, book, Array.from({ length: 10 }, (_, i) => `note ${i + 1}`))

      expect(await journal.readRecords([7, 2, 2, 10, 1])).toEqual([notes[6], notes[1], notes[1], notes[9], notes[0]])
      expect(await journal.readRecords([])).toEqual([])
      for (const bad of [0, -1, 11, 1000]) await expect(journal.readRecords([bad])).rejects.toThrow(RangeError)
      // One bad seq fails the whole call, even after good ones.
      await expect(journal.readRecords([1, 2, 11])).rejects.toThrow(RangeError)

      // A record the state made but no write() took yet is not durable: it cannot be read.
      book.add('not written yet')
      await expect(journal.readRecords([11])).rejects.toThrow(RangeError)

      const again = await reopen()
      expect(await again.journal.readRecords([10, 3, 5])).toEqual([notes[9], notes[2], notes[4]])
      await expect(again.journal.readRecords([11])).rejects.toThrow(RangeError)
    })

    it('reads no records from empty storage, and refuses any seq', async () => {
      const { journal } = await reopen()
      expect(await journal.readRecords([])).toEqual([])
      await expect(journal.readRecords([1])).rejects.toThrow(RangeError)
    })

    it('resolves many concurrent writes, each once its records (and all before) are durable', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      const durableAtResolve: Array<{ seq: number; durable: number }> = []
      const writes: Promise<void>[] = []
      for (let i = 1; i <= 150; i++) {
        // Some writes carry several records, some none.
        const count = i % 10 === 0 ? 0 : i % 7 === 0 ? 3 : 1
        for (let k = 0; k < count; k++) book.add(`concurrent ${i}.${k}`)
        const seq = book.notes.length
        writes.push(journal.write(book).then(() => void durableAtResolve.push({ seq, durable: journal.durableSeq })))
      }
      await Promise.all(writes)
      expect(durableAtResolve).toHaveLength(150)
      for (const r of durableAtResolve) expect(r.durable, `write up to ${r.seq}`).toBeGreaterThanOrEqual(r.seq)
      expect(journal.durableSeq).toBe(book.notes.length)

      const again = await reopen()
      expect(again.state!.notes).toEqual(book.notes)
      const all = book.notes.map((n) => n.seq)
      expect(await again.journal.readRecords(all)).toEqual(book.notes)
    })

    it('advances durableSeq with each write', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      expect(journal.durableSeq).toBe(0)
      book.add('a')
      book.add('b')
      book.add('c')
      await journal.write(book)
      expect(journal.durableSeq).toBe(3)
      book.add('d')
      await journal.write(book)
      expect(journal.durableSeq).toBe(4)
      const again = await reopen()
      expect(again.journal.durableSeq).toBe(4)
    })

    it('resolves a write with nothing new, before and after records exist', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      await journal.write(book)
      expect(journal.durableSeq).toBe(0)
      await writeNotes(journal, book, ['x', 'y'])
      await journal.write(book)
      await journal.write(book)
      expect(journal.durableSeq).toBe(2)

      // A write with nothing new still waits for records handed over before it.
      book.add('z')
      const first = journal.write(book)
      await journal.write(book)
      expect(journal.durableSeq).toBe(3)
      await first

      expect((await reopen()).state!.notes).toEqual(book.notes)
    })

    it('keeps everything across close and reopen, and appends after it', async () => {
      const { journal } = await reopen()
      const book = new Notebook()
      await writeNotes(journal, book, ['before close 1', 'before close 2'])
      // close() flushes what was handed over but not yet awaited.
      book.add('handed over, not awaited')
      const pending = journal.write(book)
      await journal.close()
      await pending

      const second = await reopen()
      expect(second.state!.notes).toEqual(book.notes)
      // The reopened state goes on numbering where the stored one stopped.
      const continued = second.state!
      await writeNotes(second.journal, continued, ['after reopen'])
      expect(second.journal.durableSeq).toBe(4)
      await second.journal.close()

      const third = await reopen()
      expect(third.state!.notes.map((n) => n.text)).toEqual(['before close 1', 'before close 2', 'handed over, not awaited', 'after reopen'])
      expect(await third.journal.readRecords([4, 1])).toEqual([continued.notes[3], book.notes[0]])
    })
  })
}
