/**
 * Which style a cell takes among its column's: as RowXml picks it (xlsx-rows.ts), so that rows
 * written from tables (table-rows-xml.ts) get the same ones. exceljs numbers styles as they are
 * first used, so a workbook whose rows are written elsewhere registers each sheet's styles in
 * the order its rows first use them (xlsx-skeleton.ts) to get the ids the rows would have had.
 */
import { isIsoMonth } from '../../shared/dates'
import { looksLikeFormula } from '../../shared/formula-text'
import type { CellKind } from '../../shared/sheets/model'

/** A column's style as a cell takes it: as it is, a date-time at midnight shown as its date, a month-only date as its month; each also quoted. */
export const STYLE_VARIANTS = 6
const DATE_ONLY = 1
const MONTH = 2
const QUOTED = 3

/** The variant (0 to {@link STYLE_VARIANTS} - 1) of a cell of `kind` holding `raw`, written as `value`. */
export function styleVariant(kind: CellKind, raw: string | number, value: string | number): number {
  const base = kind === 'datetime' && Number.isInteger(value) ? DATE_ONLY : kind === 'date' && isIsoMonth(raw) ? MONTH : 0
  return looksLikeFormula(value) ? base + QUOTED : base
}

/** A style's first use: its column, variant, and the value type exceljs is told with it. */
export interface StyleUse {
  column: number
  variant: number
  type: number
}
