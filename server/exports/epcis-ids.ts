/**
 * The identifiers an EPCIS document is written with: GS1 Digital Link URIs for lots and serials
 * (and for locations and partners with a GLN), UN/CEFACT Rec 20 unit codes, URNs of our own for
 * the others and for references, stable event ids, and the workspace zone's offset at an instant.
 */
import { createHash } from 'node:crypto'
import { wallTimeInZone } from '../../shared/dates'
import { aiDef } from '../../shared/gs1/ai'
import { valueProblem } from '../../shared/gs1/checks'
import { canonicalDigitalLink } from '../../shared/gs1/digital-link'

/**
 * UN/CEFACT Recommendation 20 codes of the units products are counted in, by the unit's name in
 * lower case. A count of trade items (units, pieces, boxes: the GTIN names what is counted) is
 * `EA`, "each". A unit not listed cannot be expressed and is reported, never guessed.
 */
const UNIT_CODES: Record<string, string> = {
  kg: 'KGM', kgs: 'KGM', kilo: 'KGM', kilos: 'KGM', kilogram: 'KGM', kilograms: 'KGM',
  g: 'GRM', gr: 'GRM', gram: 'GRM', grams: 'GRM', mg: 'MGM', t: 'TNE', tonne: 'TNE', tonnes: 'TNE',
  lb: 'LBR', lbs: 'LBR', pound: 'LBR', pounds: 'LBR', oz: 'ONZ', ounce: 'ONZ', ounces: 'ONZ',
  l: 'LTR', lt: 'LTR', ltr: 'LTR', litre: 'LTR', litres: 'LTR', liter: 'LTR', liters: 'LTR',
  ml: 'MLT', cl: 'CLT', hl: 'HLT', gal: 'GLL', gallon: 'GLL', gallons: 'GLL',
  m: 'MTR', metre: 'MTR', metres: 'MTR', meter: 'MTR', meters: 'MTR', cm: 'CMT', mm: 'MMT',
  m2: 'MTK', 'm²': 'MTK', m3: 'MTQ', 'm³': 'MTQ',
  units: 'EA', unit: 'EA', u: 'EA', ea: 'EA', each: 'EA', pc: 'EA', pcs: 'EA', piece: 'EA', pieces: 'EA',
  item: 'EA', items: 'EA', box: 'EA', boxes: 'EA', case: 'EA', cases: 'EA', carton: 'EA', cartons: 'EA',
  pack: 'EA', packs: 'EA', bottle: 'EA', bottles: 'EA', bag: 'EA', bags: 'EA', can: 'EA', cans: 'EA',
  jar: 'EA', jars: 'EA', tray: 'EA', trays: 'EA', crate: 'EA', crates: 'EA',
}

/** The Rec 20 code of a product's unit, or null when it has none we know. */
export function unitCode(uom: string): string | null {
  return UNIT_CODES[uom.trim().toLowerCase()] ?? null
}

/** Why `value` cannot be a GS1 lot (AI 10) or serial (AI 21), or null when it can. */
export function gs1ValueProblem(ai: '10' | '21', value: string): string | null {
  // The date argument matters only to date AIs.
  return valueProblem(aiDef(ai)!, value, '2000-01-01')
}

/** A lot as a class-level identifier: `https://id.gs1.org/01/<gtin>/10/<lot>`. */
export function lotClass(gtin: string, lot: string): string {
  return canonicalDigitalLink([{ ai: '01', value: gtin }, { ai: '10', value: lot }])!
}

/** A product without lots as a class-level identifier: `https://id.gs1.org/01/<gtin>`. */
export function productClass(gtin: string): string {
  return canonicalDigitalLink([{ ai: '01', value: gtin }])!
}

/** A serial as an instance-level identifier: `https://id.gs1.org/01/<gtin>/21/<serial>`. */
export function serialEpc(gtin: string, serial: string): string {
  return canonicalDigitalLink([{ ai: '01', value: gtin }, { ai: '21', value: serial }])!
}

/** Every character but URI's unreserved ones percent-encoded, so that any code stays one URN segment. */
const segment = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * Our URNs, scoped by workspace: `urn:lotledger:<workspace>:<kind>:<name>`, for what has no GLN;
 * the names never change (codes are keys, partners and references are kept as typed), so the
 * URNs are stable across exports.
 */
export function ownUrn(workspace: string, kind: 'location' | 'party' | 'bt', name: string): string {
  return `urn:lotledger:${segment(workspace)}:${kind}:${segment(name)}`
}

/**
 * A location: its GLN as GS1 Digital Link (`https://id.gs1.org/414/<gln>`, the SGLN of EPCIS 2.0's
 * web form: the EPC URN would need the GLN's company prefix length, which the ledger does not
 * know), else our URN of its code.
 */
export function placeId(workspace: string, code: string, gln: string | null): string {
  return gln ? canonicalDigitalLink([{ ai: '414', value: gln }])! : ownUrn(workspace, 'location', code)
}

/** A partner: its party GLN as GS1 Digital Link (`https://id.gs1.org/417/<gln>`), else our URN of its name. */
export function partyId(workspace: string, partner: string, gln: string | null): string {
  return gln ? canonicalDigitalLink([{ ai: '417', value: gln }])! : ownUrn(workspace, 'party', partner)
}

/** Fixed namespace of our event ids (a UUID of its own, so that no other name-based UUID meets ours). */
const EVENT_NAMESPACE = Buffer.from('6f1d2c4e8a3b4f0e9c7d5b2a1e0f3c48', 'hex')

/**
 * A name-based UUID (RFC 9562 version 5) URN of `name`: the same event content gives the same id
 * in every export, without keeping anything.
 */
export function eventId(name: string): string {
  const hash = createHash('sha1').update(EVENT_NAMESPACE).update(name, 'utf8').digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The offset of `timeZone` from UTC at `instant`, as EPCIS writes it (`+02:00`, `-05:00`): the
 * offset in force at that instant, so a summer event and a winter one of the same zone differ.
 */
export function zoneOffset(instant: string, timeZone: string): string {
  const t = Date.parse(instant)
  const wall = Date.parse(`${wallTimeInZone(new Date(t), timeZone)}:00Z`)
  const minutes = Math.round((wall - Math.floor(t / 60_000) * 60_000) / 60_000)
  const abs = Math.abs(minutes)
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}
