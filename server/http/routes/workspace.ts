import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { CHANGE_TYPES, ChangesAnswer, isChangeType } from '../../../shared/schemas/changes'
import { Me, NewToken, Token, TokenInput, TokenList } from '../../../shared/schemas/queries'
import { Settings, SettingsPatch } from '../../../shared/schemas/settings'
import { hashSecret, newSecret, newTokenId } from '../../auth/secrets'
import { createToken, revokeToken, tokenDoc } from '../../domain/commands/workspaces'
import { patchSettings } from '../../domain/commands/settings'
import { readChanges } from '../changes'
import { bearer, body, errors, json, newRouter } from '../router'

/** `types` of GET /changes: a comma list of change types. */
const TYPE_LIST = new RegExp(`^(${CHANGE_TYPES.join('|')})(,(${CHANGE_TYPES.join('|')}))*$`)

/** Who am I, settings, the change feed, tokens. */
export const workspaceRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get', path: '/me', tags: ['Workspace'], security: bearer, summary: 'The workspace and role of this token',
      responses: { 200: json(Me, 'The caller'), ...errors(401) },
    }),
    (c) => {
      const { ws, token, role } = c.var.caller
      return c.json({ workspace: { id: ws.id, name: ws.name }, role, token: { id: token.id, name: token.name } }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/settings', tags: ['Workspace'], security: bearer, summary: 'Workspace settings',
      responses: { 200: json(Settings, 'Settings'), ...errors(401) },
    }),
    (c) => c.json(c.var.caller.ws.settings, 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/settings', tags: ['Workspace'], security: bearer, summary: 'Change settings (admin)',
      request: { body: body(SettingsPatch) },
      responses: { 200: json(Settings, 'Settings after the change'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const settings = patchSettings(c.var.store.ledger, ws, actor, c.req.valid('json'))
      await c.var.store.persist()
      return c.json(settings, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/changes', tags: ['Workspace'], security: bearer,
      summary: 'Everything that changed after `since`, in order: how clients stay in sync',
      request: {
        query: z.object({
          since: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(5000).default(500).meta({ description: 'How many changes to look at' }),
          types: z
            .string()
            .regex(TYPE_LIST, `a comma list of ${CHANGE_TYPES.join(', ')}`)
            .optional()
            .meta({ description: 'Only these kinds of change (e.g. product,location,settings); `next` still moves past the others' }),
        }),
      },
      responses: { 200: json(ChangesAnswer, 'Changes and the cursor to continue from'), ...errors(400, 401) },
    }),
    async (c) => {
      const { since, limit, types } = c.req.valid('query')
      return c.json(await readChanges(c.var.store, c.var.caller.ws, since, limit, types?.split(',').filter(isChangeType)), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/tokens', tags: ['Tokens'], security: bearer, summary: 'List tokens (admin)',
      responses: { 200: json(TokenList, 'Tokens, revoked ones included'), ...errors(401, 403) },
    }),
    (c) => c.json({ tokens: [...c.var.caller.ws.tokens.values()].map(tokenDoc) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/tokens', tags: ['Tokens'], security: bearer, summary: 'Create a token (admin); its secret is shown once',
      request: { body: body(TokenInput) },
      responses: { 201: json(NewToken, 'The token and its secret'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const { name, role } = c.req.valid('json')
      const secret = newSecret()
      const token = createToken(c.var.store.ledger, ws, actor, { id: newTokenId(), name, role, hash: hashSecret(secret) })
      await c.var.store.persist()
      return c.json({ token, secret }, 201)
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/tokens/{id}', tags: ['Tokens'], security: bearer, summary: 'Revoke a token (admin)',
      request: { params: z.object({ id: z.string().min(1).max(100) }) },
      responses: { 200: json(Token, 'The revoked token'), ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const token = revokeToken(c.var.store.ledger, ws, actor, c.req.valid('param').id)
      await c.var.store.persist()
      return c.json(token, 200)
    },
  )
