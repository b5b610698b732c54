/**
 * What an imported operation is, whatever file or rows it came from: its type, reference, date,
 * partner and lines, the lines taken as a multiset (their order in the file does not count). The
 * id derived from it is the same for the same operation saved under another name, sorted, or
 * with rows inserted around it. Each line also has a place (what moves, from and to where) that
 * an edit of its quantity or dates keeps, so that an edited line is told from a new one.
 */
import { createHash } from 'node:crypto'

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
  /** What moves, from and to where: the line without its quantity and dates. */
  place: string
  /** The row it was read from; null for a line of an operation in the ledger. */
  row: number | null
}

export interface Content {
  type: string
  reference: string
  date: string | null
  partner: string | null
  lines: ContentLine[]
}

/** Fields an edit of a line may change while it stays the same line. */
const AMOUNT_FIELDS = new Set(['qty', 'countedQty', 'expirationDate', 'productionDate', 'inputs'])

/** Derived ids start with this (ids derived from the file name and row before, with `imp-<12 hex>-r`). */
export const DERIVED_ID_PREFIX = 'imp-'

/** JSON with object keys sorted and undefined members left out: equal content, equal text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

/** The content of an operation `input` (as submitted); `rowsOf` gives each line's row. */
export function contentOf(input: Record<string, unknown>, rowsOf: Record<string, number[]> = {}): Content {
  const lines: ContentLine[] = []
  for (const section of SECTIONS) {
    const list = input[section]
    if (!Array.isArray(list)) continue
    list.forEach((line: SubmittedLine, i) => {
      const place = Object.fromEntries(Object.entries(line).filter(([k]) => !AMOUNT_FIELDS.has(k)))
      lines.push({ section, line, key: `${section}:${canonical(line)}`, place: `${section}:${canonical(place)}`, row: rowsOf[section]?.[i] ?? null })
    })
  }
  return { type: String(input.type), reference: String(input.reference ?? ''), date: text(input.date), partner: text(input.partner), lines }
}

/** The content as one text: the lines sorted, so that their order does not count. */
function contentText(c: Content): string {
  return canonical([c.type, c.reference, c.date, c.partner, c.lines.map((l) => l.key).sort()])
}

/** The id of an operation imported without an Id column: from its content, never from its file or rows. */
export function derivedId(c: Content): string {
  return `${DERIVED_ID_PREFIX}${createHash('sha256').update(contentText(c)).digest('hex').slice(0, 40)}`
}

/** True when `a` and `b` say the same operation, their lines in any order. */
export function sameContent(a: Content, b: Content): boolean {
  return a.type === b.type && a.reference === b.reference && a.date === b.date && a.partner === b.partner && contentText(a) === contentText(b)
}

/** How many lines of `a` and `b` share their place (each line counted once). */
export function sharedPlaces(a: Content, b: Content): number {
  const left = new Map<string, number>()
  for (const l of a.lines) left.set(l.place, (left.get(l.place) ?? 0) + 1)
  let shared = 0
  for (const l of b.lines) {
    const n = left.get(l.place) ?? 0
    if (n > 0) left.set(l.place, n - 1), shared++
  }
  return shared
}
