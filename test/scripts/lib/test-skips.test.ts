import { describe, expect, it } from 'vitest'
import { isCi, testSkips } from '../../../scripts/lib/test-skips'

describe('testSkips', () => {
  it('skips nothing unless asked', () => {
    expect([...testSkips({})]).toEqual([])
    expect([...testSkips({ LOTLEDGER_TEST_SKIP: '' })]).toEqual([])
  })

  it('skips the tools named, comma-separated', () => {
    expect([...testSkips({ LOTLEDGER_TEST_SKIP: 'libreoffice' })]).toEqual(['libreoffice'])
    expect([...testSkips({ LOTLEDGER_TEST_SKIP: 'chromium, libreoffice' })]).toEqual(['chromium', 'libreoffice'])
  })

  it('refuses a name it does not know (a typo would otherwise skip nothing, unnoticed)', () => {
    expect(() => testSkips({ LOTLEDGER_TEST_SKIP: 'soffice' })).toThrow('LOTLEDGER_TEST_SKIP=soffice: "soffice" is not a tool the tests use (chromium, libreoffice, postgres, haproxy)')
  })

  it('refuses any skip in CI', () => {
    expect(() => testSkips({ LOTLEDGER_TEST_SKIP: 'chromium', CI: 'true' })).toThrow('LOTLEDGER_TEST_SKIP=chromium is refused in CI (CI=true): every test must run there')
    expect([...testSkips({ CI: 'true' })]).toEqual([])
  })
})

describe('isCi', () => {
  it('is set by any CI value but false and 0', () => {
    expect([isCi({ CI: 'true' }), isCi({ CI: '1' }), isCi({ CI: 'github' })]).toEqual([true, true, true])
    expect([isCi({}), isCi({ CI: '' }), isCi({ CI: 'false' }), isCi({ CI: '0' })]).toEqual([false, false, false, false])
  })
})
