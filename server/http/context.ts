/** What every request handler can reach through `c.var`. */
import type { HttpBindings } from '@hono/node-server'
import type { Actor, Role } from '../../shared/schemas/common'
import type { TokenRec, WorkspaceState } from '../domain/state'
import type { LedgerStore } from '../store/ledger-store'

/** The caller, as its bearer token says. */
export interface Caller {
  ws: WorkspaceState
  token: TokenRec
  role: Role
  actor: Actor
}

export type AppEnv = {
  /** Node's own request and answer, under a node server (absent when a test calls the app directly). */
  Bindings: Partial<HttpBindings>
  Variables: {
    store: LedgerStore
    caller: Caller
  }
}
