/**
 * A GS1 scan put on the Lots form: its product, its lot or serial and the expiry it carries. A
 * second serial of the same product makes the form a list, so that a box of serials is scanned
 * one after another and registered at once. Pure: the Lots tab and its tests share it.
 */
import type { Gs1Fields } from '../../../shared/gs1/interpret'
import type { Product } from '../api/types'
import type { LotForm } from './lot-entries'
import { expiryText as expiryWords } from './scan-line'
import { expiryText } from '../../../shared/expiry-precision'

/** What the scan did to the form, in words, or why it could not. */
export type LotScanOutcome = { ok: true; text: string } | { ok: false; text: string }

/** One pasted line: the name, then the quantity and the expiry the scan has (ISO dates read in every format, a month only as YYYY-MM). */
const pastedLine = (name: string, scan: Pick<Gs1Fields, 'quantity' | 'expirationDate' | 'expirationPrecision'>) =>
  [name, scan.quantity?.unit === 'units' ? String(scan.quantity.value) : '', scan.expirationDate ? expiryText({ expirationDate: scan.expirationDate, expirationPrecision: scan.expirationPrecision }) : '']
    .join('\t').replace(/\t+$/, '')

/** Puts `scan` of `product` on `form` (edited in place). */
export function lotFormFromScan(form: LotForm, scan: Gs1Fields, product: Product): LotScanOutcome {
  if (product.tracking === 'none') return { ok: false, text: `${product.sku} (${product.name}) is not tracked by lot or serial: it has no lots to register.` }
  const name = product.tracking === 'serial' ? scan.serial ?? scan.lot : scan.lot ?? scan.serial
  if (!name) return { ok: false, text: `The scan names ${product.sku} without a ${product.tracking}: scan a label that has one, or type it.` }
  const said = [`${product.sku} ${product.tracking} ${name}`, expiryWords(scan)].filter(Boolean).join(', ')
  const same = form.product === product.sku
  if (same && form.mode === 'paste') {
    const lines = form.pasted.split(/\r?\n/).filter((l) => l.trim())
    if (lines.some((l) => l.split(/\t|;/)[0].trim() === name)) return { ok: false, text: `${name} is already in the list.` }
    form.pasted = [...lines, pastedLine(name, scan)].join('\n')
    return { ok: true, text: `${said}: added to the list (${lines.length + 1})` }
  }
  if (same && form.mode === 'single' && product.tracking === 'serial' && form.name.trim() && form.name.trim() !== name) {
    // The second serial scanned: both go into a list, each with its own expiry.
    form.pasted = [pastedLine(form.name.trim(), { expirationDate: form.expirationDate || undefined, expirationPrecision: form.expirationPrecision }), pastedLine(name, scan)].join('\n')
    Object.assign(form, { mode: 'paste', name: '', expirationDate: '' })
    delete form.expirationPrecision
    return { ok: true, text: `${said}: both serials are in a list now (2)` }
  }
  Object.assign(form, { product: product.sku, mode: 'single', name, expirationDate: scan.expirationDate ?? '' })
  // A month-only expiry is registered as the month it came as.
  if (scan.expirationPrecision === 'month' && scan.expirationDate) form.expirationPrecision = 'month'
  else delete form.expirationPrecision
  return { ok: true, text: said }
}
