/**
 * The operation a group of rows stands for, in the API's shape (without its id: that comes from
 * the Id column or from what the operation says), and which row each line came from.
 */
import { assertNever } from '../../shared/assert-never'
import { expiryFields } from '../../shared/expiry-precision'
import type { FieldName } from '../../shared/import/headers'
import type { ImportKind } from '../../shared/import/kinds'
import { operationTypeOfImport } from '../../shared/operation-types'
import type { ProductRec } from '../domain/state'
import type { RowGroup } from './groups'
import { kdesOf } from './kdes'
import type { FieldValues, ReadRow } from './rows'

type Line = Record<string, unknown>

export interface OperationDraft {
  input: Record<string, unknown>
  /** Row of each line, by section (`lines`, `consume`, `produce`). */
  rowsOf: Record<string, number[]>
  /** Rows that disagree with the group's first on a field of the whole operation (its partner, a receipt's KDEs). */
  conflicts: Array<{ row: number; field: FieldName; first: unknown; value: unknown }>
}

/** The line fields of `fields` that the row has; a month-only expiration (`YYYY-MM`) becomes its last day with precision month. */
const pick = (v: FieldValues, fields: FieldName[]): Line => {
  const out: Line = {}
  for (const f of fields) if (v[f] !== undefined && v[f] !== null && v[f] !== '') out[f] = v[f]
  if (typeof out.expirationDate === 'string') Object.assign(out, expiryFields(out.expirationDate))
  return out
}

/** Reads "MILK:L1; FLOUR:F2" as genealogy inputs, each product as `sku` resolves it. */
function inputs(text: string, sku: (product: string) => string): Array<{ product: string; lot: string }> {
  return text.split(/[;\n]+/).map((s) => s.trim()).filter(Boolean).map((s) => {
    const at = s.indexOf(':')
    return at === -1 ? { product: '', lot: s } : { product: sku(s.slice(0, at).trim()), lot: s.slice(at + 1).trim() }
  })
}

/**
 * One operation from a group of rows of `kind` (their products already SKUs); `sku` resolves
 * the products a production's Made from names.
 */
export function operationFromRows(kind: ImportKind, group: RowGroup, products: Map<string, ProductRec>, sku: (product: string) => string = (p) => p): OperationDraft {
  const conflicts: OperationDraft['conflicts'] = []
  const header = (field: FieldName) => {
    let value: unknown
    for (const r of group.rows) {
      const v = r.values[field]
      if (v === undefined || v === null || v === '') continue
      if (value === undefined) value = v
      else if (v !== value) conflicts.push({ row: r.row, field, first: value, value: v })
    }
    return value
  }
  const input: Record<string, unknown> = { type: operationTypeOfImport(kind), reference: group.reference }
  for (const f of ['date', 'partner'] as const) {
    const v = header(f)
    if (v !== undefined) input[f] = v
  }
  const rowsOf: Record<string, number[]> = {}
  const section = (name: string, rows: ReadRow[], line: (v: FieldValues) => Line) => {
    rowsOf[name] = rows.map((r) => r.row)
    input[name] = rows.map((r) => line(r.values))
  }
  switch (kind) {
    case 'adjustments':
      section('lines', group.rows, (v) => {
        const line = pick(v, ['product', 'location', 'countedQty', 'lot', 'package', 'expirationDate'])
        const tracked = products.get(String(v.product))?.tracking
        if (line.lot === undefined && tracked && tracked !== 'none') line.noLot = true
        return line
      })
      break
    case 'production': {
      const role = (r: ReadRow) => String(r.values.role ?? '').trim().toLowerCase()
      section('consume', group.rows.filter((r) => role(r) !== 'produce'), (v) => ({
        ...pick(v, ['product', 'lot', 'qty']), ...(v.location ? { from: v.location } : {}),
      }))
      section('produce', group.rows.filter((r) => role(r) === 'produce'), (v) => ({
        ...pick(v, ['product', 'lot', 'qty', 'expirationDate']), ...(v.location ? { to: v.location } : {}),
        ...(v.inputs ? { inputs: inputs(String(v.inputs), sku) } : {}),
      }))
      break
    }
    case 'receipts': {
      section('lines', group.rows, (v) => pick(v, ['product', 'lot', 'qty', 'from', 'to', 'package', 'expirationDate', 'productionDate']))
      const kdes = kdesOf(header)
      if (kdes) input.kdes = kdes
      break
    }
    case 'deliveries':
    case 'transfers':
      section('lines', group.rows, (v) => pick(v, ['product', 'lot', 'qty', 'from', 'to', 'package', 'expirationDate', 'productionDate']))
      break
    case 'products':
    case 'locations':
    case 'partners':
    case 'lots':
      throw new Error(`${kind} rows are not operations`)
    default:
      assertNever(kind, 'import kind')
  }
  return { input, rowsOf, conflicts }
}

/** Rows of a production group whose role is neither consume nor produce. */
export function badRoles(group: RowGroup): ReadRow[] {
  return group.rows.filter((r) => !['consume', 'produce'].includes(String(r.values.role ?? '').trim().toLowerCase()))
}
