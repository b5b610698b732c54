import { describe, expect, it } from 'vitest'
import { LedgerError } from '../../../server/domain/errors'
import { Ledger } from '../../../server/domain/ledger'
import { TestClock } from '../../helpers/clock'

describe('a write that fails to apply', () => {
  it('answers an internal error that keeps what went wrong as its cause, and stops the ledger', () => {
    const ledger = new Ledger(new TestClock())
    // A record no validation let through: its workspace does not exist.
    const attempt = () => ledger.commit({ type: 'product.saved', ws: 'nowhere', by: null, data: { sku: 'X', name: 'X', uom: 'Units', tracking: 'none', gtin: null, expiry: null } })
    const err = (() => {
      try {
        attempt()
      } catch (e) {
        return e
      }
      throw new Error('the write was accepted')
    })()
    expect(err).toBeInstanceOf(LedgerError)
    expect(err).toMatchObject({ code: 'internal' })
    expect((err as LedgerError).cause).toBeInstanceOf(Error)
    expect(((err as LedgerError).cause as Error).message).toMatch(/unknown workspace nowhere/)
    expect(ledger.broken).toBe((err as LedgerError).cause)
    expect(attempt).toThrow(/stopped after an internal error/)
  })
})
