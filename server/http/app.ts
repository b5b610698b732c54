/** The HTTP application: `/api/v1` on a ledger store. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { LedgerStore } from '../store/ledger-store'
import { authenticate } from './auth'
import type { AppEnv } from './context'
import { errorBody, handleError, validationHook } from './errors'
import { json } from './router'
import { lotRoutes } from './routes/lots'
import { operationRoutes } from './routes/operations'
import { productRoutes } from './routes/products'
import { stockRoutes } from './routes/stock'
import { workspaceRoutes } from './routes/workspace'

/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024

export interface AppOptions {
  version?: string
  log?: (message: string) => void
}

const PUBLIC = new Set(['/api/v1/health', '/api/v1/openapi.json'])

export function createApp(store: LedgerStore, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const version = options.version ?? '0.0.0'
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.onError((err, c) => handleError(err, c, options.log))
  app.notFound((c) => c.json(errorBody('not_found', `no such endpoint: ${c.req.method} ${c.req.path}`), 404))
  app.use('*', async (c, next) => {
    c.set('store', store)
    await next()
  })
  app.use(
    '/api/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `request body over ${MAX_BODY_BYTES / 1024 / 1024} MB`), 413),
    }),
  )
  app.use('/api/v1/*', async (c, next) => (PUBLIC.has(c.req.path) ? next() : authenticate()(c, next)))

  app.openapi(
    createRoute({
      method: 'get', path: '/api/v1/health', tags: ['Meta'], summary: 'Liveness (no token needed)',
      responses: { 200: json(z.object({ status: z.literal('ok'), version: z.string(), records: z.number() }), 'Up') },
    }),
    (c) => c.json({ status: 'ok' as const, version, records: store.journal.durableSeq }, 200),
  )
  for (const routes of [productRoutes, lotRoutes, operationRoutes, stockRoutes, workspaceRoutes]) app.route('/api/v1', routes)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http', scheme: 'bearer', description: 'A workspace token (`ll_...`), made by `npm run admin` or POST /tokens',
  })
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'lotledger API', version,
      description: 'Lot and serial-number traceability ledger. Errors answer `{"error": {"code", "message", "details"}}`.',
    },
  })
  return app
}
