import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ClientId } from '../../../shared/schemas/common'
import { Recall, RecallClose, RecallInput, RecallList, RecallStatus } from '../../../shared/schemas/recall'
import { closeRecall, openRecall } from '../../domain/commands/recalls'
import { notFound } from '../../domain/errors'
import { listRecalls, recallCase } from '../../domain/queries/recalls'
import { bearer, body, errors, json, newRouter } from '../router'

const RecallParams = z.object({ id: ClientId })

/** Recalls: opening one holds a lot and everything made from it until it is closed. */
export const recallRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post', path: '/recalls', tags: ['Recalls'], security: bearer,
      summary: 'Open a recall of a lot (operator): it and every lot made from it are held until the recall is closed. Same id again: the recall as it stands.',
      description:
        'A held lot cannot be delivered, consumed by production or moved out of internal stock by a transfer (409 `lot_on_hold` naming the recall); ' +
        'returns, scrap and counts stay possible. Lots made later from a held lot are held too.',
      request: { body: body(RecallInput) },
      responses: {
        201: json(Recall, 'Opened: the held lots, the deliveries to notify, the stock to quarantine'),
        200: json(Recall, 'This id was opened before with the same request: the recall as it stands, nothing held twice'),
        ...errors(400, 401, 403, 409),
      },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const { recall, created } = openRecall(store.ledger, ws, actor, c.req.valid('json'))
      if (created) await store.persist()
      return c.json(recallCase(ws, recall), created ? 201 : 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/recalls', tags: ['Recalls'], security: bearer, summary: 'List recalls in the order they were opened',
      request: { query: z.object({ status: RecallStatus.optional() }) },
      responses: { 200: json(RecallList, 'Recalls without their lists'), ...errors(400, 401) },
    }),
    (c) => c.json({ recalls: listRecalls(c.var.caller.ws, c.req.valid('query').status) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/recalls/{id}', tags: ['Recalls'], security: bearer,
      summary: 'A recall with its lots and their progress (on hand, delivered, returned, scrapped), deliveries and stock',
      request: { params: RecallParams },
      responses: { 200: json(Recall, 'The recall as it stands'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { ws } = c.var.caller
      const recall = ws.recalls.get(c.req.valid('param').id)
      if (!recall) throw notFound(`recall ${c.req.valid('param').id}`)
      return c.json(recallCase(ws, recall), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/recalls/{id}/close', tags: ['Recalls'], security: bearer,
      summary: 'Close a recall (operator): its lots are no longer held by it. Closing again with the same reason answers it as it is.',
      request: { params: RecallParams, body: body(RecallClose) },
      responses: { 200: json(Recall, 'The recall, closed'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const recall = closeRecall(store.ledger, ws, actor, c.req.valid('param').id, c.req.valid('json').reason)
      await store.persist()
      return c.json(recallCase(ws, recall), 200)
    },
  )
