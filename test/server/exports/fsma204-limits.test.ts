/** A range whose records would not fit an Excel sheet is refused before the file starts, never written broken. */
import { describe, expect, it } from 'vitest'
import { fsmaWorkbook, type FsmaRecords } from '../../../server/exports/fsma204'
import type { FsmaRecord } from '../../../server/exports/fsma204-rows'
import type { ReportContext } from '../../../server/exports/report'
import { DEFAULT_SETTINGS } from '../../../shared/schemas/settings'
import { MAX_ROWS } from '../../../shared/xlsx'

const context = {
  ws: { settings: DEFAULT_SETTINGS }, today: '2026-11-27', sheet: { workspace: 'default', timeZone: 'UTC', now: new Date('2026-11-27T10:00:00Z') },
} as unknown as ReportContext

function gathered(receiving: number): FsmaRecords {
  const record: FsmaRecord = { sheet: 'receiving', reference: 'PO-1', product: 'LETTUCE', lot: 'L1', values: [], missing: [] }
  return { records: new Map([['receiving', new Array<FsmaRecord>(receiving).fill(record)]]), missing: [], truncated: false }
}

describe('FSMA 204 records and Excel\'s last row', () => {
  it('a sheet up to the last row is written; one more record is refused, asking for a shorter range', () => {
    const fits = MAX_ROWS - 4
    expect(fsmaWorkbook(context, { kind: 'range' }, gathered(fits), []).sheets[0].head.subtitle).toContain(`${fits} rows`)
    expect(() => fsmaWorkbook(context, { kind: 'range' }, gathered(fits + 1), [])).toThrow(/more than an Excel sheet takes \(1048572\): ask for a shorter range/)
  })
})
