import { describe, expect, it } from 'vitest'
import { MMAP_THRESHOLD_BYTES, withMallocSettings } from '../../../server/memory/malloc-env'

describe('withMallocSettings', () => {
  it('fixes the C allocator\'s threshold for blocks of their own, and leaves one the operator set', () => {
    expect(withMallocSettings({ PORT: '0' })).toEqual({ PORT: '0', MALLOC_MMAP_THRESHOLD_: String(MMAP_THRESHOLD_BYTES) })
    expect(MMAP_THRESHOLD_BYTES).toBe(131072)
    expect(withMallocSettings({ MALLOC_MMAP_THRESHOLD_: '65536' })).toEqual({ MALLOC_MMAP_THRESHOLD_: '65536' })
  })
})
