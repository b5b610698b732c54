/**
 * A small workbook's parts are written in the server's thread, no worker thread started, and
 * make the file the sheet workers make, byte for byte; a workbook that reaches the threshold
 * starts the workers once and gives them the parts kept so far and the rest.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PartWriters } from '../../../server/exports/part-writers'
import { SheetWorkers } from '../../../server/exports/sheet-workers'
import { threadsStartedBy } from '../../helpers/threads'
import { SHEET_ROWS, tableWorkbook } from './table-book'

describe('the writers of a workbook\'s parts', () => {
  // The same instant for every file: their zip headers and docProps/core.xml say when they were made.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-27T10:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('write a small workbook in this thread, the same bytes as the workers write', async () => {
    const workers = new SheetWorkers(2)
    try {
      for (const partRows of [4, 1000]) {
        const viaWorkers = await tableWorkbook(new PartWriters(0, () => workers), partRows)
        let starts = 0
        const here = await threadsStartedBy(() => tableWorkbook(new PartWriters(SHEET_ROWS + 1, () => (starts++, workers)), partRows))
        expect(here.threads, 'worker threads started').toBe(0)
        expect(starts).toBe(0)
        expect(here.value.equals(viaWorkers), `parts of ${partRows}`).toBe(true)
      }
    } finally {
      await workers.close()
    }
  })

  it('start the workers once the rows reach the threshold, and give them the parts kept before', async () => {
    const reference = new SheetWorkers(1)
    try {
      const expected = await tableWorkbook(new PartWriters(0, () => reference), 4)
      let started: SheetWorkers | null = null
      let starts = 0
      const start = () => (starts++, (started = new SheetWorkers(2)))
      // Parts of 4 rows, given in turns: the threshold is reached with the fourth.
      const large = await threadsStartedBy(() => tableWorkbook(new PartWriters(13, start), 4))
      try {
        expect(starts).toBe(1)
        // Each worker's thread, and under tsx its loader's thread too.
        expect(large.threads).toBeGreaterThanOrEqual(2)
        expect(large.value.equals(expected)).toBe(true)
      } finally {
        await (started as SheetWorkers | null)?.close()
      }
    } finally {
      await reference.close()
    }
  })

  it('fail the download with the part\'s error when one written here fails', async () => {
    const writers = new PartWriters(SHEET_ROWS + 1, () => {
      throw new Error('no workers for a small workbook')
    })
    // A part that cannot be written: its style ids are missing (runSheetJob throws on them).
    const write = writers.write.bind(writers)
    writers.write = (job) => write({ ...job, ids: new Int32Array(0) })
    await expect(tableWorkbook(writers, 1000)).rejects.toThrow(/a sheet part failed/)
  })
})
