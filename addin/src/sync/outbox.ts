/**
 * The outbox: every write is stored before it is sent, under its client id, and leaves the
 * store only once the server has it. When the server cannot be reached, or refuses the token,
 * the write waits and is replayed later (the id makes a replay apply at most once). When the
 * server refuses the write itself while the user is still on its form, the form shows why and
 * the write leaves the outbox (the form keeps its data); refused later, on a replay, it stays
 * listed with the reason and its data until the user fixes or discards it. Nothing typed is lost.
 */
import type { ErrorDetail } from '../../../shared/schemas/error'
import { ApiError, isTransient, type ApiErrorCode } from '../api/errors'
import type { SendResult, WriteBody } from '../api/types'
import type { KeyValueStore } from '../platform/store'

/** A write as the user made it: its client id and how the queue names it. */
export type NewWrite = WriteBody & {
  /** The client id: the operation's id, or the id of a lot registration. */
  id: string
  /** What the user would call it: "Receipt PO-1042, 3 lines". */
  label: string
}

export type QueuedWrite = NewWrite & {
  createdAt: string
  /** Position in the outbox: writes are sent in this order. */
  order: number
  state: 'pending' | 'rejected'
  attempts: number
  lastTriedAt: string | null
  error: { status: number; code: ApiErrorCode; message: string; details: ErrorDetail[] } | null
}

/** Why a write waits: the server is out of reach, it refused the token, or older writes go first. */
export type WaitCause = 'offline' | 'token' | 'behind'

export type Outcome =
  | { state: 'sent'; result: SendResult }
  | { state: 'queued'; cause: WaitCause; reason: string }
  | { state: 'rejected'; error: ApiError }

export interface SubmitOptions {
  /**
   * Asked when the server refuses the write: true when the user is still on the form that made
   * it (the form shows the refusal and keeps the data), so the write leaves the outbox.
   */
  refusalShownOnForm?: () => boolean
}

const PREFIX = 'outbox:'

export class Outbox {
  readonly #store: KeyValueStore
  readonly #send: (w: WriteBody) => Promise<SendResult>
  readonly #listeners = new Set<() => void>()
  /** One send at a time, in order: a delivery must not overtake the receipt it ships from. */
  #chain: Promise<unknown> = Promise.resolve()

  constructor(store: KeyValueStore, send: (w: WriteBody) => Promise<SendResult>) {
    this.#store = store
    this.#send = send
  }

  /** Writes waiting or refused, oldest first. */
  list(): QueuedWrite[] {
    return this.#store
      .keys()
      .filter((k) => k.startsWith(PREFIX))
      .map((k) => this.#store.get<QueuedWrite>(k)!)
      .filter(Boolean)
      .sort((a, b) => a.order - b.order)
  }

  get(id: string): QueuedWrite | null {
    return this.#store.get<QueuedWrite>(PREFIX + id)
  }

  /** Calls `listener` whenever the outbox changes. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #save(w: QueuedWrite): void {
    this.#store.set(PREFIX + w.id, w)
    this.#changed()
  }

  #changed(): void {
    for (const l of this.#listeners) l()
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task)
    this.#chain = run.catch(() => {})
    return run
  }

  /**
   * Stores the write (replacing an earlier version with the same id, e.g. a fix of a refused
   * one), then sends it unless older writes are still waiting (then it waits behind them).
   */
  submit(w: NewWrite, options: SubmitOptions = {}): Promise<Outcome> {
    const earlier = this.get(w.id)
    const order = earlier?.order ?? this.list().reduce((max, q) => Math.max(max, q.order), 0) + 1
    const entry: QueuedWrite = {
      ...w, createdAt: earlier?.createdAt ?? new Date().toISOString(), order, state: 'pending', attempts: earlier?.attempts ?? 0,
      lastTriedAt: earlier?.lastTriedAt ?? null, error: null,
    }
    this.#save(entry)
    return this.#serial(async () => {
      const waiting = this.list().some((q) => q.state === 'pending' && q.order < entry.order)
      if (waiting) return { state: 'queued', cause: 'behind', reason: 'older writes are waiting to be sent' }
      return this.#attempt(entry, options.refusalShownOnForm)
    })
  }

  async #attempt(entry: QueuedWrite, refusalShownOnForm?: () => boolean): Promise<Outcome> {
    entry.attempts += 1
    entry.lastTriedAt = new Date().toISOString()
    try {
      const result = await this.#send(entry)
      this.#store.remove(PREFIX + entry.id)
      this.#changed()
      return { state: 'sent', result }
    } catch (err) {
      // A revoked or mistyped token says nothing about the write: it waits for a new token.
      if (err instanceof ApiError && err.status === 401) {
        this.#save(entry)
        return { state: 'queued', cause: 'token', reason: 'the server refused the token' }
      }
      if (isTransient(err) || !(err instanceof ApiError)) {
        this.#save(entry)
        return { state: 'queued', cause: 'offline', reason: (err as Error).message }
      }
      if (refusalShownOnForm?.()) {
        this.#store.remove(PREFIX + entry.id)
        this.#changed()
        return { state: 'rejected', error: err }
      }
      entry.state = 'rejected'
      entry.error = { status: err.status, code: err.code, message: err.message, details: err.details }
      this.#save(entry)
      return { state: 'rejected', error: err }
    }
  }

  /**
   * Sends the waiting writes, oldest first. Stops at the first one that cannot reach the
   * server (or whose token is refused); a refused one is marked and the next goes on.
   */
  replay(onProgress?: (done: number, total: number) => void): Promise<{ sent: number; rejected: number; left: number }> {
    return this.#serial(async () => {
      const pending = this.list().filter((w) => w.state === 'pending')
      let sent = 0
      let rejected = 0
      for (const [i, w] of pending.entries()) {
        const outcome = await this.#attempt(w)
        if (outcome.state === 'queued') break
        if (outcome.state === 'sent') sent++
        else rejected++
        onProgress?.(i + 1, pending.length)
      }
      return { sent, rejected, left: this.list().filter((w) => w.state === 'pending').length }
    })
  }

  /** Drops a write for good (the user chose to). */
  discard(id: string): void {
    this.#store.remove(PREFIX + id)
    this.#changed()
  }
}
