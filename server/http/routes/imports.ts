import { PassThrough, Readable } from 'node:stream'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { contentDisposition } from '../../../shared/content-disposition'
import { IMPORT_KINDS, IMPORT_ROWS_MAX } from '../../../shared/import/kinds'
import { ImportAnswer, ImportRefusal, SheetRows, type ImportReport } from '../../../shared/import/report'
import { QueryBool } from '../../../shared/schemas/common'
import { ErrorBody } from '../../../shared/schemas/error'
import { XLSX_MIME } from '../../../shared/xlsx'
import { LedgerError } from '../../domain/errors'
import { excerpt } from '../../import/excerpt'
import { writeAnnotated } from '../../import/annotate'
import { readCsv } from '../../import/read-csv'
import { readXlsx } from '../../import/read-xlsx'
import { headersFit } from '../../import/rows'
import { runImport } from '../../import/run'
import type { ImportTable } from '../../import/table'
import { formatPath } from '../errors'
import { multipartFile } from '../multipart'
import { bearer, errors, json, newRouter } from '../router'

/** At most this many of a refused body's problems are named. */
const MAX_DETAILS = 20

/** `text` with each lone surrogate (half a character) as U+FFFD: names go into headers, ids and sheet names. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/** The add-in's sheet rows, or a `validation_failed` naming the first fields at fault. */
async function sheetRowsOf(req: Request): Promise<ImportTable> {
  const parsed = SheetRows.safeParse(await req.json().catch(() => null))
  if (parsed.success) return { ...parsed.data, file: wellFormed(parsed.data.file), sheet: wellFormed(parsed.data.sheet), skipped: [] }
  const details = parsed.error.issues.slice(0, MAX_DETAILS).map((i) => ({ path: formatPath(i.path) || '(body)', message: i.message }))
  const more = parsed.error.issues.length - details.length
  throw new LedgerError('validation_failed', `invalid sheet rows: ${details[0].path}: ${details[0].message}${more > 0 ? ` (and ${more} more)` : ''}`, details)
}

/** The table an import request carries: an uploaded .xlsx/.csv (multipart field `file`) or the add-in's JSON rows. */
async function tableOf(req: Request, fits: (headers: string[]) => boolean): Promise<ImportTable> {
  const type = req.headers.get('content-type') ?? ''
  if (type.startsWith('application/json')) return sheetRowsOf(req)
  if (!type.startsWith('multipart/form-data')) {
    throw new LedgerError('unsupported_media_type', 'send the file as multipart/form-data (field "file"), or the sheet as JSON')
  }
  // The upload is read whole (the body limit bounds it): readers see all of it, a workbook's zip directory included.
  const file = await multipartFile(req, 'file')
  if (!file) throw new LedgerError('validation_failed', 'no file: send it in the multipart field "file"', [{ path: 'file', message: 'required' }])
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv'
  if (!csv && !/\.xlsx$/i.test(file.name) && file.type !== XLSX_MIME) {
    throw new LedgerError('validation_failed', `${excerpt(file.name, 120)}: send an .xlsx or a .csv file`, [{ path: 'file', message: 'not .xlsx or .csv' }])
  }
  return csv ? readCsv(file.bytes, file.name, IMPORT_ROWS_MAX, fits) : readXlsx(file.bytes, file.name, fits, IMPORT_ROWS_MAX)
}

function refusal(report: ImportReport): LedgerError {
  const details = report.problems.slice(0, 1000).map((p) => ({ path: `${p.sheet}!${p.column ?? ''}${p.row ?? ''}`, message: `${p.code}: ${p.message}` }))
  return new LedgerError('import_refused', `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}: nothing was imported`, details)
}

/** Workbook imports: one path for the add-in's sheet, uploaded files and the command line. */
export const importRoutes = newRouter().openapi(
  createRoute({
    method: 'post', path: '/imports', tags: ['Imports'], security: bearer,
    summary: 'Import a workbook (operator; products, locations and partners: admin). All rows or none.',
    description:
      'Body: multipart/form-data with an .xlsx or .csv in field `file`, or JSON {file, sheet, headerRow, headers, rows:[{row, cells}]} (the add-in). ' +
      'Every row is checked before anything is applied; `dryRun=true` checks only. `format=xlsx` answers the same file annotated (a Status column, ' +
      'errors in red, a Problems sheet). 200: applied (or a clean dry run); 422 `import_refused`: problems, nothing applied; 422 `unreadable_file`: ' +
      'a file that cannot be read (damaged, not what its name says, rows past 1,048,576, a cell over 32,767 characters, a CSV line over 1,048,576 ' +
      'characters, a workbook inflating past 256 MB or 100 times its size: see README, Importing workbooks).',
    request: {
      query: z.object({
        kind: z.enum(IMPORT_KINDS),
        dryRun: QueryBool.optional(),
        format: z.enum(['json', 'xlsx']).default('json'),
      }),
    },
    responses: {
      200: json(ImportAnswer, 'Imported, or a clean dry run (format=xlsx: the annotated workbook)'),
      400: json(ErrorBody, 'Invalid input (`validation_failed`, `invalid_json`), or a body that is not the multipart/form-data it says it is (`invalid_multipart`)'),
      413: json(ErrorBody, 'The upload is over 64 MB (`payload_too_large`)'),
      415: json(ErrorBody, 'Neither multipart/form-data nor JSON (`unsupported_media_type`)'),
      422: json(z.union([ImportRefusal, ErrorBody]), 'Problems: nothing imported, each problem in the report (format=xlsx: the annotated workbook); or a file that cannot be read, past Excel\'s or the import\'s limits (`unreadable_file`, no report)'),
      ...errors(401, 403),
    },
  }),
  async (c) => {
    const { kind, dryRun, format } = c.req.valid('query')
    const { ws, actor, role } = c.var.caller
    if ((kind === 'products' || kind === 'locations' || kind === 'partners') && role !== 'admin') {
      throw new LedgerError('forbidden', `importing ${kind} needs the admin role`)
    }
    const table = await tableOf(c.req.raw, (headers) => headersFit(kind, headers))
    const report = await runImport(c.var.store, ws, actor, kind, table, { dryRun: dryRun ?? false, dateFormat: ws.settings.dateFormat, keepCells: format === 'xlsx' })
    const status = report.problems.length ? 422 : 200
    if (format === 'xlsx') {
      const out = new PassThrough()
      void writeAnnotated(table, report, out).catch((err) => out.destroy(err as Error))
      const name = `${table.file.replace(/\.(xlsx|csv)$/i, '')} (checked).xlsx`
      return c.body(Readable.toWeb(out) as ReadableStream, status, {
        'content-type': XLSX_MIME,
        'content-disposition': contentDisposition(name),
        'x-lotledger-import': JSON.stringify({ applied: report.applied, rows: report.rows, counts: report.counts, problems: report.problems.length }),
      }) as never
    }
    if (status === 422) {
      const e = refusal(report)
      return c.json({ error: { code: e.code, message: e.message, details: e.details }, report }, 422)
    }
    return c.json({ report }, 200)
  },
)
