/**
 * A receipt's FSMA 204 KDEs (harvesting, cooling, initial packing) as an import's columns: one
 * column per field of the request's `kdes`, the same on every row of one receipt. Rows that leave
 * them empty join the others; rows that disagree are a problem on their cell (operation-rows.ts).
 */
import type { FieldName } from '../../shared/import/headers'
import { KINDS } from '../../shared/import/kinds'
import type { ReceiptKdes } from '../../shared/schemas/operation'

/** Each KDE column's field and where it goes in the request's `kdes`. */
export const KDE_COLUMNS: ReadonlyArray<{ field: FieldName; event: keyof ReceiptKdes; key: string }> = [
  { field: 'harvestFarm', event: 'harvest', key: 'farm' },
  { field: 'harvestField', event: 'harvest', key: 'field' },
  { field: 'harvestDate', event: 'harvest', key: 'date' },
  { field: 'coolingLocation', event: 'cooling', key: 'location' },
  { field: 'coolingDate', event: 'cooling', key: 'date' },
  { field: 'packingLocation', event: 'initialPacking', key: 'location' },
  { field: 'packingDate', event: 'initialPacking', key: 'date' },
]

/** The KDE fields, in the columns' order. */
export const KDE_FIELDS: readonly FieldName[] = KDE_COLUMNS.map((c) => c.field)

const BY_PATH = new Map(KDE_COLUMNS.map((c) => [`kdes.${c.event}.${c.key}`, c]))

/** The import field a request path inside `kdes` is about (`kdes.harvest.date` → harvestDate), or null. */
export function kdeFieldOf(path: string): FieldName | null {
  return BY_PATH.get(path)?.field ?? null
}

/** The fields of the event a path inside `kdes` is about (a harvest's farm, field and date), or none. */
export function kdeEventFields(path: string): FieldName[] {
  const event = BY_PATH.get(path)?.event ?? /^kdes\.(\w+)/.exec(path)?.[1]
  return KDE_COLUMNS.filter((c) => c.event === event).map((c) => c.field)
}

/** A KDE column's header in the template: the words for a column the file does not have. */
export function kdeHeader(field: FieldName): string | undefined {
  return KDE_FIELDS.includes(field) ? KINDS.receipts.columns.find((c) => c.field === field)?.header : undefined
}

/**
 * The `kdes` the values of a receipt's KDE columns make (a value of each field, as the rows gave
 * it), or undefined when they give none. An event with some of its fields only is passed on as
 * it is: the request's schema names what it lacks.
 */
export function kdesOf(value: (field: FieldName) => unknown): Record<string, Record<string, unknown>> | undefined {
  const kdes: Record<string, Record<string, unknown>> = {}
  for (const c of KDE_COLUMNS) {
    const v = value(c.field)
    if (v === undefined || v === null || v === '') continue
    ;(kdes[c.event] ??= {})[c.key] = String(v)
  }
  return Object.keys(kdes).length ? kdes : undefined
}

/** A request's `kdes` as the import's fields, to compare what a receipt recorded with what a file says. */
export function kdeValues(kdes: unknown): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {}
  if (!kdes || typeof kdes !== 'object') return out
  for (const c of KDE_COLUMNS) {
    const v = (kdes as Record<string, Record<string, unknown> | undefined>)[c.event]?.[c.key]
    if (typeof v === 'string' && v !== '') out[c.field] = v
  }
  return out
}
