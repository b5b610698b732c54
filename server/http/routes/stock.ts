import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { LocationCode, LotName, PositiveQuantity, Sku } from '../../../shared/schemas/common'
import { FefoAnswer, RecallAnswer, StockAnswer, TraceAnswer } from '../../../shared/schemas/queries'
import { lotDoc } from '../../domain/docs'
import { recall } from '../../domain/queries/recall'
import { fefo, stock } from '../../domain/queries/stock'
import { trace } from '../../domain/queries/trace'
import { lotOrNotFound } from '../../domain/state'
import { bearer, errors, json, newRouter } from '../router'


const LotQuery = z.object({ product: Sku, lot: LotName })

/** Stock on hand, FEFO picking, traceability and recall. */
export const stockRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get', path: '/stock', tags: ['Stock'], security: bearer,
      summary: 'Stock on hand in stock locations; a location includes the locations inside it',
      request: { query: z.object({ product: Sku.optional(), lot: LotName.optional(), location: LocationCode.optional() }) },
      responses: { 200: json(StockAnswer, 'Quants by product, lot, location, package'), ...errors(400, 401, 404) },
    }),
    (c) => c.json({ quants: stock(c.var.caller.ws, c.req.valid('query')) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/stock/fefo', tags: ['Stock'], security: bearer,
      summary: 'Lots to pick, first expiring first (by removal, expiration, then receipt date); expired stock left out',
      request: {
        query: z.object({
          product: Sku, qty: PositiveQuantity.optional(),
          location: LocationCode.optional().meta({ description: 'Default WH/Stock (and the locations inside it)' }),
        }),
      },
      responses: { 200: json(FefoAnswer, 'Picks in order'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { ws } = c.var.caller
      return c.json(fefo(ws, c.var.store.ledger.today(ws), c.req.valid('query')), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/trace', tags: ['Traceability'], security: bearer,
      summary: 'Traceability of a lot: where it came from (upstream), where it went (downstream), or both',
      request: { query: LotQuery.extend({ direction: z.enum(['upstream', 'downstream', 'both']).default('both') }) },
      responses: { 200: json(TraceAnswer, 'Rows in reading order; `level` is the genealogy depth'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { product, lot: name, direction } = c.req.valid('query')
      const { ws } = c.var.caller
      const lot = lotOrNotFound(ws, product, name)
      const { rows, truncated } = trace(ws, lot, direction)
      return c.json({ lot: lotDoc(lot, c.var.store.ledger.today(ws)), direction, rows, truncated }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/recall', tags: ['Traceability'], security: bearer,
      summary: 'Recall of a lot: every lot made from it, every delivery of them, and what is still on hand',
      request: { query: LotQuery },
      responses: { 200: json(RecallAnswer, 'The recall list'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { product, lot } = c.req.valid('query')
      const { ws } = c.var.caller
      return c.json(recall(ws, lotOrNotFound(ws, product, lot)), 200)
    },
  )
