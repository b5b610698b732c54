/**
 * An AI's value against its format: components in order, each of its character set and length,
 * then its content checks (check digits, dates, times, flags). Answers why a value is wrong in
 * plain words, or null.
 */
import type { IsoDate } from '../dates'
import { gs1CheckDigit } from '../gtin'
import type { AiDef, Component } from './ai'
import { readYymmdd, readYyyymmdd } from './dates'

/** GS1's 82 characters (its "CSET 82"), 39 (for company part identifiers) and base64url (digital signatures). */
const SETS: Record<Component['set'], { pattern: RegExp; name: string }> = {
  N: { pattern: /^\d*$/, name: 'digits only' },
  X: { pattern: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/, name: 'GS1\'s 82 characters (letters, digits and !"%&\'()*+,-./:;<=>?_)' },
  Y: { pattern: /^[#\-/0-9A-Z]*$/, name: 'capital letters, digits and # - /' },
  Z: { pattern: /^[A-Za-z0-9_\-=]*$/, name: 'base64url characters' },
}

const number = (s: string) => Number(s)
const inRange = (s: string, max: number) => number(s) <= max

/** What each content check says of a component's text that fails it. */
const CHECKS: Record<string, (text: string, today: IsoDate) => string | null> = {
  csum: (t) => {
    const expected = gs1CheckDigit(t.slice(0, -1))
    return Number(t.at(-1)) === expected ? null : `check digit should be ${expected}`
  },
  yymmd0: (t, today) => problemOf(readYymmdd(t, today, true)),
  yymmdd: (t, today) => problemOf(readYymmdd(t, today, false)),
  yyyymmdd: (t) => problemOf(readYyyymmdd(t)),
  hhmi: (t) => (inRange(t.slice(0, 2), 23) && inRange(t.slice(2), 59) ? null : `${t.slice(0, 2)}:${t.slice(2)} is no time of day`),
  hh: (t) => (inRange(t, 23) ? null : `hour ${t} does not exist`),
  mi: (t) => (inRange(t, 59) ? null : `minute ${t} does not exist`),
  ss: (t) => (inRange(t, 59) ? null : `second ${t} does not exist`),
  nonzero: (t) => (/^0+$/.test(t) ? 'must not be zero' : null),
  zero: (t) => (t === '0' ? null : 'must be 0'),
  yesno: (t) => (t === '0' || t === '1' ? null : 'must be 0 (no) or 1 (yes)'),
  hyphen: (t) => (t === '-' ? null : 'only a hyphen may follow the number'),
  winding: (t) => ('019'.includes(t) ? null : 'winding direction must be 0, 1 or 9'),
  iso5218: (t) => ('0129'.includes(t) ? null : 'must be 0, 1, 2 or 9 (ISO/IEC 5218)'),
  nozeroprefix: (t) => (t.length > 1 && t.startsWith('0') ? 'must not start with 0' : null),
  hasnondigit: (t) => (/^\d+$/.test(t) ? 'must hold a character other than a digit' : null),
  latitude: (t) => (inRange(t, 1_800_000_000) ? null : 'latitude is out of range'),
  longitude: (t) => (inRange(t, 3_600_000_000) ? null : 'longitude is out of range'),
  pcenc: (t) => (/%(?![0-9A-Fa-f]{2})/.test(t) ? 'a % must start a percent-encoded character (%2F)' : null),
  pieceoftotal: (t) => {
    const [piece, total] = [number(t.slice(0, 2)), number(t.slice(2))]
    return piece > 0 && total > 0 && piece <= total ? null : `piece ${piece} of ${total} does not exist`
  },
}

function problemOf(r: { problem: string } | object): string | null {
  return 'problem' in r ? r.problem : null
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** GS1's own writing of a format: `N6 [N6]`, `X..20`. */
const formatText = (def: AiDef) => def.components.map((c) => `${c.optional ? '[' : ''}${c.set}${c.min === c.max ? '' : '..'}${c.max}${c.optional ? ']' : ''}`).join(' ')

/** Why `value` has not the length `def`'s format asks, or null. */
function lengthProblem(def: AiDef, value: string): string | null {
  const word = def.components.every((c) => c.set === 'N') ? 'digit' : 'character'
  const min = def.components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0)
  const max = def.components.reduce((sum, c) => sum + c.max, 0)
  if (min === max && value.length !== max) return `has ${count(value.length, word)}; it needs ${max}`
  if (value.length > max) return `is too long: at most ${count(max, word)}`
  if (value.length < min) return `is too short: at least ${count(min, word)}`
  return null
}

/** Why `value` does not fit `def`'s format, or null. Dates count from `today` (GS1's century window). */
export function valueProblem(def: AiDef, value: string, today: IsoDate): string | null {
  if (!value) return 'the value is empty'
  const length = lengthProblem(def, value)
  if (length) return length
  let pos = 0
  for (const [i, c] of def.components.entries()) {
    const left = value.length - pos
    if (left === 0 && c.optional) break
    // Only the last component may vary in length; the ones before take exactly theirs.
    const take = i === def.components.length - 1 ? left : c.max
    if (take > left || take < c.min || take > c.max) return `has ${value.length} characters, which do not fit its format ${formatText(def)}`
    const text = value.slice(pos, pos + take)
    const set = SETS[c.set]
    if (!set.pattern.test(text)) return `${shownChar([...text].find((ch) => !set.pattern.test(ch)) ?? '')} is not allowed here: ${set.name}`
    for (const check of c.checks) {
      const problem = CHECKS[check]?.(text, today)
      if (problem) return problem
    }
    pos += take
  }
  return null
}

/** A character as a message shows it: control characters by their code (`U+001D`). */
export function shownChar(ch: string): string {
  return /[\u0000-\u001f\u007f-\u009f]/.test(ch) ? `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `"${ch}"`
}
