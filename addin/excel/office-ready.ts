/** Starting inside or outside Office: waits for office.js, which only this layer touches. */

const READY_TIMEOUT_MS = 5_000

/**
 * Waits for office.js. Outside Office it resolves with host null; when office.js could not be
 * loaded at all (blocked, offline first start) it resolves too, so the pane still works.
 */
export async function officeReady(): Promise<{ host: string | null }> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return { host: null }
  const timeout = new Promise<{ host: null }>((resolve) => setTimeout(() => resolve({ host: null }), READY_TIMEOUT_MS))
  const ready = Office.onReady().then((info) => ({ host: info.host ? String(info.host) : null }))
  return Promise.race([ready, timeout])
}
