import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ClientId, DateOrInstant, LocationCode, LotName, Reference, Sku } from '../../../shared/schemas/common'
import { auditReport } from '../../exports/audit'
import { REPORTS, type ReportName } from '../../exports/catalog'
import { deliverySlipReport } from '../../exports/delivery-slip'
import { recallCaseReport } from '../../exports/recall-case'
import { reportContext, type Report, type ReportContext } from '../../exports/report'
import { expiringReport, lotsReport, movesReport, recallReport, stockReport, traceReport } from '../../exports/reports'
import { streamReport } from '../../exports/respond'
import { XLSX_MIME } from '../../../shared/xlsx'
import { bearer, errors, newRouter } from '../router'
import { addEpcisRoute } from './epcis'
import { addFsmaRoutes } from './fsma204'

const Direction = z.enum(['upstream', 'downstream', 'both'])

/** Each report's filters; unknown ones are refused, so that a typo never silently widens a report. */
const QUERIES = {
  trace: z.object({ product: Sku, lot: LotName, direction: Direction.default('both') }).strict(),
  recall: z.object({ product: Sku, lot: LotName }).strict(),
  stock: z.object({ product: Sku.optional(), lot: LotName.optional(), location: LocationCode.optional() }).strict(),
  lots: z.object({ product: Sku.optional() }).strict(),
  expiring: z.object({}).strict(),
  moves: z
    .object({
      product: Sku.optional(), lot: LotName.optional(), location: LocationCode.optional(), reference: Reference.optional(),
      after: DateOrInstant.optional().meta({ description: 'Moves dated at or after (a plain date: the start of that day in the workspace zone)' }),
      before: DateOrInstant.optional().meta({ description: 'Moves dated before (exclusive)' }),
    })
    .strict(),
  'delivery-slip': z.object({ reference: Reference.meta({ description: 'The delivery\'s reference (all deliveries recorded under it)' }) }).strict(),
  audit: z
    .object({
      after: DateOrInstant.optional().meta({ description: 'Writes made at or after' }),
      before: DateOrInstant.optional().meta({ description: 'Writes made before (exclusive)' }),
    })
    .strict(),
  'recall-case': z.object({ id: ClientId.meta({ description: 'The recall\'s id (POST /recalls)' }) }).strict(),
} satisfies Record<ReportName, z.ZodObject>

type Queries = { [K in ReportName]: z.infer<(typeof QUERIES)[K]> }

const MAKE: { [K in ReportName]: (c: ReportContext, q: Queries[K]) => Report | Promise<Report> } = {
  trace: traceReport,
  recall: recallReport,
  stock: stockReport,
  lots: lotsReport,
  expiring: (c) => expiringReport(c),
  moves: movesReport,
  'delivery-slip': deliverySlipReport,
  audit: auditReport,
  'recall-case': recallCaseReport,
}

const SUMMARY: Record<ReportName, string> = {
  trace: 'Traceability of a lot, upstream and downstream, levels indented',
  recall: 'Recall of a lot: every lot made from it, every delivery of them, what is on hand',
  stock: 'Stock on hand by location and lot, with expiration and alert dates',
  lots: 'Lots and serials with their four dates, on-hand quantity and locations',
  expiring: 'Expiration alerts: lots in alert with stock on hand, soonest first',
  moves: 'Move history (streamed page by page)',
  'delivery-slip': 'Delivery slip: per delivered line product, quantity, unit and (per settings) lot and expiration date',
  audit: 'Audit: every write of the workspace in order, with who made it',
  'recall-case': 'The workbook of a recall (POST /recalls): customers to notify with what they received and returned, stock to quarantine, each held lot\'s progress',
}

const xlsx = { content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } }, description: 'The report as an .xlsx file (streamed)' }

/** `GET /exports/{report}.xlsx`: the reports as Excel files, for viewers and up. */
export function exportRoutes(log: (message: string) => void = console.error) {
  const router = newRouter()
  for (const name of Object.keys(REPORTS) as ReportName[]) {
    router.openapi(
      createRoute({
        method: 'get', path: `/exports/${name}.xlsx`, tags: ['Exports'], security: bearer, summary: SUMMARY[name],
        request: { query: QUERIES[name] },
        responses: { 200: xlsx, ...errors(400, 401, 404) },
      }),
      async (c) => {
        const query = c.req.valid('query') as Queries[typeof name]
        const context = reportContext(c.var.store, c.var.caller.ws)
        const report = await (MAKE[name] as (c: ReportContext, q: typeof query) => Report | Promise<Report>)(context, query)
        // Every report is set up for the paper the workspace prints on.
        return streamReport(c, { ...report, head: { ...report.head, paper: context.ws.settings.documents.paperSize } }, log)
      },
    )
  }
  addEpcisRoute(router, log)
  addFsmaRoutes(router, log)
  return router
}
