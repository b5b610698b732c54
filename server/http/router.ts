/** Helpers shared by the route files: a router with our validation hook, and response docs. */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { z } from 'zod'
import { ErrorBody } from '../../shared/schemas/error'
import type { AppEnv } from './context'
import { validationHook } from './errors'

/** A router whose failed validations answer `validation_failed`. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

/** A JSON response for the OpenAPI document. */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

/** A JSON request body. */
export function body<S extends z.ZodType>(schema: S) {
  return { content: { 'application/json': { schema } }, required: true }
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (`validation_failed`, `invalid_json`, `lot_required`)',
  401: 'Missing or invalid token (`unauthorized`)',
  403: 'The token\'s role is not enough (`forbidden`)',
  404: 'Not found, or in another workspace (`not_found`)',
  409: 'Conflicts with the ledger (see the error code)',
}

/** Error responses for the OpenAPI document. */
export function errors(...statuses: Array<400 | 401 | 403 | 404 | 409>) {
  return Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, ERROR_TEXT[s])])) as Record<number, ReturnType<typeof json>>
}

/** Security requirement of the authenticated routes. */
export const bearer = [{ bearer: [] }]
