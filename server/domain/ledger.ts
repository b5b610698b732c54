/**
 * The ledger: the in-memory state plus the records accepted since the journal last took them.
 * Commands validate against the state and `commit` a record; `commit` applies it at once so the
 * next command sees it. The store drains the records to disk (see `server/store`).
 */
import { dateInZone, type IsoDate } from '../../shared/dates'
import type { Actor } from '../../shared/schemas/common'
import { applyPart, applyRecord, recordChange } from './apply'
import { LedgerError, notFound } from './errors'
import { isDataRecord, type BatchPart, type DataRecord, type JournalRecord, type NewRecord } from './records'
import { emptyLedgerState, type LedgerState, type WorkspaceState } from './state'
import { UndoLog } from './undo'

/** A batch being tried: its journal position, and the parts applied so far with their inverses. */
interface Trial {
  seq: number
  at: string
  parts: BatchPart[]
  undo: UndoLog
}

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
  #trial: Trial | null = null
  /**
   * Set while this ledger only follows a journal that another server writes (or is being
   * rebuilt): every commit throws it, so that the state never runs ahead of that journal.
   */
  refuseWrites: LedgerError | null = null

  constructor(clock: Clock = systemClock, state: LedgerState = emptyLedgerState()) {
    this.clock = clock
    this.state = state
  }

  /**
   * Numbers, stamps and applies a record, and queues it for the journal. Inside `atomically`
   * the record becomes a part of the batch instead: applied now, written with the others.
   */
  commit<R extends NewRecord>(rec: R, at: string = this.clock.now().toISOString()): R & { seq: number; at: string } {
    if (this.#broken) throw new LedgerError('internal', 'the ledger stopped after an internal error; restart the server')
    if (this.refuseWrites) throw this.refuseWrites
    const trial = this.#trial
    const full = { ...rec, seq: trial ? trial.seq : this.state.seq + 1, at: trial ? trial.at : at } as unknown as JournalRecord
    if (trial && !isDataRecord(full)) throw new Error(`${full.type} cannot be part of a batch`)
    try {
      if (trial) {
        applyPart(this.state, full as DataRecord, trial.undo)
        trial.parts.push(rec as unknown as BatchPart)
        return full as unknown as R & { seq: number; at: string }
      }
      applyRecord(this.state, full)
    } catch (err) {
      // A record that passed validation must apply. If it does not, memory may be half-changed:
      // stop accepting writes so that the journal (which never saw it) stays the truth.
      this.#broken = err as Error
      throw new LedgerError('internal', `internal error while applying a write: ${(err as Error).message}`, undefined, { cause: err })
    }
    this.#pending.push(full)
    return full as unknown as R & { seq: number; at: string }
  }

  /**
   * Runs `work` so that everything it commits is applied together or not at all, as one journal
   * record. The changes are visible to `work` itself as it goes (a delivery can ship what the
   * batch received); they are undone when `work` throws or `keep` says no (a dry run, or
   * problems found), and kept as one batch record otherwise.
   */
  atomically<T>(ws: string, by: Actor | null, label: string, work: () => T, keep: (result: T) => boolean): T {
    if (this.#trial) throw new Error('batches do not nest')
    const trial: Trial = { seq: this.state.seq + 1, at: this.clock.now().toISOString(), parts: [], undo: new UndoLog() }
    this.#trial = trial
    let result: T
    try {
      result = work()
    } catch (err) {
      this.#trial = null
      trial.undo.undo()
      throw err
    }
    this.#trial = null
    if (!keep(result) || trial.parts.length === 0) {
      trial.undo.undo()
      return result
    }
    const rec = { seq: trial.seq, at: trial.at, by, ws, type: 'batch' as const, data: { label, parts: trial.parts } }
    this.state.seq = trial.seq
    recordChange(this.state, trial.seq, trial.parts.map((p) => p.ws))
    this.#pending.push(rec)
    return result
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
