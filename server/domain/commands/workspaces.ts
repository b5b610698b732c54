/** Workspaces and their access tokens. Secrets never reach the ledger: only their hashes. */
import type { z } from 'zod'
import type { Actor, Role } from '../../../shared/schemas/common'
import { TokenName, WorkspaceName } from '../../../shared/schemas/queries'
import { LedgerError, invalid, notFound } from '../errors'
import type { Ledger } from '../ledger'
import type { TokenRec, WorkspaceState } from '../state'

/** A token as shown to admins (never its secret or hash). */
export interface TokenDoc {
  id: string
  name: string
  role: Role
  createdAt: string
  createdBy: Actor | null
  revokedAt: string | null
}

export function tokenDoc(t: TokenRec): TokenDoc {
  return { id: t.id, name: t.name, role: t.role, createdAt: t.createdAt, createdBy: t.createdBy, revokedAt: t.revokedAt }
}

const WORKSPACE_ID = /^[a-z0-9][a-z0-9-]{0,39}$/

/**
 * `value` as `schema` reads it (trimmed), or a 400 naming `path`. Checked here as well as on the
 * wire, so that no path in (HTTP, admin socket, first start) keeps a name with control characters.
 */
function checked(schema: z.ZodType<string>, value: string, path: string): string {
  const r = schema.safeParse(value)
  if (!r.success) throw invalid(path, r.error.issues[0]?.message ?? 'invalid')
  return r.data
}

/** Creates a workspace with the built-in locations. */
export function createWorkspace(ledger: Ledger, id: string, name: string = id): WorkspaceState {
  if (!WORKSPACE_ID.test(id)) {
    throw new LedgerError('validation_failed', 'workspace id: lowercase letters, digits and - only, at most 40', [
      { path: 'id', message: 'lowercase letters, digits and - only, at most 40' },
    ])
  }
  const checkedName = checked(WorkspaceName, name, 'name')
  if (ledger.state.workspaces.has(id)) throw new LedgerError('already_exists', `workspace ${id} already exists`)
  ledger.commit({ type: 'workspace.created', ws: id, by: null, data: { name: checkedName } })
  return ledger.workspace(id)
}

/** Records a new token (its secret is made and hashed by the caller). */
export function createToken(
  ledger: Ledger, ws: WorkspaceState, by: Actor | null, t: { id: string; name: string; role: Role; hash: string },
): TokenDoc {
  const name = checked(TokenName, t.name, 'name')
  if (ledger.state.tokensByHash.has(t.hash)) throw new LedgerError('already_exists', 'token already exists')
  ledger.commit({ type: 'token.created', ws: ws.id, by, data: { ...t, name } })
  return tokenDoc(ws.tokens.get(t.id)!)
}

/** Revokes a token of this workspace; revoking twice answers the same. */
export function revokeToken(ledger: Ledger, ws: WorkspaceState, by: Actor | null, id: string): TokenDoc {
  const token = ws.tokens.get(id)
  if (!token) throw notFound(`token ${id}`)
  if (token.revokedAt === null) ledger.commit({ type: 'token.revoked', ws: ws.id, by, data: { id } })
  return tokenDoc(token)
}

/** The live token with this hash, if any. */
export function tokenByHash(ledger: Ledger, hash: string): TokenRec | undefined {
  return ledger.state.tokensByHash.get(hash)
}
