import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { Limit, LotName, QueryBool, Sku } from '../../../shared/schemas/common'
import { Lot, LotBatchInput, LotInput, LotPatch } from '../../../shared/schemas/lot'
import { LotBatchAnswer, LotPage } from '../../../shared/schemas/queries'
import { patchLot, registerLots } from '../../domain/commands/lots'
import { lotDoc } from '../../domain/docs'
import { notFound } from '../../domain/errors'
import { listLots } from '../../domain/queries/lists'
import { findLot } from '../../domain/state'
import { bearer, body, errors, json, newRouter } from '../router'

const LotParams = z.object({ sku: Sku, name: LotName })
const LotQuery = z.object({
  product: Sku.optional(),
  expired: QueryBool.optional(),
  alert: QueryBool.optional().meta({ description: 'In alert (the expiration alert list is alert=true&inStock=true)' }),
  inStock: QueryBool.optional(),
  limit: Limit,
  cursor: z.string().optional(),
})

/** Lots and serial numbers. */
export const lotRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get', path: '/lots', tags: ['Lots'], security: bearer, summary: 'List lots and serials (paged)',
      request: { query: LotQuery },
      responses: { 200: json(LotPage, 'Lots in registration order'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query')
      const { ws } = c.var.caller
      const today = c.var.store.ledger.today(ws)
      const page = listLots(ws, today, filter, limit, cursor)
      return c.json({ lots: page.items.map((l) => lotDoc(l, today)), next: page.next }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/lots', tags: ['Lots'], security: bearer,
      summary: 'Register a lot or serial (operator). Dates not given are computed from today.',
      request: { body: body(LotInput) },
      responses: {
        201: json(Lot, 'Created'), 200: json(Lot, 'Already registered with these fields'), ...errors(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const [r] = registerLots(store.ledger, ws, actor, [c.req.valid('json')])
      await store.persist()
      return c.json(lotDoc(r.lot, store.ledger.today(ws)), r.created ? 201 : 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/lots/batch', tags: ['Lots'], security: bearer,
      summary: 'Register many lots or serials at once, all or none (operator)',
      request: { body: body(LotBatchInput) },
      responses: { 200: json(LotBatchAnswer, 'The lots, in the order given'), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const results = registerLots(store.ledger, ws, actor, c.req.valid('json').lots, true)
      await store.persist()
      const today = store.ledger.today(ws)
      return c.json({ lots: results.map((r) => lotDoc(r.lot, today)), created: results.filter((r) => r.created).length }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/lots/{sku}/{name}', tags: ['Lots'], security: bearer, summary: 'Get a lot (both parts URL-encoded)',
      request: { params: LotParams },
      responses: { 200: json(Lot, 'The lot with its flags and stock'), ...errors(401, 404) },
    }),
    (c) => {
      const { sku, name } = c.req.valid('param')
      const { ws } = c.var.caller
      const lot = findLot(ws, sku, name)
      if (!lot) throw notFound(`lot ${name} of product ${sku}`)
      return c.json(lotDoc(lot, c.var.store.ledger.today(ws)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/lots/{sku}/{name}', tags: ['Lots'], security: bearer,
      summary: 'Edit a lot (operator). A new expiration date shifts the other dates with it.',
      request: { params: LotParams, body: body(LotPatch) },
      responses: { 200: json(Lot, 'The lot after the edit'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { sku, name } = c.req.valid('param')
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const lot = patchLot(store.ledger, ws, actor, sku, name, c.req.valid('json'))
      await store.persist()
      return c.json(lotDoc(lot, store.ledger.today(ws)), 200)
    },
  )
