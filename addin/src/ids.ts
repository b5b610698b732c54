/** Client-generated ids: time-ordered, random, and safe as idempotency keys (`[A-Za-z0-9._:~-]`). */

/** A new id such as `lv2x9k3p-6f1c0e9a2b7d4c18`, sortable by creation time. */
export function newClientId(prefix = ''): string {
  const random = new Uint8Array(8)
  crypto.getRandomValues(random)
  const hex = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${prefix}${Date.now().toString(36).padStart(9, '0')}-${hex}`
}
