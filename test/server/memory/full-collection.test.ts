/** A full collection on demand, in a process started without --expose-gc (as vitest's workers are). */
import { describe, expect, it } from 'vitest'
import { fullCollection } from '../../../server/memory/full-collection'

describe('fullCollection', () => {
  it('collects an object nothing holds any more, without the process exposing gc', async () => {
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined()
    let held: object | null = { big: new Array(1000).fill('x') }
    const ref = new WeakRef(held)
    held = null
    // A WeakRef keeps its target until the end of the job that made or read it.
    await new Promise((resolve) => setTimeout(resolve, 0))
    fullCollection()
    expect(ref.deref()).toBeUndefined()
  })
})
