/**
 * The ledger: the in-memory state plus the records accepted since the journal last took them.
 * Commands validate against the state and `commit` a record; `commit` applies it at once so the
 * next command sees it. The store drains the records to disk (see `server/store`).
 */
import { dateInZone, type IsoDate } from '../../shared/dates'
import { applyRecord } from './apply'
import { LedgerError, notFound } from './errors'
import type { JournalRecord, NewRecord } from './records'
import { emptyLedgerState, type LedgerState, type WorkspaceState } from './state'

/** Where the ledger reads the time; tests pass a fixed one. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export class Ledger {
  readonly state: LedgerState
  readonly clock: Clock
  #pending: JournalRecord[] = []
  #broken: Error | null = null

  constructor(clock: Clock = systemClock, state: LedgerState = emptyLedgerState()) {
    this.clock = clock
    this.state = state
  }

  /** Numbers, stamps and applies a record, and queues it for the journal. */
  commit<R extends NewRecord>(rec: R, at: string = this.clock.now().toISOString()): R & { seq: number; at: string } {
    if (this.#broken) throw new LedgerError('internal', 'the ledger stopped after an internal error; restart the server')
    const full = { ...rec, seq: this.state.seq + 1, at } as unknown as JournalRecord
    try {
      applyRecord(this.state, full)
    } catch (err) {
      // A record that passed validation must apply. If it does not, memory may be half-changed:
      // stop accepting writes so that the journal (which never saw it) stays the truth.
      this.#broken = err as Error
      throw new LedgerError('internal', `internal error while applying a write: ${(err as Error).message}`)
    }
    this.#pending.push(full)
    return full as unknown as R & { seq: number; at: string }
  }

  /** Records committed since the last call, in order (the journal adapter takes them). */
  drainRecords(): JournalRecord[] {
    const pending = this.#pending
    this.#pending = []
    return pending
  }

  /** Applies a record read back from the journal. */
  replay(rec: JournalRecord): void {
    applyRecord(this.state, rec)
  }

  /** True after an internal error: the process should restart from the journal. */
  get broken(): Error | null {
    return this.#broken
  }

  /** The workspace with this id, or a 404. */
  workspace(id: string): WorkspaceState {
    const ws = this.state.workspaces.get(id)
    if (!ws) throw notFound(`workspace ${id}`)
    return ws
  }

  /** Today's date in the workspace's time zone. */
  today(ws: WorkspaceState): IsoDate {
    return dateInZone(this.clock.now(), ws.settings.timeZone)
  }
}
