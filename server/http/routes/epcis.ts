/** `GET /exports/epcis.jsonld`: the ledger's events as an EPCIS 2.0 document, streamed. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { contentDisposition } from '../../../shared/content-disposition'
import { ErrorBody } from '../../../shared/schemas/error'
import { DateOrInstant, LotName, QueryBool, Sku } from '../../../shared/schemas/common'
import { Completeness, epcisEvents, incompleteError, omissionsOf, selectEpcis } from '../../exports/epcis'
import { documentHead, documentStream } from '../../exports/epcis-stream'
import { reportFileName } from '../../exports/file-name'
import { lotOrRange, reportContext } from '../../exports/report'
import type { AppEnv } from '../context'
import { bearer, errors, json } from '../router'

export const EPCIS_MIME = 'application/ld+json'

const EpcisQuery = z
  .object({
    after: DateOrInstant.optional().meta({ description: 'Operations dated at or after (a plain date: the start of that day in the workspace zone)' }),
    before: DateOrInstant.optional().meta({ description: 'Operations dated before (exclusive)' }),
    product: Sku.optional().meta({ description: 'With `lot`: the lot\'s trace, upstream and downstream, instead of a date range' }),
    lot: LotName.optional(),
    skipIncomplete: QueryBool.optional().meta({
      description: '`true`: leave out what GS1 identifiers cannot express (listed in the document\'s `lotledger:omitted`) instead of answering 422',
    }),
  })
  .strict()

/** Adds the EPCIS export to the exports' router (viewers and up, as every export). */
export function addEpcisRoute(router: OpenAPIHono<AppEnv>, log: (message: string) => void): void {
  router.openapi(
    createRoute({
      method: 'get', path: '/exports/epcis.jsonld', tags: ['Exports'], security: bearer,
      summary: 'EPCIS 2.0 document (JSON-LD) of the operations in a date range or of a lot\'s trace (streamed)',
      request: { query: EpcisQuery },
      responses: {
        200: { content: { [EPCIS_MIME]: { schema: z.string().meta({ format: 'binary' }) } }, description: 'An EPCISDocument, schemaVersion 2.0 (streamed)' },
        ...errors(400, 401, 404),
        422: json(ErrorBody, 'What EPCIS cannot express (`epcis_incomplete`): each detail names a product (no GTIN, a unit without a UN/CEFACT code) or a lot or serial that is not GS1\'s, with its moves'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const context = reportContext(c.var.store, c.var.caller.ws)
      const { ws } = context
      const scope = lotOrRange(ws, query, 'a lot\'s trace takes no date range')
      const selection = selectEpcis(ws, scope)
      const completeness = new Completeness()
      const omissions = await omissionsOf(selection, completeness, ws)
      const skip = query.skipIncomplete === true
      if (omissions.length > 0 && !skip) throw incompleteError(omissions)
      const parts = scope.kind === 'lot' ? ['EPCIS', scope.product, scope.lot] : ['EPCIS', query.after && `from ${query.after}`, query.before && `to ${query.before}`]
      const headers: Record<string, string> = {
        'content-type': EPCIS_MIME,
        'content-disposition': contentDisposition(reportFileName([...parts, context.today]).replace(/\.xlsx$/, '.jsonld')),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      }
      if (skip) headers['x-epcis-omitted-moves'] = String(omissions.reduce((sum, o) => sum + o.moves, 0))
      // The route's typed answers are JSON: a download is answered as the imports' workbook is.
      if (c.req.method === 'HEAD') return c.body(null, 200, headers) as never
      const head = documentHead(context.sheet.now.toISOString(), skip ? omissions : null)
      const events = epcisEvents({ ws, left: (m) => completeness.problem(m) !== null }, selection)
      const stream = documentStream(head, events, (err) => log(`export epcis.jsonld failed while streaming: ${err.stack ?? err.message}`))
      return c.body(stream, 200, headers) as never
    },
  )
}
