/** What an import answers: the same for the add-in, an upload and the command line. */
import type { ErrorCode } from '../schemas/error'
import type { ImportKind } from './kinds'

/** A problem of an import: where it is and what is wrong. */
export interface ImportProblem {
  sheet: string
  /** 1-based row; null for a problem of the whole file (a missing column). */
  row: number | null
  /** Column letter; null when no single column is to blame. */
  column: string | null
  code: ErrorCode
  message: string
}

export type RowStatus = 'ok' | 'unchanged' | 'error'

export interface ImportReport {
  kind: ImportKind
  file: string
  sheet: string
  dryRun: boolean
  /** True when the import was kept: no problem and not a dry run. */
  applied: boolean
  rows: number
  /** Operations (operation kinds) or records (products, locations, lots): new, changed, already there (all 0 when there are problems). */
  counts: { created: number; updated: number; unchanged: number }
  unknownColumns: string[]
  skippedSheets: string[]
  problems: ImportProblem[]
  /** Each data row's outcome, for the Status column. */
  statuses: Array<{ row: number; status: RowStatus; message: string }>
}
