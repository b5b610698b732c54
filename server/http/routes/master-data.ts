/**
 * The three routes of a kind of master data (products, locations): list them, get one by its key,
 * create or replace one (admin). Written once; each kind says what differs.
 */
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import type { Actor } from '../../../shared/schemas/common'
import { notFound } from '../../domain/errors'
import type { Ledger } from '../../domain/ledger'
import type { WorkspaceState } from '../../domain/state'
import { bearer, body, errors, json, newRouter } from '../router'

export interface MasterData<R, I extends z.ZodType> {
  /** The collection's path segment and the list answer's field: `products`. */
  collection: string
  /** The URL parameter that names one: `sku`. */
  key: string
  keySchema: z.ZodType<string>
  /** The key as people say it: `SKU`. */
  keyLabel: string
  /** One of them in messages and summaries: `product`. */
  noun: string
  tag: string
  /** A note on the key in the PUT summary (how to encode it). */
  keyNote?: string
  list: z.ZodType
  doc: z.ZodType
  input: I
  /** The workspace's records by key. */
  records(ws: WorkspaceState): ReadonlyMap<string, R>
  toDoc(record: R): unknown
  /** Creates or replaces one; an identical input writes nothing. */
  put(ledger: Ledger, ws: WorkspaceState, by: Actor | null, key: string, input: z.output<I>): { record: R; created: boolean }
}

/** The list, get and put routes of one kind of master data. */
export function masterDataRoutes<R, I extends z.ZodType>(kind: MasterData<R, I>) {
  const params = z.object({ [kind.key]: kind.keySchema })
  // The generic input schema defeats route type inference: the route validates it, the handler takes its output.
  const input: z.ZodType = kind.input
  const one = `/${kind.collection}/{${kind.key}}`
  const keyOf = (valid: Record<string, unknown>) => String(valid[kind.key])
  const sorted = (ws: WorkspaceState) => [...kind.records(ws).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, r]) => kind.toDoc(r))
  return newRouter()
    .openapi(
      createRoute({
        method: 'get', path: `/${kind.collection}`, tags: [kind.tag], security: bearer, summary: `List ${kind.collection}`,
        responses: { 200: json(kind.list, `${kind.tag} by ${kind.keyLabel}`), ...errors(401) },
      }),
      (c) => c.json({ [kind.collection]: sorted(c.var.caller.ws) }, 200),
    )
    .openapi(
      createRoute({
        method: 'get', path: one, tags: [kind.tag], security: bearer, summary: `Get a ${kind.noun}${kind.keyNote ? ` (${kind.keyNote})` : ''}`,
        request: { params },
        responses: { 200: json(kind.doc, `The ${kind.noun}`), ...errors(401, 404) },
      }),
      (c) => {
        const key = keyOf(c.req.valid('param'))
        const record = kind.records(c.var.caller.ws).get(key)
        if (record === undefined) throw notFound(`${kind.noun} ${key}`)
        return c.json(kind.toDoc(record), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'put', path: one, tags: [kind.tag], security: bearer,
        summary: `Create or replace a ${kind.noun} (admin${kind.keyNote ? `; ${kind.keyNote}` : ''})`,
        request: { params, body: body(input) },
        responses: { 200: json(kind.doc, 'Replaced (or unchanged)'), 201: json(kind.doc, 'Created'), ...errors(400, 401, 403, 409) },
      }),
      async (c) => {
        const { ws, actor } = c.var.caller
        const { record, created } = kind.put(c.var.store.ledger, ws, actor, keyOf(c.req.valid('param')), c.req.valid('json') as z.output<I>)
        await c.var.store.persist()
        return c.json(kind.toDoc(record), created ? 201 : 200)
      },
    )
}
