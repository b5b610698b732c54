import { describe, expect, it } from 'vitest'
import { chooseHeap, HeapSizeError } from '../../../server/memory/heap-size'

const GB = 1024 ** 3

describe('chooseHeap', () => {
  it('gives the server three quarters of the machine, or of its container when that is smaller', () => {
    expect(chooseHeap({}, 16 * GB)).toEqual({ mb: 12288, from: 'machine' })
    expect(chooseHeap({}, 16 * GB, 4 * GB)).toEqual({ mb: 3072, from: 'machine' })
    // Node says an unlimited container's memory as a huge number.
    expect(chooseHeap({}, 16 * GB, 2 ** 53)).toEqual({ mb: 12288, from: 'machine' })
    expect(chooseHeap({}, 0.2 * GB)).toEqual({ mb: 256, from: 'machine' })
  })

  it('takes LOTLEDGER_HEAP_MB over the machine, and leaves a heap NODE_OPTIONS sets alone', () => {
    expect(chooseHeap({ LOTLEDGER_HEAP_MB: '6000' }, 16 * GB)).toEqual({ mb: 6000, from: 'LOTLEDGER_HEAP_MB' })
    expect(chooseHeap({ NODE_OPTIONS: '--max-old-space-size=9000' }, 16 * GB)).toEqual({ mb: null, from: 'NODE_OPTIONS' })
    expect(chooseHeap({ NODE_OPTIONS: '--enable-source-maps' }, 16 * GB).from).toBe('machine')
  })

  it('refuses a LOTLEDGER_HEAP_MB that is not a whole number of at least 256 MiB', () => {
    for (const bad of ['lots', '100', '1.5e3', '-2048']) {
      expect(() => chooseHeap({ LOTLEDGER_HEAP_MB: bad }, 16 * GB)).toThrow(HeapSizeError)
    }
    expect(() => chooseHeap({ LOTLEDGER_HEAP_MB: '12' }, 16 * GB)).toThrow(/LOTLEDGER_HEAP_MB must be a whole number of MiB, at least 256 \(got "12"\)/)
  })
})
