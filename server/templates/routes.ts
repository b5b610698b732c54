/** `GET /templates/{kind}.xlsx`: an import template filled with the workspace's lists (viewer). */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { contentDisposition } from '../../shared/content-disposition'
import { IMPORT_KINDS, type ImportKind } from '../../shared/import/kinds'
import { templateModel, type TemplateLists } from '../../shared/import/templates'
import { XLSX_MIME } from '../../shared/xlsx'
import { LedgerError } from '../domain/errors'
import type { WorkspaceState } from '../domain/state'
import { bearer, errors, newRouter } from '../http/router'
import { templateXlsx } from './xlsx'

/** The workspace's product SKUs and location codes (the builder sorts them). */
export function workspaceLists(ws: WorkspaceState): TemplateLists {
  return { products: [...ws.products.keys()], locations: [...ws.locations.keys()] }
}

// Hono cannot match a parameter followed by a suffix in one segment (`{kind}.xlsx`): the route
// is documented with that path and served from `/templates/:file`.
const doc = createRoute({
  method: 'get', path: '/templates/{kind}.xlsx', tags: ['Templates'], security: bearer,
  summary: 'An import template (.xlsx) with the workspace\'s products and locations in its dropdowns',
  description:
    'The data sheet (headers in import order, required ones bold on amber; date, number and text formats and dropdowns on rows 2 to 5001; ' +
    'header frozen), an Instructions sheet, and a hidden `lotledger lists` sheet feeding the dropdowns. ' +
    'The file name comes in `Content-Disposition`.',
  request: { params: z.object({ kind: z.enum(IMPORT_KINDS) }) },
  responses: {
    200: { content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } }, description: 'The template workbook' },
    ...errors(401, 404),
  },
})

export const templateRoutes = newRouter()
templateRoutes.openAPIRegistry.registerPath(doc)
templateRoutes.get('/templates/:file', async (c) => {
  const file = c.req.param('file')
  const kind = /^([a-z]+)\.xlsx$/.exec(file)?.[1] as ImportKind | undefined
  if (!kind || !IMPORT_KINDS.includes(kind)) {
    throw new LedgerError('not_found', `no template ${file}: there are ${IMPORT_KINDS.map((k) => `${k}.xlsx`).join(', ')}`)
  }
  const { ws } = c.var.caller
  const model = templateModel(kind, workspaceLists(ws), {
    workspace: ws.id, timeZone: ws.settings.timeZone, dateFormat: ws.settings.dateFormat, now: c.var.store.ledger.clock.now(),
  })
  const bytes = await templateXlsx(model)
  return c.body(new Uint8Array(bytes), 200, { 'Content-Type': XLSX_MIME, 'Content-Disposition': contentDisposition(model.fileName), 'Cache-Control': 'no-store' })
})
