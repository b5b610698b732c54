/** What every request handler can reach through `c.var`. */
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
  Variables: {
    store: LedgerStore
    caller: Caller
  }
}
