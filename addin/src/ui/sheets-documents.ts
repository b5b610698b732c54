/**
 * Sheets > Documents: a delivery's slip (a sheet in Excel, read through the API; the server's
 * file without Excel) and the audit trail, which only the server can write (who created and
 * revoked tokens is not in the API), so it is always the server's file.
 */
import { downloadReport } from '../sheets/deliver'
import { rangeProblem } from '../sheets/sources'
import { button, fill, h, message, setFieldError } from './dom'
import type { SheetsContext } from './sheets-context'

async function downloadAudit(c: SheetsContext): Promise<void> {
  const { auditAfter: after, auditBefore: before } = c.form
  const reversed = rangeProblem(after, before)
  if (reversed) return setFieldError(c.control('auditBefore'), reversed)
  const api = c.pane.conn.api
  if (!api) return void fill(c.status, message('error', 'Connect to the server first.'))
  try {
    c.pane.progress('Downloading the audit…')
    fill(c.status, message('success', `Downloaded ${await downloadReport(api, 'audit', { after, before })}.`))
  } catch (err) {
    fill(c.status, message('error', `Could not download the audit: ${(err as Error).message}`))
  } finally {
    c.pane.progress(null)
  }
}

/** The Documents part of Sheets: a delivery slip, the audit. */
export function documentsSection(c: SheetsContext): HTMLElement[] {
  const slip = () => {
    const reference = c.form.slipReference.trim()
    if (!reference) return setFieldError(c.control('slipReference'), 'give the delivery\'s reference')
    void c.run({ kind: 'delivery-slip', reference })
  }
  return [
    h('h3', null, 'Documents'),
    c.text('slipReference', 'Delivery reference', { placeholder: 'SO-2231' }),
    h('div', { className: 'actions' }, button(c.pane.excel ? 'Delivery slip' : 'Download delivery slip', slip, { 'data-sheet': 'delivery-slip' })),
    h('div', { className: 'row' }, c.text('auditAfter', 'Audit from', { type: 'date' }), c.text('auditBefore', 'Audit before', { type: 'date' })),
    h('p', { className: 'hint' }, 'Every write of the workspace: when, who, what. The server writes it as an .xlsx file.'),
    h('div', { className: 'actions' }, button('Download audit', () => void downloadAudit(c), { 'data-sheet': 'audit' })),
  ]
}
