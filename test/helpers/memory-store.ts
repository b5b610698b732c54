import type { KeyValueStore } from '../../addin/src/platform/helpers'

/** A KeyValueStore in memory that round-trips values through JSON, as localStorage does. */
export function memoryStore(): KeyValueStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>()
  return {
    raw,
    get: <T>(key: string) => (raw.has(key) ? (JSON.parse(raw.get(key)!) as T) : null),
    set: (key, value) => void raw.set(key, JSON.stringify(value)),
    remove: (key) => void raw.delete(key),
    keys: () => [...raw.keys()],
  }
}
