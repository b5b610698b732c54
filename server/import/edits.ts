/**
 * What changed in an operation since it was imported, said on the rows and cells of the file: an
 * import never changes an operation already in the ledger (its moves stand), so a file whose
 * rows edit one is refused, each edit named. Lines are matched by content first, then by place
 * (what moves, from and to where), whatever their order in either.
 */
import type { FieldName } from '../../shared/import/headers'
import type { ImportProblem } from '../../shared/import/report'
import { placeOf, type Content, type ContentLine } from './identity'
import { KDE_FIELDS, kdeHeader } from './kdes'
import type { Where } from './problems'

/** How an operation is named in messages: its reference and, when it has one, its date. */
export function operationLabel(c: Content): string {
  return c.date ? `${c.reference} of ${c.date}` : c.reference
}

/** A value as a message quotes it. */
function shown(v: unknown): string {
  if (v === undefined || v === null || v === '') return 'empty'
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? Object.values(x).join(':') : String(x))).join('; ')
  return typeof v === 'string' ? `"${v}"` : String(v)
}

/** A line in a few words: `MILK, lot L-1, 120`. */
function lineWords(l: ContentLine): string {
  const v = l.line
  return [v.product, v.lot === undefined ? null : `lot ${String(v.lot)}`, v.qty ?? v.countedQty].filter((x) => x !== null && x !== undefined).join(', ')
}

/** The import's field of a line's request field: a production's rows give `from` and `to` as their Location. */
function fieldOf(key: string, where: Where): FieldName {
  return (key === 'from' || key === 'to') && !where.columns[key] ? 'location' : (key as FieldName)
}

/** Takes from `list` the first line `fits` accepts. */
function take(list: ContentLine[], fits: (l: ContentLine) => boolean): ContentLine | undefined {
  const i = list.findIndex(fits)
  return i === -1 ? undefined : list.splice(i, 1)[0]
}

/**
 * The problems of rows that edit `before` (as imported) into `now` (as the file says it), on
 * their rows and cells; none when they say the same.
 */
export function editProblems(before: Content, now: Content, where: Where): ImportProblem[] {
  const label = operationLabel(before)
  const never = 'an import never changes an operation already imported (correct it with a count or a return)'
  const first = where.rows[0]?.row ?? null
  const out: ImportProblem[] = []
  const at = (row: number | null, field: FieldName | null, message: string) =>
    out.push({ sheet: where.sheet, row, column: (field && where.columns[field]) || null, code: 'exists_with_different_fields', message })
  const name = (field: FieldName) => where.headers[field] ?? kdeHeader(field) ?? field

  for (const field of ['date', 'partner'] as const) {
    if (before[field] !== now[field]) at(first, field, `${name(field)} was ${shown(before[field])} when ${label} was imported, now ${shown(now[field])}: ${never}`)
  }
  for (const field of KDE_FIELDS) {
    const [was, is] = [before.kdes?.[field], now.kdes?.[field]]
    if (was !== is) at(first, field, `${name(field)} was ${shown(was)} when ${label} was imported, now ${shown(is)}: ${never}`)
  }
  const was = [...before.lines]
  const unmatched: ContentLine[] = []
  for (const l of now.lines) if (!take(was, (w) => w.key === l.key)) unmatched.push(l)
  const added: ContentLine[] = []
  for (const l of unmatched) {
    const old = take(was, (w) => placeOf(w) === placeOf(l))
    if (!old) {
      added.push(l)
      continue
    }
    const fields = [...new Set([...Object.keys(old.line), ...Object.keys(l.line)])].filter((k) => shown(old.line[k]) !== shown(l.line[k]))
    for (const k of fields) {
      const field = fieldOf(k, where)
      at(l.row, field, `${name(field)} was ${shown(old.line[k])} when ${label} was imported, now ${shown(l.line[k])}: ${never}`)
    }
  }
  for (const l of added) {
    at(l.row, null, `${label} was imported without this row: ${never}; give the row another reference or date to import it as an operation of its own`)
  }
  for (const l of was) at(first, null, `${label} was imported with a line this file no longer has (${lineWords(l)}): ${never}`)
  return out
}
