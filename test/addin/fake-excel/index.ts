/**
 * An in-memory Excel for tests: the subset of the Excel JavaScript API that addin/excel uses,
 * strict about load/sync like the real one, measuring each request against Excel on the web's
 * 5 MB limit. Install it as the global `Excel` (vitest) or load the IIFE build (browser).
 */
import { DEFAULT_PAYLOAD_LIMIT, FakeRequestContext, type FakeStats, type Host } from './client'
import { WorkbookProxy } from './book'
import { ErrorCodes, fail } from './errors'
import { SheetView } from './inspect'
import { WorkbookState } from './state'

export { ErrorCodes, FakeOfficeError } from './errors'
export { CALL_BYTES, DEFAULT_PAYLOAD_LIMIT, type FakeStats, type SyncRecord } from './client'
export type { CellView, ConditionalFormatView, SheetView, TableView, ValidationView } from './inspect'

export interface FakeExcelOptions {
  /** Request limit in bytes (default 5 MB). */
  requestLimit?: number
  /** Response limit in bytes (default 5 MB). */
  responseLimit?: number
  /** Sheets the workbook starts with (default `['Sheet1']`). */
  sheets?: string[]
}

/** The fake `Excel` namespace: `run` plus the enums the layer might read. */
export interface FakeExcelNamespace {
  run<R>(batch: (context: FakeRequestContext) => Promise<R>): Promise<R>
  run<R>(object: unknown, batch: (context: FakeRequestContext) => Promise<R>): Promise<R>
  ErrorCodes: typeof ErrorCodes
  ConditionalFormatType: Record<string, string>
  ClearApplyTo: Record<string, string>
  HorizontalAlignment: Record<string, string>
  SheetVisibility: Record<string, string>
  DataValidationAlertStyle: Record<string, string>
}

export interface FakeExcel {
  /** Assign to `globalThis.Excel` (or call `install()`). */
  Excel: FakeExcelNamespace
  stats: FakeStats
  limits: { request: number; response: number }
  /** The biggest request of any sync so far. */
  maxRequestBytes(): number
  resetStats(): void
  sheet(name: string): SheetView
  hasSheet(name: string): boolean
  /** Sheet names in workbook order. */
  sheetNames(): string[]
  addSheet(name: string): SheetView
  deleteSheet(name: string): void
  activeSheet(): string | null
  /** Selects `address` on `sheet` (active cell: `activeCell` or the top-left cell) and activates it. */
  setSelection(sheet: string, address: string, activeCell?: string): void
  settings(): Record<string, unknown>
  /** Workbook-scoped defined names: `{ name: '=Sheet1!$A$1:$A$4' }`. */
  names(): Record<string, string>
  dump(): Record<string, unknown>
  /** Sets `target.Excel` (default globalThis); returns the undo. */
  install(target?: object): () => void
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const state = new WorkbookState()
  for (const name of options.sheets ?? ['Sheet1']) state.addSheet(name)
  const emptyStats = (): FakeStats => ({ runs: 0, syncs: 0, requests: [], calcSuspensions: 0 })
  const host: Host = {
    state,
    limits: { request: options.requestLimit ?? DEFAULT_PAYLOAD_LIMIT, response: options.responseLimit ?? DEFAULT_PAYLOAD_LIMIT },
    stats: emptyStats(),
  }

  async function run<R>(a: unknown, b?: unknown): Promise<R> {
    const batch = (typeof a === 'function' ? a : b) as (context: FakeRequestContext) => Promise<R>
    if (typeof batch !== 'function') throw fail(ErrorCodes.invalidArgument, 'Excel.run needs a batch function')
    host.stats.runs++
    const context = new FakeRequestContext(host, (ctx) => new WorkbookProxy(ctx))
    const result = await batch(context)
    // Like Excel.run: whatever is still queued is sent once the batch function is done.
    if (context.pending > 0) await context.sync()
    return result
  }

  const Excel: FakeExcelNamespace = {
    run: run as FakeExcelNamespace['run'],
    ErrorCodes,
    ConditionalFormatType: { custom: 'Custom', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', topBottom: 'TopBottom', presetCriteria: 'PresetCriteria', containsText: 'ContainsText', cellValue: 'CellValue' },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
    HorizontalAlignment: { general: 'General', left: 'Left', center: 'Center', right: 'Right' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
  }

  const find = (name: string) => {
    const s = state.findSheet(name)
    if (!s) throw new Error(`fake Excel: no sheet ${name} (sheets: ${state.sheets.map((x) => x.name).join(', ')})`)
    return s
  }

  const fake: FakeExcel = {
    Excel,
    get stats() { return host.stats },
    limits: host.limits,
    maxRequestBytes: () => Math.max(0, ...host.stats.requests.map((r) => r.requestBytes)),
    resetStats: () => { host.stats = emptyStats() },
    sheet: (name) => new SheetView(state, find(name)),
    hasSheet: (name) => state.findSheet(name) !== undefined,
    sheetNames: () => state.sheets.map((s) => s.name),
    addSheet: (name) => new SheetView(state, state.addSheet(name)),
    deleteSheet: (name) => state.deleteSheet(find(name)),
    activeSheet: () => state.active?.name ?? null,
    setSelection: (sheet, address, activeCell) => { new SheetView(state, find(sheet)).select(address, activeCell) },
    settings: () => Object.fromEntries(state.settings),
    names: () => Object.fromEntries(state.names.map((n) => [n.name, n.formula])),
    dump: () => ({
      active: state.active?.name ?? null,
      sheets: state.sheets.map((s) => {
        const v = new SheetView(state, s)
        return { name: s.name, frozenRows: s.frozenRows, cells: v.dump(), tables: v.tables, conditionalFormats: v.conditionalFormats }
      }),
      settings: Object.fromEntries(state.settings),
    }),
    install(target: object = globalThis) {
      const t = target as { Excel?: unknown }
      const before = t.Excel
      t.Excel = Excel
      return () => {
        if (before === undefined) delete t.Excel
        else t.Excel = before
      }
    },
  }
  return fake
}
