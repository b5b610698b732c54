/** The HTTP application: `/api/v1` on a ledger store, and the Excel add-in (pane and manifest) beside it. */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { z } from 'zod'
import { processHeap, type HeapWatch } from '../memory/heap-watch'
import type { LedgerStore } from '../store/ledger-store'
import { templateRoutes } from '../templates/routes'
import { authenticate } from './auth'
import { bodyLimit } from './body-limit'
import type { AppEnv } from './context'
import { errorBody, handleError, validationHook } from './errors'
import { manifestRoute } from './manifest'
import { memoryGuard } from './memory-guard'
import { replicaRouting, seqHeader } from './replica'
import { json } from './router'
import { exportRoutes } from './routes/exports'
import { gs1Routes } from './routes/gs1'
import { importRoutes } from './routes/imports'
import { lotRoutes } from './routes/lots'
import { operationRoutes } from './routes/operations'
import { productRoutes } from './routes/products'
import { recallRoutes } from './routes/recalls'
import { stockRoutes } from './routes/stock'
import { workspaceRoutes } from './routes/workspace'
import { addinRoutes } from './static'

/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024
/** Largest workbook or sheet an import takes. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

/** Options of {@link createApp}. */
export interface AppOptions {
  version?: string
  log?: (message: string) => void
  /**
   * The origin Office reaches this server at, written into `/manifest.xml`: a string, or a
   * function when it is known only once the server listens. Default: the request's own origin.
   */
  publicUrl?: string | (() => string)
  /** The built task pane (default `dist/addin` at the repository root). */
  addinDir?: string
  /** The manifest template (default `manifest.xml` at the repository root). */
  manifestFile?: string
  /** The heap whose fullness health reports and writes are refused by (default: this process's). */
  heap?: HeapWatch
}

const PUBLIC = new Set(['/api/v1/health', '/api/v1/openapi.json'])

/** What GET /health says: for a load balancer and an operator, who writes and how far each server has come. */
const Health = z.object({
  version: z.string(),
  /** Journal records durable on this server. */
  records: z.number(),
  store: z.enum(['file', 'memory', 'postgres']),
  role: z.enum(['writer', 'follower']),
  /** The last journal position this server has applied. */
  seq: z.number(),
  /** The live heap after the last full collection: `high` warns, `full` refuses writes (507 memory_full). */
  memory: z.object({ level: z.enum(['ok', 'high', 'full']), heapUsedMb: z.number(), heapLimitMb: z.number() }),
})

/** The whole HTTP application on `store`: the API under `/api/v1`, the task pane, `/manifest.xml`. */
export function createApp(store: LedgerStore, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const version = options.version ?? '0.0.0'
  const heap = options.heap ?? processHeap()
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.onError((err, c) => handleError(err, c, options.log))
  app.notFound((c) => c.json(errorBody('not_found', `no such endpoint: ${c.req.method} ${c.req.path}`), 404))
  app.use('*', async (c, next) => {
    c.set('store', store)
    await next()
  })
  app.use('/api/v1/*', seqHeader(store))
  // Before the body limits: a follower passes writes on (reading at most an upload's limit), the writer applies them.
  app.use('/api/v1/*', replicaRouting(store, PUBLIC, MAX_IMPORT_BYTES))
  const limit = (maxSize: number) =>
    bodyLimit(maxSize, (c) => c.json(errorBody('payload_too_large', `request body over ${maxSize / 1024 / 1024} MB`), 413))
  // Workbooks to import may be larger than any JSON write.
  const [jsonLimit, importLimit] = [limit(MAX_BODY_BYTES), limit(MAX_IMPORT_BYTES)]
  app.use('/api/v1/*', async (c, next) => (c.req.path === '/api/v1/imports' ? importLimit(c, next) : jsonLimit(c, next)))
  app.use('/api/v1/*', async (c, next) => (PUBLIC.has(c.req.path) ? next() : authenticate()(c, next)))
  // After authentication (a stranger learns nothing of the server), before the body is read.
  app.use('/api/v1/*', memoryGuard(heap))

  app.openapi(
    createRoute({
      method: 'get', path: '/api/v1/health', tags: ['Meta'], summary: 'Liveness (no token needed)',
      responses: {
        200: json(Health.extend({ status: z.literal('ok') }), 'Up'),
        503: json(Health.extend({ status: z.literal('unavailable') }), 'Rebuilding its state from the database: send nothing here for now'),
      },
    }),
    (c) => {
      const replica = store.replica
      const body = {
        version, records: store.journal.durableSeq, store: store.kind, role: replica?.role ?? ('writer' as const), seq: store.seq,
        memory: heap.status(),
      }
      return replica && !replica.ready ? c.json({ status: 'unavailable' as const, ...body }, 503) : c.json({ status: 'ok' as const, ...body }, 200)
    },
  )
  for (const routes of [productRoutes, importRoutes, lotRoutes, operationRoutes, stockRoutes, recallRoutes, workspaceRoutes, templateRoutes, gs1Routes]) {
    app.route('/api/v1', routes)
  }
  app.route('/api/v1', exportRoutes(options.log))

  // The task pane and its manifest, on the API's origin: the pane calls the API same-origin, so
  // there is deliberately no CORS middleware anywhere.
  app.route('/', addinRoutes(options.addinDir))
  app.route('/', manifestRoute({ publicUrl: options.publicUrl, file: options.manifestFile }))

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
