import { describe, expect, it } from 'vitest'
import { statusColumnOf, statusText } from '../../../shared/import/status-text'

describe('the Status column\'s words', () => {
  it('are Imported, OK, Already imported and Error: …, whatever the server\'s own message', () => {
    expect(statusText({ status: 'ok', message: 'imported' }, true)).toBe('Imported')
    expect(statusText({ status: 'ok', message: 'ok, not imported (problems elsewhere)' }, false)).toBe('OK')
    expect(statusText({ status: 'ok', message: 'ok (dry run)' }, false)).toBe('OK')
    expect(statusText({ status: 'unchanged', message: 'already there' }, true)).toBe('Already imported')
    expect(statusText({ status: 'error', message: 'C: unknown product NOPE' }, false)).toBe('Error: C: unknown product NOPE')
  })
})

describe('the Status column an earlier check wrote', () => {
  it('is the last header when it reads Status, blank headers after it passed over', () => {
    expect(statusColumnOf(['Reference', 'Qty', 'Status'])).toBe(2)
    expect(statusColumnOf(['Reference', 'Qty', '', 'status ', ''])).toBe(3)
    expect(statusColumnOf(['Reference', 'Qty'])).toBe(-1)
    // A column called Status among the data is the user's, not the import's.
    expect(statusColumnOf(['Status', 'Reference', 'Qty'])).toBe(-1)
    expect(statusColumnOf([])).toBe(-1)
  })
})
