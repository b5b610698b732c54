/**
 * The admin channel of a running server: HTTP on a Unix socket inside the data directory, so
 * only users who can reach the data directory can use it. `npm run admin` talks to it while a
 * server runs, and opens the data directory itself otherwise.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import { TokenInput, WorkspaceName } from '../../shared/schemas/queries'
import { revokeToken, tokenDoc } from '../domain/commands/workspaces'
import { LedgerError } from '../domain/errors'
import { errorBody, fromZodError, handleError } from '../http/errors'
import type { LedgerStore } from '../store/ledger-store'
import { backupTo } from './backup'
import { createWorkspaceWithAdmin, issueToken } from './bootstrap'

/** File name of the admin socket in the data directory. */
export const CONTROL_SOCKET = 'admin.sock'

async function parse<S extends z.ZodType>(schema: S, req: Request): Promise<z.infer<S>> {
  const r = schema.safeParse(await req.json().catch(() => ({})))
  if (!r.success) throw fromZodError(r.error, 'json')
  return r.data
}

/** The admin commands, as a small HTTP app. */
export function controlApp(store: LedgerStore): Hono {
  const app = new Hono()
  app.onError((err, c) => handleError(err, c))
  app.notFound((c) => c.json(errorBody('not_found', 'no such admin command'), 404))
  app.get('/workspaces', (c) =>
    c.json({
      workspaces: [...store.ledger.state.workspaces.values()].map((w) => ({
        id: w.id, name: w.name, createdAt: w.createdAt, tokens: [...w.tokens.values()].filter((t) => !t.revokedAt).length,
      })),
    }),
  )
  app.post('/workspaces', async (c) => {
    const { id, name } = await parse(z.object({ id: z.string(), name: WorkspaceName.optional() }), c.req.raw)
    return c.json(await createWorkspaceWithAdmin(store, id, name ?? id), 201)
  })
  app.get('/workspaces/:ws/tokens', (c) => c.json({ tokens: [...store.ledger.workspace(c.req.param('ws')).tokens.values()].map(tokenDoc) }))
  app.post('/workspaces/:ws/tokens', async (c) => {
    const { name, role } = await parse(TokenInput, c.req.raw)
    return c.json(await issueToken(store, c.req.param('ws'), name, role), 201)
  })
  app.delete('/workspaces/:ws/tokens/:id', async (c) => {
    const token = revokeToken(store.ledger, store.ledger.workspace(c.req.param('ws')), null, c.req.param('id'))
    await store.persist()
    return c.json(token)
  })
  app.post('/backup', async (c) => {
    const { dest } = await parse(z.object({ dest: z.string().min(1) }), c.req.raw)
    try {
      return c.json(await backupTo(store, dest), 201)
    } catch (err) {
      throw new LedgerError('validation_failed', (err as Error).message, undefined, { cause: err })
    }
  })
  return app
}
