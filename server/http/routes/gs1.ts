/** GS1 scans read for clients other than the pane (which reads them itself with the same parser). */
import { createRoute } from '@hono/zod-openapi'
import { parseGs1 } from '../../../shared/gs1/scan'
import { ErrorBody } from '../../../shared/schemas/error'
import { Gs1ParseInput, Gs1Parsed } from '../../../shared/schemas/gs1'
import { LedgerError } from '../../domain/errors'
import type { WorkspaceState } from '../../domain/state'
import { bearer, body, errors, json, newRouter } from '../router'

/** The product whose GTIN is `gtin` (14 digits), if any. */
function productWithGtin(ws: WorkspaceState, gtin: string | undefined) {
  if (!gtin) return undefined
  for (const p of ws.products.values()) if (p.gtin === gtin) return p
  return undefined
}

export const gs1Routes = newRouter().openapi(
  createRoute({
    method: 'post', path: '/gs1/parse', tags: ['GS1'], security: bearer,
    summary: 'Read scanned GS1 data (element string, raw scan, Digital Link) and find its product and lot (viewer; changes nothing)',
    request: { body: body(Gs1ParseInput) },
    responses: {
      200: json(Gs1Parsed, 'The elements, what they say for the ledger, and the product and lot they name'),
      ...errors(400, 401),
      422: json(ErrorBody, 'Data GS1\'s rules refuse (`gs1_invalid`): each detail names the AI (`(17)`) or `data`'),
    },
  }),
  (c) => {
    const { data, separator, zeroSuppressedGtin } = c.req.valid('json')
    const { ws } = c.var.caller
    const read = parseGs1(data, { today: c.var.store.ledger.today(ws), separator, zeroSuppressedGtin })
    if (!read.ok) {
      const details = read.problems.map((p) => ({ path: p.ai === null ? 'data' : `(${p.ai})`, message: p.message }))
      throw new LedgerError('gs1_invalid', `not valid GS1 data: ${read.problems.map((p) => p.message).join('; ')}`, details)
    }
    const { ok: _ok, ...fields } = read
    const product = productWithGtin(ws, fields.gtin)
    const name = fields.lot ?? fields.serial
    return c.json({
      ...fields,
      product: product ? { sku: product.sku, name: product.name } : null,
      lotKnown: Boolean(product && name !== undefined && product.lots.has(name)),
    }, 200)
  },
)
