/** Bearer-token authentication and the role each request needs. */
import type { MiddlewareHandler } from 'hono'
import type { Role } from '../../shared/schemas/common'
import { hashSecret } from '../auth/secrets'
import { tokenByHash } from '../domain/commands/workspaces'
import { LedgerError } from '../domain/errors'
import type { AppEnv } from './context'

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 }

/**
 * The role a request needs: viewers read (and have scans read); operators also write lots and
 * operations and open and close recalls; admins also products, locations, settings and tokens
 * (tokens are admin-only, even to read).
 */
export function requiredRole(method: string, path: string): Role {
  const resource = path.replace(/^\/api\/v1\//, '').split('/')[0]
  if (resource === 'tokens') return 'admin'
  // Reading a scan changes nothing: a POST only because the data can be long.
  if (method === 'GET' || method === 'HEAD' || resource === 'gs1') return 'viewer'
  // Imports of products and locations need admin too: the route checks the kind.
  if (resource === 'lots' || resource === 'operations' || resource === 'imports' || resource === 'recalls') return 'operator'
  return 'admin'
}

/** Resolves the caller from `Authorization: Bearer <token>` and enforces `requiredRole`. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    // RFC 6750: the scheme, spaces, the token. Not any Unicode space (\s would take a no-break space).
    const match = /^Bearer +(\S+) *$/i.exec(header)
    if (!match) throw new LedgerError('unauthorized', 'send a token as Authorization: Bearer <token>')
    const token = tokenByHash(c.var.store.ledger, hashSecret(match[1]))
    if (!token) throw new LedgerError('unauthorized', 'the token is not valid (unknown or revoked)')
    const needed = requiredRole(c.req.method, c.req.path)
    if (RANK[token.role] < RANK[needed]) {
      throw new LedgerError('forbidden', `a ${token.role} token cannot do this; it needs the ${needed} role`)
    }
    const ws = c.var.store.ledger.workspace(token.workspace)
    c.set('caller', { ws, token, role: token.role, actor: { token: token.id, name: token.name } })
    await next()
  }
}
