import { MemoryJournal } from '../../../server/store/memory-journal'
import { describeJournalAdapter, Notebook, type Note } from './journal-contract'

// "Reopening" a memory journal is a new instance over the same array of lines.
describeJournalAdapter('MemoryJournal', async () => {
  const lines: string[] = []
  return {
    open: () => new MemoryJournal<Notebook, Note>(() => new Notebook(), lines),
    dispose: async () => {},
  }
})
