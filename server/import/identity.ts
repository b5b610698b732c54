/**
 * What an imported operation is, whatever file or rows it came from: its type, reference, date,
 * partner and lines, the lines taken as a multiset (their order in the file does not count). The
 * id derived from it is the same for the same operation saved under another name, sorted, or
 * with rows inserted around it. Each line also has a place (what moves, from and to where) that
 * an edit of its quantity or dates keeps, so that an edited line is told from a new one.
 */
import { createHash } from 'node:crypto'
import type { FieldName } from '../../shared/import/headers'
import { AdjustmentLine, GenealogyInput, Line, ProduceLine, ReturnLine } from '../../shared/schemas/operation'
import { kdeValues } from './kdes'

/** The parts of an operation that hold lines. */
export type Section = 'lines' | 'consume' | 'produce'
const SECTIONS: readonly Section[] = ['lines', 'consume', 'produce']

/** A line as submitted (the API's shape). */
export type SubmittedLine = Record<string, unknown>

export interface ContentLine {
  section: Section
  line: SubmittedLine
  /** The whole line, as compared. */
  key: string
  /** The row it was read from; null for a line of an operation in the ledger. */
  row: number | null
}

export interface Content {
  type: string
  reference: string
  date: string | null
  partner: string | null
  /** A receipt's FSMA 204 KDEs as the import's fields; null when it records none. */
  kdes: Partial<Record<FieldName, string>> | null
  lines: ContentLine[]
}

/** Fields an edit of a line may change while it stays the same line. */
const AMOUNT_FIELDS = new Set(['qty', 'countedQty', 'expirationDate', 'expirationPrecision', 'productionDate', 'inputs'])

/** Derived ids start with this (ids derived from the file name and row before, with `imp-<12 hex>-r`). */
export const DERIVED_ID_PREFIX = 'imp-'

/**
 * Every field a line of any kind may have, in one order, so that equal lines give equal text
 * whatever order their fields were set in. Taken from the schemas, so that a field added to a
 * line counts at once.
 */
const LINE_FIELDS = [...new Set([Line, ProduceLine, AdjustmentLine, ReturnLine, GenealogyInput].flatMap((s) => Object.keys(s.shape)))].sort()
const PLACE_FIELDS = LINE_FIELDS.filter((f) => !AMOUNT_FIELDS.has(f))

/**
 * `o`'s `fields` as text, each value as JSON (so a value cannot pass for a separator). Written
 * out by hand: a 100,000-row import keys as many lines, and JSON.stringify with a replacer or
 * sorted keys costs several times more.
 */
function keyOf(o: Record<string, unknown>, fields: readonly string[]): string {
  let out = ''
  for (const f of fields) {
    const v = o[f]
    if (v === undefined) continue
    const value = Array.isArray(v) ? `[${v.map((x: unknown) => (x && typeof x === 'object' ? `{${keyOf(x as Record<string, unknown>, fields)}}` : JSON.stringify(x))).join(',')}]` : JSON.stringify(v)
    out += `${f}=${value};`
  }
  return out
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** The content of an operation `input` (as submitted); `rowsOf` gives each line's row. */
export function contentOf(input: Record<string, unknown>, rowsOf: Record<string, number[]> = {}): Content {
  const lines: ContentLine[] = []
  for (const section of SECTIONS) {
    const list = input[section]
    if (!Array.isArray(list)) continue
    list.forEach((line: SubmittedLine, i) => {
      lines.push({ section, line, key: `${section}:${keyOf(line, LINE_FIELDS)}`, row: rowsOf[section]?.[i] ?? null })
    })
  }
  const kdes = kdeValues(input.kdes)
  return {
    type: String(input.type), reference: String(input.reference ?? ''), date: text(input.date), partner: text(input.partner),
    kdes: Object.keys(kdes).length ? kdes : null, lines,
  }
}

/** What moves, from and to where: `l` without its quantity and dates, which an edit may change while it stays the same line. */
export function placeOf(l: ContentLine): string {
  return `${l.section}:${keyOf(l.line, PLACE_FIELDS)}`
}

/** Each content's text and id, once: recognising an operation compares and hashes it more than once. */
const texts = new WeakMap<Content, string>()
const ids = new WeakMap<Content, string>()

/** The content as one text: the lines sorted, so that their order does not count. */
function contentText(c: Content): string {
  let t = texts.get(c)
  // Keys hold no line break (their values are JSON): one a line is unambiguous. KDEs only when
  // recorded, so that an operation without them keeps the id it was derived before they were.
  const head = [c.type, c.reference, c.date, c.partner, ...(c.kdes ? [c.kdes] : [])]
  if (t === undefined) texts.set(c, (t = [JSON.stringify(head), ...c.lines.map((l) => l.key).sort()].join('\n')))
  return t
}

/** The id of an operation imported without an Id column: from its content, never from its file or rows. */
export function derivedId(c: Content): string {
  let id = ids.get(c)
  if (id === undefined) ids.set(c, (id = `${DERIVED_ID_PREFIX}${createHash('sha256').update(contentText(c)).digest('hex').slice(0, 40)}`))
  return id
}

/** True when `a` and `b` say the same operation, their lines in any order. */
export function sameContent(a: Content, b: Content): boolean {
  return a.type === b.type && a.reference === b.reference && a.date === b.date && a.partner === b.partner && contentText(a) === contentText(b)
}

/** How many lines of `a` and `b` share their place (each line counted once). */
export function sharedPlaces(a: Content, b: Content): number {
  const left = new Map<string, number>()
  for (const l of a.lines) left.set(placeOf(l), (left.get(placeOf(l)) ?? 0) + 1)
  let shared = 0
  for (const l of b.lines) {
    const n = left.get(placeOf(l)) ?? 0
    if (n > 0) left.set(placeOf(l), n - 1), shared++
  }
  return shared
}
