/**
 * What an import takes from the add-in (the active sheet as JSON) and what every import answers:
 * the same report for the add-in, an upload and the command line.
 */
import { z } from 'zod'
import { ErrorBody, ErrorCode } from '../schemas/error'
import { MAX_CELL_CHARS, MAX_ROWS } from '../xlsx'
import { IMPORT_KINDS, IMPORT_ROWS_MAX } from './kinds'

/** A row number of a sheet: 1 to Excel's last row. */
const RowNumber = z.number().int().min(1).max(MAX_ROWS)

/**
 * The add-in sends the active sheet: its name, header row and rows of cells (dates as Excel
 * serials), the rows in order below the header, within Excel's rows and cell lengths.
 */
export const SheetRows = z
  .object({
    file: z.string().min(1).max(300),
    sheet: z.string().min(1).max(100),
    headerRow: RowNumber,
    headers: z.array(z.string().max(200)).max(200),
    rows: z.array(z.object({ row: RowNumber, cells: z.array(z.union([z.string().max(MAX_CELL_CHARS), z.number(), z.boolean(), z.null()])).max(200) })).max(IMPORT_ROWS_MAX),
  })
  .strict()
  .superRefine((sheet, ctx) => {
    // The annotated copy writes rows where they were: each below the header and the row before it.
    let above = sheet.headerRow
    for (const [i, r] of sheet.rows.entries()) {
      if (r.row <= above) ctx.addIssue({ code: 'custom', path: ['rows', i, 'row'], message: `row ${r.row} is not below row ${above}: rows come in order under the header row` })
      above = Math.max(above, r.row)
    }
  })
  .meta({ id: 'SheetRows' })
export type SheetRows = z.infer<typeof SheetRows>

/** A problem of an import: where it is and what is wrong. */
export const ImportProblem = z
  .object({
    sheet: z.string(),
    row: z.number().int().nullable().meta({ description: '1-based row; null for a problem of the whole file (a missing column)' }),
    column: z.string().nullable().meta({ description: 'Column letter; null when no single column is to blame' }),
    code: ErrorCode,
    message: z.string(),
  })
  .meta({ id: 'ImportProblem' })
export type ImportProblem = z.infer<typeof ImportProblem>

export const RowStatus = z.enum(['ok', 'unchanged', 'error'])
export type RowStatus = z.infer<typeof RowStatus>

export const ImportReport = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    file: z.string(),
    sheet: z.string(),
    dryRun: z.boolean(),
    applied: z.boolean().meta({ description: 'True when the import was kept: no problem and not a dry run' }),
    rows: z.number().int(),
    counts: z
      .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
      .meta({ description: 'Operations (operation kinds) or records (products, locations, lots): new, changed, already there (all 0 when there are problems)' }),
    unknownColumns: z.array(z.string()),
    skippedSheets: z.array(z.string()),
    problems: z.array(ImportProblem),
    statuses: z.array(z.object({ row: z.number().int(), status: RowStatus, message: z.string() })).meta({ description: "Each data row's outcome, for the Status column" }),
  })
  .meta({ id: 'ImportReport' })
export type ImportReport = z.infer<typeof ImportReport>

/** What POST /imports answers with JSON: the report, and with problems the refusal too (422). */
export const ImportAnswer = z.object({ report: ImportReport })
export const ImportRefusal = ErrorBody.extend({ report: ImportReport })
