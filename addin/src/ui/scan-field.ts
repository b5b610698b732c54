/**
 * The Scan field of Record and Lots. A scanner types what it read and then Enter (a person may
 * paste a barcode's text, or a Digital Link, and press Enter): the scan is read in the pane, with
 * no request, and put on the form; what it did, or why not, shows under the field, which keeps
 * the focus for the next scan.
 */
import { dateInZone } from '../../../shared/dates'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import { gs1Reader } from '../forms/gs1-parser'
import type { Pane } from './context'
import { field, fill, h, input, message } from './dom'

/** What the form says of a scan it took (or could not use). */
export interface ScanReply {
  intent: 'info' | 'success' | 'warning' | 'error'
  content: Array<Node | string>
}

export interface ScanFieldOptions {
  /** The field's hint: where scans go. */
  hint: string
  /**
   * Puts a valid scan on the form and says what it did; `say` replaces that later (after a
   * product was added for an unknown GTIN, say).
   */
  onScan(scan: Gs1Fields, say: (reply: ScanReply) => void): ScanReply | Promise<ScanReply>
}

/** A Scan field; keep the element across redraws of its form so that it keeps the focus. */
export function scanField(pane: Pane, o: ScanFieldOptions): HTMLElement {
  const control = input({ name: 'scan', placeholder: 'Scan a GS1 barcode', spellcheck: 'false', autocapitalize: 'off' })
  const said = h('div', { className: 'scan-said', 'aria-live': 'polite', 'data-scan-said': '' })
  control.addEventListener('focus', () => void gs1Reader(), { once: true })
  // Enter ends a scan: it must not submit the form around the field.
  control.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return
    e.preventDefault()
    e.stopPropagation()
    void take()
  })
  // A scan is not an edit of the form: the form's "clear old news on input" must not see it.
  control.addEventListener('input', (e) => e.stopPropagation())
  let told = 0
  const say = (reply: ScanReply) => {
    fill(said, message(reply.intent, ...reply.content))
    // Each answer is counted, so that a second answer in the same words is still seen as new.
    said.dataset.told = String(++told)
  }
  let busy = false
  const take = async () => {
    const data = control.value
    if (!data.trim() || busy) return
    busy = true
    try {
      const read = await gs1Reader()
      const today = dateInZone(new Date(), pane.conn.view.catalogue?.settings.timeZone ?? 'UTC')
      const result = read(data, today)
      let reply: ScanReply
      if (!result.ok) {
        reply = { intent: 'error', content: ['Not read: ', h('ul', { className: 'problems' }, ...result.problems.map((p) => h('li', null, p.message)))] }
      } else {
        reply = await o.onScan(result, say)
      }
      say(reply)
      // A scan taken clears the field for the next; a refused one stays selected, to be read or
      // fixed, and the next scan replaces it rather than adding to it.
      if (reply.intent !== 'error') control.value = ''
      control.focus()
      if (reply.intent === 'error') control.select()
    } finally {
      busy = false
    }
  }
  return h('div', { className: 'scan' }, field('Scan', control, o.hint), said)
}
