/**
 * Journal records in words, for the audit report: what a write did, what it was about, and a
 * short summary. The describer walks a workspace's records in order and remembers what it has
 * seen (products, locations, lots, the settings) to tell a creation from a change.
 */
import { assertNever } from '../../shared/assert-never'
import { expiryText } from '../../shared/expiry-precision'
import { OPERATION_TYPE_INFO } from '../../shared/operation-types'
import type { Settings } from '../../shared/schemas/settings'
import { DEFAULT_SETTINGS, withSettingDefaults } from '../../shared/schemas/settings'
import type { BatchPart } from '../domain/records'
import { BUILT_IN_LOCATIONS, lotKey } from '../domain/state'
import { unpackLot, unpackMove } from '../domain/stored'

export interface Described {
  what: string
  reference: string | null
  summary: string | null
}

/** Longest summary written; more is cut with an ellipsis. */
const SUMMARY_MAX = 300
/** Items named in a summary before "and n more". */
const LISTED = 5

function clip(s: string): string {
  return s.length > SUMMARY_MAX ? `${s.slice(0, SUMMARY_MAX - 1)}…` : s
}

function listed<T>(items: T[], say: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(say).join('; ')
  return items.length > LISTED ? `${shown}; and ${items.length - LISTED} more` : shown
}

/** Settings as `name → value` words, the document fields as `documents.sender`..., a text's lines joined by ` / `. */
function flatSettings(settings: Settings): Record<string, string> {
  const words = (v: unknown) => (typeof v === 'string' ? v.replaceAll('\n', ' / ') : String(v))
  const flat: Record<string, string> = {}
  for (const [k, v] of Object.entries(settings)) {
    if (k === 'documents') for (const [d, dv] of Object.entries(v as object)) flat[`documents.${d}`] = words(dv)
    else flat[k] = words(v)
  }
  return flat
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export class RecordDescriber {
  #products = new Set<string>()
  #locations = new Set<string>(BUILT_IN_LOCATIONS.map((l) => l.code))
  #lots = new Set<string>()
  #partners = new Set<string>()
  #settings: Settings = { ...DEFAULT_SETTINGS }

  /** One data change (a record, or a part of a batch) in words; call in journal order. */
  describe(part: BatchPart): Described {
    switch (part.type) {
      case 'settings.updated': {
        const before = flatSettings(this.#settings)
        this.#settings = withSettingDefaults(part.data)
        const after = flatSettings(this.#settings)
        const changed = Object.keys(after).filter((k) => before[k] !== after[k]).map((k) => `${k} ${before[k]} → ${after[k]}`)
        return { what: 'Settings changed', reference: null, summary: clip(changed.join('; ') || 'no change') }
      }
      case 'product.saved': {
        const p = part.data
        const known = this.#products.has(p.sku)
        this.#products.add(p.sku)
        const tracking = p.tracking === 'none' ? 'not tracked' : `tracked by ${p.tracking}`
        const summary = [p.name, tracking, `unit ${p.uom}`, p.gtin ? `GTIN ${p.gtin}` : null, p.expiry ? `expires ${p.expiry.expirationDays} days after receipt` : null]
        return { what: known ? 'Product changed' : 'Product created', reference: p.sku, summary: clip(summary.filter(Boolean).join(' · ')) }
      }
      case 'location.saved': {
        const l = part.data
        const known = this.#locations.has(l.code)
        this.#locations.add(l.code)
        return { what: known ? 'Location changed' : 'Location created', reference: l.code, summary: `${l.name} · ${l.kind}` }
      }
      case 'partner.saved': {
        const p = part.data
        const known = this.#partners.has(p.code)
        this.#partners.add(p.code)
        return { what: known ? 'Partner changed' : 'Partner created', reference: p.code, summary: clip([p.name, p.kind.replace('_', ' '), p.phone, p.address].filter(Boolean).join(' · ')) }
      }
      case 'lots.saved':
        return this.#lots.has(lotKey(part.data.lots[0].product, part.data.lots[0].previousName ?? part.data.lots[0].name)) ? this.#lotEdited(part) : this.#lotsRegistered(part)
      case 'operation.recorded': {
        const { operation: op } = part.data.result
        const moves = part.data.result.moves.map(unpackMove)
        for (const l of part.data.result.lots.map(unpackLot)) this.#lots.add(lotKey(l.product, l.name))
        const summary = [
          op.partner,
          op.correctionOf ? `correction of ${op.correctionOf}` : null,
          op.override ? `override: ${op.override.reason}` : null,
          `${plural(moves.length, 'move')}: ${listed(moves, (m) => `${m.qty} ${m.uom} ${m.product}${m.lot === null ? '' : ` ${m.lot}`}`)}`,
        ]
        return { what: OPERATION_TYPE_INFO[op.type].recorded, reference: op.reference, summary: clip(summary.filter(Boolean).join(' · ')) }
      }
      default:
        return assertNever(part, 'record type')
    }
  }

  #lotsRegistered(part: Extract<BatchPart, { type: 'lots.saved' }>): Described {
    const lots = part.data.lots
    for (const l of lots) this.#lots.add(lotKey(l.product, l.name))
    const reference = lots.length === 1 ? `${lots[0].product} ${lots[0].name}` : plural(lots.length, 'lot')
    const summary = listed(lots, (l) => `${l.product} ${l.name}${l.expirationDate ? ` expires ${expiryText(l)}` : ''}`)
    return { what: lots.length === 1 ? 'Lot registered' : 'Lots registered', reference, summary: clip(summary) }
  }

  #lotEdited(part: Extract<BatchPart, { type: 'lots.saved' }>): Described {
    const l = part.data.lots[0]
    if (l.previousName !== undefined) {
      this.#lots.delete(lotKey(l.product, l.previousName))
      this.#lots.add(lotKey(l.product, l.name))
    }
    const summary = [
      l.previousName !== undefined ? `renamed from ${l.previousName}` : null,
      l.expirationDate ? `expires ${expiryText(l)}` : 'no expiration date',
      l.ref ? `reference ${l.ref}` : null,
      l.note ? `note ${l.note}` : null,
    ]
    return { what: 'Lot changed', reference: `${l.product} ${l.name}`, summary: clip(summary.filter(Boolean).join(' · ')) }
  }
}
