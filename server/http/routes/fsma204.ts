/**
 * `GET /exports/fsma204.xlsx`: the FSMA 204 records as FDA's sortable spreadsheet, and
 * `GET /fsma204/missing`: the same records' missing KDEs as JSON, for a check before FDA asks.
 */
import { PassThrough, Readable } from 'node:stream'
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { contentDisposition } from '../../../shared/content-disposition'
import { DateOrInstant, LotName, Sku } from '../../../shared/schemas/common'
import { XLSX_MIME } from '../../../shared/xlsx'
import { fsmaWorkbook, gatherFsma } from '../../exports/fsma204'
import { fsmaBook } from '../../exports/fsma204-collect'
import { PartWriters } from '../../exports/part-writers'
import { lotOrRange, reportContext } from '../../exports/report'
import { ReportAborted } from '../../exports/xlsx-stream'
import type { AppEnv } from '../context'
import { bearer, errors, json } from '../router'

const FsmaQuery = z
  .object({
    after: DateOrInstant.optional().meta({ description: 'Events dated at or after (a plain date: the start of that day in the workspace zone)' }),
    before: DateOrInstant.optional().meta({ description: 'Events dated before (exclusive)' }),
    product: Sku.optional().meta({ description: 'With `lot`: that traceability lot code\'s records upstream and downstream, instead of a date range' }),
    lot: LotName.optional(),
  })
  .strict()

const MissingKde = z.object({
  event: z.string().meta({ description: 'Receiving, Shipping, Transformation, Initial packing...' }),
  reference: z.string(), product: z.string(), lot: z.string().meta({ description: 'The traceability lot code' }),
  kdes: z.array(z.string()).meta({ description: 'The key data elements it lacks, in words' }),
})
const MissingAnswer = z
  .object({ missing: z.array(MissingKde), records: z.number().int(), truncated: z.boolean() })
  .meta({ id: 'Fsma204Missing' })

/** The headers of the workbook's download. */
const downloadHeaders = (fileName: string) => ({
  'content-type': XLSX_MIME, 'content-disposition': contentDisposition(fileName), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
})

/** Adds the FSMA 204 export and its completeness check to the exports' router (viewers and up). */
export function addFsmaRoutes(router: OpenAPIHono<AppEnv>, log: (message: string) => void): void {
  router.openapi(
    createRoute({
      method: 'get', path: '/exports/fsma204.xlsx', tags: ['Exports'], security: bearer,
      summary: 'FSMA 204 records (FDA\'s sortable spreadsheet) of a date range or of one traceability lot code, with the missing KDEs',
      request: { query: FsmaQuery },
      responses: { 200: { content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } }, description: 'The records as an .xlsx file' }, ...errors(400, 401, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const context = reportContext(c.var.store, c.var.caller.ws)
      const scope = lotOrRange(context.ws, query, 'a lot\'s records take no date range')
      const named = scope.kind === 'lot' ? [scope.product, scope.lot] : [query.after && `from ${query.after}`, query.before && `to ${query.before}`]
      // A HEAD is answered from the counts alone: the records are not made with their cells.
      if (c.req.method === 'HEAD') {
        const { fileName } = fsmaWorkbook(context, scope, await gatherFsma(context, scope), named)
        return c.body(null, 200, downloadHeaders(fileName)) as never
      }
      // A small workbook is written in this thread: the sheet workers start for a large one only.
      const book = await fsmaBook(context, scope, named, new PartWriters())
      const { fileName } = book
      const out = new PassThrough()
      void book.write(out).catch((err: Error) => {
        if (!(err instanceof ReportAborted)) log(`export ${fileName} failed while streaming: ${err.stack ?? err.message}`)
        out.destroy(err)
      })
      return c.body(Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>, 200, downloadHeaders(fileName)) as never
    },
  )
  router.openapi(
    createRoute({
      method: 'get', path: '/fsma204/missing', tags: ['Exports'], security: bearer,
      summary: 'The FSMA 204 records that lack a required KDE (the export\'s Missing KDEs sheet, as JSON)',
      request: { query: FsmaQuery },
      responses: { 200: json(MissingAnswer, 'Each record missing KDEs, with the KDEs named; empty when complete'), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const context = reportContext(c.var.store, c.var.caller.ws)
      const gathered = await gatherFsma(context, lotOrRange(context.ws, query, 'a lot\'s records take no date range'))
      let records = 0
      for (const rows of gathered.records.values()) records += rows.length
      return c.json({ missing: [...gathered.missing], records, truncated: gathered.truncated }, 200)
    },
  )
}
