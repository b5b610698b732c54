import { describe, expect, it } from 'vitest'
import { RecordDescriber } from '../../../server/exports/audit-words'
import type { BatchPart } from '../../../server/domain/records'
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/schemas/settings'

const changed = (data: Partial<Settings>): BatchPart => ({ type: 'settings.updated', ws: 'default', seq: 1, at: '2026-06-01T00:00:00.000Z', by: null, data } as BatchPart)

describe('settings changes in the audit', () => {
  it('name each document field that changed, a text\'s lines joined by " / "', () => {
    const d = new RecordDescriber()
    const sender = 'Dairy Co\nRue du Lait 1'
    expect(d.describe(changed({ ...DEFAULT_SETTINGS, documents: { ...DEFAULT_SETTINGS.documents, sender } }))).toEqual({
      what: 'Settings changed', reference: null, summary: 'documents.sender null → Dairy Co / Rue du Lait 1',
    })
    expect(d.describe(changed({ ...DEFAULT_SETTINGS, timeZone: 'Europe/Brussels', documents: { sender, deliverySlipFooter: null, paperSize: 'Letter' } })).summary)
      .toBe('timeZone UTC → Europe/Brussels; documents.paperSize A4 → Letter')
  })

  it('reads a record written before the document settings existed as no change to them', () => {
    const d = new RecordDescriber()
    const { documents: _documents, ...old } = { ...DEFAULT_SETTINGS, dateFormat: 'MDY' as const }
    expect(d.describe(changed(old)).summary).toBe('dateFormat DMY → MDY')
  })
})
