/**
 * The pane's store keeps the layout office-js-helpers' Storage wrote, so that a pane updated with
 * writes still waiting finds them; checked against the helper itself, over one storage area.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStore, memoryArea, type StorageArea } from '../../../../addin/src/platform/store'

afterEach(() => vi.unstubAllGlobals())

/** office-js-helpers' Storage of `container` over `area` (it reads `window.localStorage`). */
async function helperStorage(container: string, area: StorageArea) {
  vi.stubGlobal('window', globalThis)
  vi.stubGlobal('localStorage', area)
  const { Storage, StorageType } = await import('@microsoft/office-js-helpers')
  return new Storage<unknown>(container, StorageType.LocalStorage)
}

const WRITE = { kind: 'operation', id: 'c3c8b0de-2f4b-4bde-9a57-5b8a1e0f6d11', body: { type: 'receipt', date: '2026-12-06', createdAt: '2026-12-06T10:00:00.000Z', lines: [{ product: 'MILK', lot: 'L-1', qty: '12.5' }] } }

describe('the pane\'s store', () => {
  it('reads what the pane stored through office-js-helpers before, dates left as text', async () => {
    const area = memoryArea()
    // As the pane wrote through the helper: its values as JSON text, which the helper encoded again.
    const helper = await helperStorage('lotledger', area)
    helper.set('outbox', JSON.stringify([WRITE]))
    helper.set('credentials', JSON.stringify({ serverUrl: 'https://ledger.example', token: 'll_x' }))

    const store = createStore('lotledger', area)
    expect(store.get('outbox')).toEqual([WRITE])
    expect(store.get('credentials')).toEqual({ serverUrl: 'https://ledger.example', token: 'll_x' })
    expect(store.keys().sort()).toEqual(['credentials', 'outbox'])
  })

  it('writes what office-js-helpers reads back the same', async () => {
    const area = memoryArea()
    createStore('lotledger', area).set('outbox', [WRITE])
    const helper = await helperStorage('lotledger', area)
    expect(JSON.parse(helper.get('outbox') as string)).toEqual([WRITE])
  })

  it('keeps containers apart, removes, and reads a value it cannot parse as absent', () => {
    const area = memoryArea()
    const a = createStore('lotledger', area)
    const b = createStore('other', area)
    a.set('tab', 'lots')
    b.set('tab', 'record')
    expect([a.get('tab'), b.get('tab')]).toEqual(['lots', 'record'])
    a.remove('tab')
    a.remove('never-set')
    expect([a.get('tab'), b.get('tab'), a.keys(), b.keys()]).toEqual([null, 'record', [], ['tab']])
    area.setItem('@lotledger/draft', '{cut sho')
    expect(a.get('draft')).toBeNull()
  })

  it('works in memory when the browser keeps no storage, and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    vi.stubGlobal('localStorage', undefined)
    const store = createStore('lotledger')
    store.set('credentials', { token: 't' })
    expect(store.get('credentials')).toEqual({ token: 't' })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no storage'))
    warn.mockRestore()
  })
})
