/**
 * The one module that uses @microsoft/office-js-helpers (deprecated upstream): its error banner.
 * The library is one webpack bundle (rxjs and lodash within) whose evaluation took about a tenth
 * of the pane's start, so it is loaded only when a banner is shown.
 */

/** Shows an error banner at the top of the pane. */
export function notifyError(title: string, message: string): void {
  import('@microsoft/office-js-helpers')
    .then(({ UI }) => UI.notify(message, title, 'error'))
    // The banner's own code could not be loaded (the server gone on a first start): the console still says it.
    .catch(() => console.error(`${title}: ${message}`))
}
