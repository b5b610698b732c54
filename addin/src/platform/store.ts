/**
 * The pane's persistent key-value store: credentials, the catalogue, drafts and the queue of
 * waiting writes, in the browser's localStorage.
 *
 * The layout is the one office-js-helpers' Storage wrote, which the pane used before, so that a
 * pane updated with writes still waiting finds them: each key is scoped as `@<container>/<key>`,
 * and each value is JSON text stored as a JSON string (the helper serialised the text the pane
 * gave it once more).
 */

/** A persistent key-value store of JSON values. */
export interface KeyValueStore {
  get<T>(key: string): T | null
  set<T>(key: string, value: T): void
  remove(key: string): void
  keys(): string[]
}

/** The part of the Web Storage API the store uses. */
export type StorageArea = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>

/** localStorage when the browser lets the pane use it, else null (storage disabled, a sandboxed frame). */
function browserStorage(): StorageArea | null {
  try {
    const storage = globalThis.localStorage
    storage.getItem('')
    return storage
  } catch {
    return null
  }
}

/** A storage area in memory, for a browser that forbids storage: the pane works, and forgets on close. */
export function memoryArea(): StorageArea {
  const items = new Map<string, string>()
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size
    },
  }
}

/**
 * The store of `container` in `area` (localStorage by default; in memory when the browser
 * forbids storage). A value that cannot be read back (written by hand, cut short) reads as absent.
 */
export function createStore(container: string, area: StorageArea | null = browserStorage()): KeyValueStore {
  const storage = area ?? memoryArea()
  if (!area) console.warn('lotledger: the browser keeps no storage for the pane; waiting writes are lost when it closes')
  const prefix = `@${container}/`
  return {
    get<T>(key: string): T | null {
      const item = storage.getItem(prefix + key)
      if (item === null) return null
      try {
        return JSON.parse(JSON.parse(item) as string) as T
      } catch {
        return null
      }
    },
    set: (key, value) => storage.setItem(prefix + key, JSON.stringify(JSON.stringify(value))),
    remove: (key) => storage.removeItem(prefix + key),
    keys() {
      const out: string[] = []
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i)
        if (k?.startsWith(prefix)) out.push(k.slice(prefix.length))
      }
      return out
    },
  }
}
