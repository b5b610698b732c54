import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { ClientId, DateOrInstant, Limit, LocationCode, LotName, Reference, Sku } from '../../../shared/schemas/common'
import { OPERATION_TYPES } from '../../../shared/operation-types'
import { OperationInput, OperationResult } from '../../../shared/schemas/operation'
import { MovePage, OperationPage } from '../../../shared/schemas/queries'
import { fullResult, moveDoc } from '../../domain/docs'
import { LedgerError, notFound } from '../../domain/errors'
import { diffFields } from '../../domain/operations/diff'
import { recordOperation } from '../../domain/operations/record'
import { listMoves, listOperations } from '../../domain/queries/lists'
import type { OperationRec } from '../../domain/state'
import type { LedgerStore } from '../../store/ledger-store'
import { bearer, body, errors, json, newRouter } from '../router'
import { toInstant } from './instants'

/** The stored record of an operation (alone, or within a batch): its content hash and what its creation returned. */
async function stored(store: LedgerStore, op: OperationRec): Promise<{ hash: string; result: OperationResult }> {
  const [rec] = await store.records([op.seq])
  const part = rec.type === 'batch' ? rec.data.parts.find((p) => p.type === 'operation.recorded' && p.data.result.operation.id === op.id) : rec
  if (part?.type !== 'operation.recorded') throw new Error(`record ${op.seq} does not hold operation ${op.id}`)
  return { hash: part.data.hash, result: fullResult(part.data.result) }
}

/** Operations (the business documents) and the moves they wrote. */
export const operationRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'post', path: '/operations', tags: ['Operations'], security: bearer,
      summary: 'Record an operation, all lines or none (operator). Same id again: the original answer.',
      request: { body: body(OperationInput) },
      responses: {
        201: json(OperationResult, 'Recorded'),
        200: json(OperationResult, 'This id was recorded before with the same content: the original answer, nothing applied twice'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const store = c.var.store
      const input = c.req.valid('json')
      const outcome = recordOperation(store.ledger, ws, actor, input)
      if (outcome.kind === 'created') {
        await store.persist()
        return c.json(outcome.result, 201)
      }
      const original = await stored(store, outcome.op)
      if (original.hash === outcome.hash) return c.json(original.result, 200)
      const details = diffFields(original.result.operation.request, input)
      throw new LedgerError(
        'exists_with_different_fields',
        `operation ${input.id} was recorded with other content (${details.map((d) => d.path).join(', ')}); use a new id for a new operation`,
        details,
      )
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/operations/{id}', tags: ['Operations'], security: bearer, summary: 'Get an operation with its moves',
      request: { params: z.object({ id: ClientId }) },
      responses: { 200: json(OperationResult, 'The operation as recorded'), ...errors(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const op = c.var.caller.ws.operations.get(id)
      if (!op) throw notFound(`operation ${id}`)
      return c.json((await stored(c.var.store, op)).result, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/operations', tags: ['Operations'], security: bearer, summary: 'List operations (paged)',
      request: {
        query: z.object({ reference: Reference.optional(), type: z.enum(OPERATION_TYPES).optional(), limit: Limit, cursor: z.string().optional() }),
      },
      responses: { 200: json(OperationPage, 'Operations in the order they were recorded'), ...errors(400, 401) },
    }),
    (c) => {
      const { limit, cursor, ...filter } = c.req.valid('query')
      const page = listOperations(c.var.caller.ws, filter, limit, cursor)
      const operations = page.items.map((op) => ({
        id: op.id, type: op.type, reference: op.reference, date: op.date, partner: op.partner,
        correctionOf: op.correctionOf, moveCount: op.moveCount,
      }))
      return c.json({ operations, next: page.next }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/moves', tags: ['Operations'], security: bearer,
      summary: 'Move history (paged). `after` is inclusive, `before` exclusive; a plain date is the start of that day.',
      request: {
        query: z.object({
          product: Sku.optional(), lot: LotName.optional(), location: LocationCode.optional(), reference: Reference.optional(),
          after: DateOrInstant.optional(), before: DateOrInstant.optional(), limit: Limit, cursor: z.string().optional(),
        }),
      },
      responses: { 200: json(MovePage, 'Moves in the order they were recorded'), ...errors(400, 401, 404) },
    }),
    (c) => {
      const { limit, cursor, after, before, ...filter } = c.req.valid('query')
      const { ws } = c.var.caller
      const page = listMoves(ws, { ...filter, after: toInstant(after, ws), before: toInstant(before, ws) }, limit, cursor)
      return c.json({ moves: page.items.map(moveDoc), next: page.next }, 200)
    },
  )
