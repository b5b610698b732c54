import { describe, expect, it } from 'vitest'
import { statusText } from '../../../shared/import/status-text'

describe('the Status column\'s words', () => {
  it('are Imported, OK, Already imported and Error: …, whatever the server\'s own message', () => {
    expect(statusText({ status: 'ok', message: 'imported' }, true)).toBe('Imported')
    expect(statusText({ status: 'ok', message: 'ok, not imported (problems elsewhere)' }, false)).toBe('OK')
    expect(statusText({ status: 'ok', message: 'ok (dry run)' }, false)).toBe('OK')
    expect(statusText({ status: 'unchanged', message: 'already there' }, true)).toBe('Already imported')
    expect(statusText({ status: 'error', message: 'C: unknown product NOPE' }, false)).toBe('Error: C: unknown product NOPE')
  })
})
