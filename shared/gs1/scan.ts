/**
 * One entry point for whatever a scanner or a person hands over: a bracketed element string,
 * a raw scan (with or without its symbology identifier, GS typed as GS or as a stand-in), a GS1
 * Digital Link URI, or a plain EAN/UPC/GTIN. Answers the AIs and the ledger's fields, or every
 * problem found, each naming its AI.
 */
import type { IsoDate } from '../dates'
import { normalizeGtin } from '../gtin'
import { aiDef } from './ai'
import { associationProblems } from './associations'
import { valueProblem } from './checks'
import { isDigitalLinkLike, splitDigitalLink, type DigitalLinkOptions } from './digital-link'
import { GS, splitBracketed, splitRaw } from './element-string'
import { fieldsOf, type Gs1Fields } from './interpret'
import { aiProblem, quoted, type AiValue, type Gs1Problem } from './types'

/**
 * What keyboard-wedge scanners type for GS, which a keyboard cannot send as a character: a
 * scanner is set up to send one of these instead. None is one of GS1's 82 characters as a whole,
 * so none can be mistaken for data.
 */
export const GS_STAND_INS: readonly string[] = ['<GS>', '{GS}', '[GS]', '^]', '\\u001d', '\\u001D', '\\x1d', '\\x1D', '\u241d']

/** GS1's 82 characters, and the controls and spaces a stand-in may not hold either. */
const DATA_OR_SPACE = /[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z\s\u0000-\u001c\u001e-\u001f\u007f-\u009f]/

/**
 * Why `separator` cannot stand for GS, or null: 1 to 8 characters, none of them one GS1 data
 * holds (a letter, digit or one of GS1's punctuation marks would split real values).
 */
export function separatorProblem(separator: string): string | null {
  if (separator.length < 1 || separator.length > 8) return 'a separator stand-in has 1 to 8 characters'
  const bad = [...separator].find((ch) => DATA_OR_SPACE.test(ch))
  return bad === undefined ? null : `"${quoted(bad)}" cannot stand for GS: GS1 data may hold it (use a character such as | ~ # ^)`
}

/** Options of {@link parseGs1}. */
export interface Gs1Options extends DigitalLinkOptions {
  /** The day GS1's century window counts from (`YYMMDD` years), in the workspace's time zone. */
  today: IsoDate
  /** A further stand-in the user's scanner types for GS (one character such as `|` or `~`, or a word). */
  separator?: string
}

/** How the data came. */
export type Gs1Form = 'bracketed' | 'raw' | 'digital-link' | 'gtin'

export type Gs1Result =
  | ({ ok: true; form: Gs1Form; ais: AiValue[] } & Gs1Fields)
  | { ok: false; problems: Gs1Problem[] }

/** Symbology identifiers of GS1 data: element strings, or data that may be a Digital Link. */
const ELEMENT_STRING_SYMBOLOGIES = new Set([']C1', ']e0', ']d2', ']Q3', ']J1'])
const PLAIN_SYMBOLOGIES = new Set([']d1', ']Q1', ']J0'])
const EAN_SYMBOLOGIES: Record<string, number> = { ']E0': 13, ']E4': 8 }

const refused = (message: string, ai: string | null = null): Gs1Result => ({ ok: false, problems: [{ ai, message }] })

/** `text` with every GS stand-in made a GS. */
function withSeparators(text: string, separator: string | undefined): string {
  let out = text
  for (const s of separator && !separatorProblem(separator) ? [...GS_STAND_INS, separator] : GS_STAND_INS) out = out.split(s).join(GS)
  return out
}

/** Reads GS1 data into its AIs and the ledger's fields, or says every problem. */
export function parseGs1(data: string, options: Gs1Options): Gs1Result {
  const text = data.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
  if (!text) return refused('the scan is empty')
  const id = /^\][A-Za-z]\d/.test(text) ? text.slice(0, 3) : null
  const body = id ? text.slice(3) : text
  let form: Gs1Form
  let split: ReturnType<typeof splitRaw>
  if (id && EAN_SYMBOLOGIES[id]) {
    const gtin = body.length === EAN_SYMBOLOGIES[id] ? normalizeGtin(body) : { error: `it has ${body.length} characters` }
    if (typeof gtin !== 'string') return refused(`"${quoted(text)}" is no EAN barcode: ${gtin.error}`, '01')
    ;[form, split] = ['gtin', { ais: [{ ai: '01', value: gtin }] }]
  } else if (id && PLAIN_SYMBOLOGIES.has(id)) {
    if (!isDigitalLinkLike(body)) return refused(`${id} is a barcode without GS1 data, and "${quoted(body)}" is no GS1 Digital Link`)
    ;[form, split] = ['digital-link', splitDigitalLink(body, options)]
  } else if (id && !ELEMENT_STRING_SYMBOLOGIES.has(id)) {
    return refused(`${id} is not a GS1 barcode's symbology identifier (]C1, ]e0, ]d2, ]Q3, ]J1 carry GS1 element strings)`)
  } else if (!id && body.startsWith('(')) {
    ;[form, split] = ['bracketed', splitBracketed(body)]
  } else if (!id && isDigitalLinkLike(body)) {
    ;[form, split] = ['digital-link', splitDigitalLink(body, options)]
  } else if (!id && /^(\d{8}|\d{12,14})$/.test(body) && typeof normalizeGtin(body) === 'string') {
    // A plain EAN/UPC/GTIN, read without its symbology identifier.
    ;[form, split] = ['gtin', { ais: [{ ai: '01', value: normalizeGtin(body) as string }] }]
  } else {
    ;[form, split] = ['raw', splitRaw(withSeparators(body, options.separator))]
  }
  if ('problem' in split) return { ok: false, problems: [split.problem] }
  const problems: Gs1Problem[] = []
  for (const { ai, value } of split.ais) {
    const problem = valueProblem(aiDef(ai)!, value, options.today)
    if (problem) problems.push(aiProblem(ai, value, problem))
  }
  if (!problems.length) problems.push(...associationProblems(split.ais))
  if (problems.length) return { ok: false, problems }
  return { ok: true, form, ais: split.ais, ...fieldsOf(split.ais, options.today) }
}
