/**
 * The kinds of operation and what each is: how people call it, where its goods come from and go
 * by default, which line fields the pane asks for, its import kind, and the stable number
 * snapshots store it by. The server, the pane, reports, the audit trail and imports read it here.
 */
import type { ImportKind } from './import/kinds'

export const OPERATION_TYPES = ['receipt', 'delivery', 'internal', 'scrap', 'adjustment', 'production', 'return'] as const
export type OperationType = (typeof OPERATION_TYPES)[number]

/** Line fields the pane's form offers beside product, quantity and lot. */
export type LineField = 'from' | 'to' | 'package' | 'expirationDate' | 'location' | 'noLot'

/** The ends of an operation's moves. */
export type End = 'from' | 'to'

export interface OperationTypeInfo {
  /**
   * How snapshots store the type. Fixed for good: a new type takes a new number, and a number is
   * never given to another type, so a snapshot means the same whatever types come later.
   */
  code: number
  /** The type in reports and sheets. */
  label: string
  /** The type as the pane's picker offers it. */
  choice: string
  /** What the audit trail says when one is recorded. */
  recorded: string
  /**
   * Where lines take goods from and put them when neither the line nor the operation says;
   * an end left out must be given. Production takes its inputs `from` and puts its outputs `to`.
   */
  ends: { readonly [E in End]?: string }
  /** The ends the pane's form asks for (the stock side of the operation). */
  formEnds: readonly End[]
  /** Line fields the pane's form offers. */
  lineFields: readonly LineField[]
  /** The workbook import that records this type, if any. */
  importKind: ImportKind | null
}

export const OPERATION_TYPE_INFO: { readonly [T in OperationType]: OperationTypeInfo } = {
  receipt: {
    code: 1, label: 'Receipt', choice: 'Receipt', recorded: 'Receipt recorded',
    ends: { from: 'Vendors', to: 'WH/Stock' }, formEnds: ['to'], lineFields: ['to', 'package', 'expirationDate'], importKind: 'receipts',
  },
  delivery: {
    code: 2, label: 'Delivery', choice: 'Delivery', recorded: 'Delivery recorded',
    ends: { from: 'WH/Stock', to: 'Customers' }, formEnds: ['from'], lineFields: ['from', 'package'], importKind: 'deliveries',
  },
  internal: {
    code: 3, label: 'Internal transfer', choice: 'Internal transfer', recorded: 'Internal transfer recorded',
    ends: {}, formEnds: ['from', 'to'], lineFields: ['package'], importKind: 'transfers',
  },
  scrap: {
    code: 4, label: 'Scrap', choice: 'Scrap', recorded: 'Scrap recorded',
    ends: { from: 'WH/Stock', to: 'Scrap' }, formEnds: ['from'], lineFields: ['from', 'package'], importKind: null,
  },
  adjustment: {
    code: 5, label: 'Inventory adjustment', choice: 'Inventory count (adjustment)', recorded: 'Inventory adjustment recorded',
    ends: {}, formEnds: [], lineFields: ['location', 'package', 'expirationDate', 'noLot'], importKind: 'adjustments',
  },
  production: {
    code: 6, label: 'Production', choice: 'Production', recorded: 'Production recorded',
    ends: { from: 'WH/Stock', to: 'WH/Stock' }, formEnds: ['from', 'to'], lineFields: [], importKind: 'production',
  },
  return: {
    code: 7, label: 'Return', choice: 'Return (reverse an operation)', recorded: 'Return recorded',
    ends: {}, formEnds: [], lineFields: [], importKind: null,
  },
}

/** The virtual location production consumes into and produces from. */
export const PRODUCTION_LOCATION = 'Production'

const BY_CODE = new Map<number, OperationType>(OPERATION_TYPES.map((t) => [OPERATION_TYPE_INFO[t].code, t]))

/** The type stored as `code`; throws on a number no type has. */
export function operationTypeOfCode(code: number): OperationType {
  const type = BY_CODE.get(code)
  if (type === undefined) throw new Error(`operation type code ${code} is unknown`)
  return type
}

/** The operation type an import kind records, or null for master-data kinds. */
export function operationTypeOfImport(kind: ImportKind): OperationType | null {
  return OPERATION_TYPES.find((t) => OPERATION_TYPE_INFO[t].importKind === kind) ?? null
}
