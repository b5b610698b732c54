/**
 * The one module that uses @microsoft/office-js-helpers (deprecated upstream): its storage
 * wrapper and its error banner, behind two small interfaces that could be reimplemented here
 * without touching the rest of the pane.
 */
import { Storage, StorageType, UI } from '@microsoft/office-js-helpers'

/** A persistent key-value store of JSON values. */
export interface KeyValueStore {
  get<T>(key: string): T | null
  set<T>(key: string, value: T): void
  remove(key: string): void
  keys(): string[]
}

/** Values live in localStorage, scoped to a container; in memory when the browser forbids storage. */
export function createStore(container: string): KeyValueStore {
  let storage: Storage<unknown>
  try {
    storage = new Storage<unknown>(container, StorageType.LocalStorage)
  } catch {
    storage = new Storage<unknown>(container, StorageType.InMemoryStorage)
  }
  const prefix = `@${container}/`
  return {
    // Values go in as JSON text, parsed here: the helper's own parse turns ISO date-time strings
    // into Date objects, which would change a queued write's content between two sends.
    get: <T>(key: string) => (storage.has(key) ? (JSON.parse(storage.get(key) as string) as T) : null),
    set: (key, value) => void storage.set(key, JSON.stringify(value)),
    remove: (key) => {
      if (storage.has(key)) storage.delete(key)
    },
    // The helper lists keys scoped as "@container/key".
    keys: () => storage.keys().map((k) => (k.startsWith(prefix) ? k.slice(prefix.length) : k)),
  }
}

/** Shows an error banner at the top of the pane. */
export function notifyError(title: string, message: string): void {
  UI.notify(message, title, 'error')
}
