/** Installs the pane's service worker (service-worker.ts), which keeps a copy of the pane for opening it offline. */

/**
 * Registers `sw.js` (beside the page, so that its scope covers it) once the pane has shown, and
 * looks for a newer one (the browser alone may wait a day between its own checks). Where
 * there is no service worker (an insecure origin, a web view without them) or registering fails,
 * the pane works as before, online only.
 */
export function keepOfflineCopy(): void {
  if (!('serviceWorker' in navigator)) return
  navigator.serviceWorker.register('./sw.js')
    // Asks for sw.js again at once: a new build served since the last visit is then kept for the next offline start.
    .then((registration) => registration.update())
    .catch((err: unknown) => console.warn('lotledger: the pane will not open offline:', err))
}
