/**
 * Scans on the Record form: each one fills the current line of the section it goes to (a
 * production's consumed or produced lines), or starts the next; a GTIN no product has is offered
 * to an admin as a new product, and refused in plain words to others.
 */
import { assertNever } from '../../../shared/assert-never'
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import { OPERATION_TYPE_INFO, type LineField } from '../../../shared/operation-types'
import { productIndex } from '../../../shared/products/resolve'
import type { Product } from '../api/types'
import { emptyLine } from '../forms/lines-from-rows'
import type { OperationDraft } from '../forms/operation-draft'
import { applyScan, type ScanOutcome } from '../forms/scan-line'
import { productsOf } from '../sync/catalogue'
import type { Pane } from './context'
import { unknownGtinReply } from './new-product'
import type { ScanReply } from './scan-field'

/** Where a production's scans go. */
export type ProductionSide = 'consume' | 'produce'

export interface RecordScanContext {
  pane: Pane
  draft: () => OperationDraft
  save(): void
  render(): void
  /** For a production: the side the user chose for scans. */
  side(): ProductionSide
}

const PRODUCTION_FIELDS: Record<ProductionSide, readonly LineField[]> = { consume: ['from'], produce: ['to', 'expirationDate'] }

/** Puts `scan` on the draft's lines, with `added` products known besides the catalogue's. */
function put(c: RecordScanContext, scan: Gs1Fields, added: Product[]): ScanOutcome {
  const draft = c.draft()
  const products = added.length ? productIndex([...(c.pane.conn.view.catalogue?.products ?? []), ...added]) : productsOf(c.pane.conn.view.catalogue)
  if (draft.type !== 'production') return applyScan(draft.lines, scan, products, OPERATION_TYPE_INFO[draft.type].lineFields, emptyLine)
  const side = c.side()
  return side === 'consume'
    ? applyScan(draft.consume, scan, products, PRODUCTION_FIELDS.consume, emptyLine)
    : applyScan(draft.produce, scan, products, PRODUCTION_FIELDS.produce, () => ({ ...emptyLine(), inputs: [] }))
}

/** The Scan field's handler for Record. */
export function recordScan(c: RecordScanContext) {
  const reply = (scan: Gs1Fields, outcome: ScanOutcome, say: (r: ScanReply) => void): ScanReply => {
    switch (outcome.kind) {
      case 'filled':
        c.save()
        c.render()
        return { intent: 'success', content: [outcome.text] }
      case 'refused':
        return { intent: 'error', content: [outcome.text] }
      case 'unknown-gtin':
        return unknownGtinReply(c.pane, scan, outcome.gtin, (product) => reply(scan, put(c, scan, [product]), say), say)
      default:
        return assertNever(outcome, 'scan outcome')
    }
  }
  return (scan: Gs1Fields, say: (r: ScanReply) => void): ScanReply => reply(scan, put(c, scan, []), say)
}
