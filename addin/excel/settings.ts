/**
 * Which worksheets lotledger made, and from what question: kept in the workbook's settings so
 * that Refresh still works after the workbook was closed and reopened.
 */
import type { SheetSource } from '../../shared/sheets/model'

/** Workbook setting holding `{ [sheetName]: SheetSource }`. */
export const SHEETS_SETTING = 'lotledger.sheets'

export type SheetRegistry = Record<string, SheetSource>

const KINDS = new Set(['trace', 'stock', 'lots', 'expiring', 'moves', 'recall', 'delivery-slip'])

/** The registry from a setting's value (an object, or its JSON text); anything unreadable is dropped. */
export function parseRegistry(value: unknown): SheetRegistry {
  let v = value
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v)
    } catch {
      return {}
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {}
  const out: SheetRegistry = {}
  for (const [name, source] of Object.entries(v as Record<string, unknown>)) {
    if (source && typeof source === 'object' && KINDS.has((source as { kind?: unknown }).kind as string)) out[name] = source as SheetSource
  }
  return out
}

/** The registry after writing `name`: entries of sheets that no longer exist are dropped. */
export function updateRegistry(current: SheetRegistry, existing: string[], name: string, source: SheetSource): SheetRegistry {
  const alive = new Set(existing)
  const out: SheetRegistry = {}
  for (const [n, s] of Object.entries(current)) if (alive.has(n) && n !== name) out[n] = s
  out[name] = source
  return out
}

/** The sheets recorded in the workbook's settings that still exist, in workbook order. */
export async function ourSheets(): Promise<Array<{ name: string; source: SheetSource }>> {
  return Excel.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(SHEETS_SETTING)
    setting.load('value')
    const sheets = context.workbook.worksheets
    sheets.load('items/name')
    await context.sync()
    const registry = setting.isNullObject ? {} : parseRegistry(setting.value)
    return sheets.items.filter((s) => Object.prototype.hasOwnProperty.call(registry, s.name)).map((s) => ({ name: s.name, source: registry[s.name] }))
  })
}
