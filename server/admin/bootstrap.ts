/** Creating workspaces with their first admin token: used at first start and by the admin command. */
import type { Role } from '../../shared/schemas/common'
import { hashSecret, newSecret, newTokenId } from '../auth/secrets'
import { createToken, createWorkspace, type TokenDoc } from '../domain/commands/workspaces'
import type { LedgerStore } from '../store/ledger-store'

export interface IssuedToken {
  workspace: string
  token: TokenDoc
  /** The bearer secret: shown once, stored only hashed. */
  secret: string
}

/** Creates a token in a workspace; `secret` lets automation choose it (e.g. LOTLEDGER_ADMIN_TOKEN). */
export async function issueToken(store: LedgerStore, workspace: string, name: string, role: Role, secret = newSecret()): Promise<IssuedToken> {
  const ws = store.ledger.workspace(workspace)
  const token = createToken(store.ledger, ws, null, { id: newTokenId(), name, role, hash: hashSecret(secret) })
  await store.persist()
  return { workspace, token, secret }
}

/** Creates a workspace and its first admin token. */
export async function createWorkspaceWithAdmin(store: LedgerStore, id: string, name = id, secret?: string): Promise<IssuedToken> {
  createWorkspace(store.ledger, id, name)
  return issueToken(store, id, 'admin', 'admin', secret)
}
