/** What the pane says after a write: recorded, waiting on this computer (and why), or refused. */
import { expiryText } from '../../../shared/expiry-precision'
import { OPERATION_TYPE_INFO } from '../../../shared/operation-types'
import type { ErrorDetail } from '../../../shared/schemas/error'
import type { ApiErrorCode } from '../api/errors'
import type { OperationResult } from '../api/types'
import type { WaitCause } from '../sync/outbox'
import { h, message } from './dom'

/** "1 move", "3 moves". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** Why a write waits, in a sentence. */
export function waitingText(cause: WaitCause, reason: string): string {
  switch (cause) {
    case 'offline':
      return `Saved on this computer: it will be sent when the server can be reached (${reason}).`
    case 'token':
      return 'Saved on this computer: the server refused your token. Connect with a new token (⚙) to send it.'
    case 'behind':
      return 'Saved on this computer: it will be sent after the writes waiting before it (see Queue).'
  }
}

const REFUSED: Partial<Record<ApiErrorCode, string>> = {
  insufficient_stock: 'Not enough stock.', serial_in_stock: 'A serial is already in stock.', lot_required: 'A lot is needed.',
  lot_expired: 'A lot is expired.', lot_on_hold: 'A lot is on hold under a recall.', exists_with_different_fields: 'This id was used for another operation.',
  forbidden: 'Your token may not do this.', not_found: 'Something it names does not exist.', validation_failed: 'Some values are not valid.',
}

/** The title of a refusal: what kind of refusal, and that nothing was recorded (the details go on the form). */
export function refusalTitle(code: ApiErrorCode): string {
  return `${REFUSED[code] ?? 'The server refused it.'} Nothing was recorded: fix the marked lines and record again.`
}

/** "Recorded: Delivery SO-1" with its moves and the lots it created. */
export function recordedMessage(r: OperationResult, status: number): HTMLElement {
  const created = r.lots.filter((l) => l.created)
  return message('success',
    h('strong', null, `${status === 200 ? 'Already recorded' : 'Recorded'}: ${OPERATION_TYPE_INFO[r.operation.type].label} ${r.operation.reference}`),
    h('div', null, `${counted(r.moves.length, 'move')} · id ${r.operation.id}`),
    created.length ? h('div', null, `New lots: ${created.slice(0, 8).map((l) => `${l.name}${l.expirationDate ? ` (expires ${expiryText(l)})` : ''}`).join(', ')}${created.length > 8 ? ` and ${created.length - 8} more` : ''}`) : null)
}

/** The details of a refusal to show on the form: its message when it names no field. */
export function refusalDetails(err: { message: string; details: ErrorDetail[] }): ErrorDetail[] {
  return err.details.length ? err.details : [{ path: '', message: err.message }]
}
