/** The full collection after a load runs where the process exposes one (npm start does), and is skipped elsewhere. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { collectAfterLoad } from '../../../server/memory/after-load'

const global = globalThis as { gc?: () => void }
const exposed = global.gc

afterEach(() => {
  global.gc = exposed
})

describe('the collection after a load', () => {
  it('runs once where the process exposes gc, and is skipped where it does not', () => {
    const gc = vi.fn()
    global.gc = gc
    collectAfterLoad()
    expect(gc).toHaveBeenCalledTimes(1)
    delete global.gc
    expect(() => collectAfterLoad()).not.toThrow()
  })
})
