/**
 * Refusals of the ledger and of the request schemas, as an import's problems: each on the row and
 * column it is about, in plain words. A request's path (`lines[2].qty`) says which row and column;
 * the message then need not, and library wording ("Invalid input: expected string, received
 * undefined") becomes a sentence about the column, by its header in the file.
 */
import type { z } from 'zod'
import type { FieldName } from '../../shared/import/headers'
import type { ImportProblem } from '../../shared/import/report'
import { issueWords } from '../../shared/issue-words'
import type { ErrorCode } from '../../shared/schemas/error'
import type { LedgerError } from '../domain/errors'
import { kdeEventFields, kdeFieldOf, kdeHeader } from './kdes'
import type { ReadRow } from './rows'

/** Where the problems of one operation (or one record) go. */
export interface Where {
  sheet: string
  /** The rows it was read from, in file order: problems of the whole operation go on the first. */
  rows: ReadRow[]
  /** The row of each line, by section (`lines`, `consume`, `produce`). */
  rowsOf?: Record<string, number[]>
  /** Field → column letter. */
  columns: Partial<Record<FieldName, string>>
  /** Field → its column's header in the file, for messages. */
  headers: Partial<Record<FieldName, string>>
  /** Request fields the import calls otherwise (a lot's `name` is the Lot column). */
  pathField?: Record<string, FieldName>
}

/** Parse options of the request schemas: each issue carries the value it is about, so that words can tell a missing value from a wrong one. */
export const REPORT_INPUT = { reportInput: true } as const

/** Where a refusal points when its path names no field. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, FieldName>> = {
  insufficient_stock: 'qty', serial_in_stock: 'lot', lot_expired: 'lot', lot_required: 'lot', lot_on_hold: 'lot',
}

/** Request fields that are an import's fields under another name. */
const SAME_FIELD: Record<string, FieldName> = { serials: 'lot', correctionOf: 'reference' }

/** A request path at the start of a message (`lines[0].qty: `), said already by the problem's place. */
const LEADING_PATH = /^[A-Za-z]+(?:\[\d+\])*(?:\.[A-Za-z]+(?:\[\d+\])*)*: /

/** Messages that go on from their field's name (`is 3 but 2 serials are listed`). */
const GOES_ON = /^(is|was|must|has|had) /

/** The row and field a request path is about. */
function place(path: string, where: Where): { row: number; field: FieldName | null } {
  const first = where.rows[0]?.row ?? 0
  const line = /^(lines|consume|produce)\[(\d+)\](?:\.(\w+))?/.exec(path)
  if (line) return { row: where.rowsOf?.[line[1]]?.[Number(line[2])] ?? first, field: fieldOf(line[3], where) }
  // The serial check names serials, not lines: the row is the one that gives it.
  const serial = /^serial (.+)$/.exec(path)
  if (serial) return { row: where.rows.find((r) => String(r.values.lot ?? '') === serial[1])?.row ?? first, field: 'lot' }
  // A receipt's KDEs: on the first row that gives any of the event's (a harvest's date missing beside its farm).
  if (path.startsWith('kdes.')) {
    const event = kdeEventFields(path)
    const row = where.rows.find((r) => event.some((f) => r.values[f] !== undefined && r.values[f] !== null && r.values[f] !== ''))?.row ?? first
    return { row, field: kdeFieldOf(path) ?? event[0] ?? null }
  }
  const names = path.split(/[.[\]]+/).filter((s) => s && !/^\d+$/.test(s))
  const known = [...names].reverse().find((n) => fieldOf(n, where) && where.columns[fieldOf(n, where)!])
  return { row: first, field: fieldOf(known ?? names[0], where) }
}

function fieldOf(name: string | undefined, where: Where): FieldName | null {
  if (!name) return null
  return where.pathField?.[name] ?? SAME_FIELD[name] ?? (name as FieldName)
}

/** `message` without a request path in front, going on from the column's header where it needs one. */
export function plainMessage(message: string, header: string | undefined): string {
  const text = LEADING_PATH.test(message) && /[[.]/.test(message.slice(0, message.indexOf(':'))) ? message.replace(LEADING_PATH, '') : message
  return header && GOES_ON.test(text) ? `${header} ${text}` : text
}

function problem(where: Where, path: string, code: ErrorCode, message: (header: string | undefined) => string): ImportProblem {
  const at = place(path, where)
  const field = at.field ?? FIELD_OF_CODE[code] ?? null
  const column = (field && where.columns[field]) || null
  // A KDE column the file does not have is named as the template names it.
  return { sheet: where.sheet, row: at.row, column, code, message: message(field ? (where.headers[field] ?? kdeHeader(field)) : undefined) }
}

/** Every refusal `err` holds (several when lines were refused together), each on its row and column. */
export function refusalProblems(err: LedgerError, where: Where): ImportProblem[] {
  const out: ImportProblem[] = []
  for (const part of err.parts ?? [err]) {
    for (const d of part.details ?? [{ path: '', message: part.message }]) {
      if (d.path === 'override.reason') {
        out.push({ sheet: where.sheet, row: where.rows[0]?.row ?? null, column: null, code: part.code, message: 'expired lots go out only with a reason, which an import cannot give: record this one in the pane' })
        continue
      }
      out.push(problem(where, d.path, part.code, (header) => plainMessage(d.message || part.message, header)))
    }
  }
  return out
}

/** A production's Made from names several lots in one cell: say which of them, and which half of it. */
function inputWhat(path: readonly PropertyKey[], header: string | undefined): string | null {
  const at = path.indexOf('inputs')
  const index = path[at + 1]
  if (at === -1 || typeof index !== 'number') return null
  const part = path[at + 2]
  return `${header ?? 'Made from'}, entry ${index + 1}${typeof part === 'string' ? `, its ${part}` : ''},`
}

/** A request schema's refusal, each issue on its row and column, about the column by its header. */
export function schemaProblems(error: z.ZodError, where: Where): ImportProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '')
    return problem(where, path, 'validation_failed', (header) => {
      if (issue.code === 'too_small' && issue.origin === 'array' && issue.path.at(-1) === 'produce') return 'a production needs at least one produce row'
      return issueWords(issue, inputWhat(issue.path, header) ?? header ?? 'this row')
    })
  })
}
