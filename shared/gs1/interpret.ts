/**
 * What a valid scan says for the ledger: the product's GTIN, lot or serial, SSCC, dates and
 * quantity, read from its AIs.
 */
import type { IsoDate } from '../dates'
import { readYymmdd } from './dates'
import { canonicalDigitalLink } from './digital-link'
import type { AiValue } from './types'

/** A quantity a scan carries: a count ((30), (37)) or a net weight in kilograms ((310n)). */
export interface ScannedQuantity {
  value: number
  unit: 'units' | 'kg'
  ai: string
}

/** The fields of a scan the ledger uses (each present only when the scan has it). */
export interface Gs1Fields {
  /** (01), or (02) for the trade items a logistic unit contains. */
  gtin?: string
  lot?: string
  serial?: string
  sscc?: string
  expirationDate?: IsoDate
  /** `month` when (17) gave day 00: the date is then the month's last day. */
  expirationPrecision?: 'day' | 'month'
  bestBeforeDate?: IsoDate
  productionDate?: IsoDate
  /** The count ((30), (37)), else the net weight ((310n)). */
  quantity?: ScannedQuantity
  /** (310n): n is the number of decimals (3103 000195 is 0.195 kg). */
  netWeightKg?: number
  /** The canonical Digital Link of the scan, or null when it holds no GS1 key. */
  digitalLink: string | null
}

/** `digits` with `decimals` of them after the point, as a number (000195 with 3: 0.195). */
function decimal(digits: string, decimals: number): number {
  const point = digits.length - decimals
  return Number(`${digits.slice(0, point) || '0'}.${digits.slice(point) || '0'}`)
}

/** The ledger's fields of `ais` (already checked), dates read against `today`. */
export function fieldsOf(ais: readonly AiValue[], today: IsoDate): Gs1Fields {
  const value = (ai: string) => ais.find((e) => e.ai === ai)?.value
  const date = (ai: string) => {
    const text = value(ai)
    const read = text === undefined ? null : readYymmdd(text, today, true)
    return read && 'date' in read ? read : undefined
  }
  const fields: Gs1Fields = { digitalLink: canonicalDigitalLink(ais) }
  const gtin = value('01') ?? value('02')
  if (gtin) fields.gtin = gtin
  const text: Array<['lot' | 'serial' | 'sscc', string]> = [['lot', '10'], ['serial', '21'], ['sscc', '00']]
  for (const [field, ai] of text) {
    const v = value(ai)
    if (v !== undefined) fields[field] = v
  }
  const expiry = date('17')
  if (expiry) Object.assign(fields, { expirationDate: expiry.date, expirationPrecision: expiry.precision })
  const bestBefore = date('15')
  if (bestBefore) fields.bestBeforeDate = bestBefore.date
  const production = date('11')
  if (production) fields.productionDate = production.date
  const weight = ais.find((e) => /^310\d$/.test(e.ai))
  if (weight) fields.netWeightKg = decimal(weight.value, Number(weight.ai[3]))
  const count = ais.find((e) => e.ai === '30' || e.ai === '37')
  if (count) fields.quantity = { value: Number(count.value), unit: 'units', ai: count.ai }
  else if (weight) fields.quantity = { value: fields.netWeightKg!, unit: 'kg', ai: weight.ai }
  return fields
}
