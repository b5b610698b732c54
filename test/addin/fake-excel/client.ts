/**
 * The request machinery, strict like Office.js: calls are queued and run in order at
 * `context.sync()`; a property can be read only after `load()` and a sync; each sync's request
 * and response sizes are measured against Excel on the web's limits.
 */
import { ErrorCodes, fail, notLoaded } from './errors'
import type { ApplicationProxy, WorkbookProxy } from './book'
import type { WorkbookState } from './state'

/** Bytes a queued call adds to a request besides its arguments (action and object path JSON). */
export const CALL_BYTES = 120
/** Excel on the web's request and response limit. */
export const DEFAULT_PAYLOAD_LIMIT = 5 * 1024 * 1024

export interface SyncRecord {
  /** Request size: per-call overhead plus arguments (values and formats as JSON). */
  requestBytes: number
  /** Response size: loaded properties as JSON. */
  responseBytes: number
  calls: number
  /** Error code when the sync failed. */
  error?: string
}

export interface FakeStats {
  runs: number
  syncs: number
  requests: SyncRecord[]
  calcSuspensions: number
}

export interface Host {
  state: WorkbookState
  limits: { request: number; response: number }
  stats: FakeStats
}

export const jsonLength = (v: unknown): number => (v === undefined ? 0 : JSON.stringify(v).length)

interface Call {
  bytes: number
  /** Runs at sync time; returns response bytes. */
  run(): number | void
  /** Runs after the whole sync succeeded (loads become readable). */
  commit?(): void
}

export class FakeRequestContext {
  private calls: Call[] = []
  readonly workbook: WorkbookProxy
  constructor(readonly host: Host, makeWorkbook: (ctx: FakeRequestContext) => WorkbookProxy) {
    this.workbook = makeWorkbook(this)
  }

  get application(): ApplicationProxy {
    return this.workbook.application
  }

  /** Calls queued since the last sync. */
  get pending(): number {
    return this.calls.length
  }

  enqueue(call: Call): void {
    this.calls.push(call)
  }

  async sync(): Promise<void> {
    const calls = this.calls.splice(0)
    const record: SyncRecord = { requestBytes: calls.reduce((n, c) => n + c.bytes, CALL_BYTES), responseBytes: 0, calls: calls.length }
    this.host.stats.syncs++
    this.host.stats.requests.push(record)
    await Promise.resolve()
    try {
      if (record.requestBytes > this.host.limits.request) {
        throw fail(ErrorCodes.requestPayloadSizeLimitExceeded, `The request payload size (${record.requestBytes} bytes) has exceeded the limit.`)
      }
      for (const call of calls) record.responseBytes += call.run() || 0
      if (record.responseBytes > this.host.limits.response) {
        throw fail(ErrorCodes.responsePayloadSizeLimitExceeded, `The response payload size (${record.responseBytes} bytes) has exceeded the limit.`)
      }
    } catch (e) {
      record.error = (e as { code?: string }).code ?? 'GeneralException'
      throw e
    }
    for (const call of calls) call.commit?.()
  }
}

/** How a proxy finds its object: set by the call that created it, or derived from its parent. */
export interface Link<T> {
  resolve(): T | null | undefined
  ready(): boolean
}

export type LoadArg = string | string[] | { select?: string | string[] } | Record<string, unknown> | undefined

/** Property names from any form `load()` accepts ("a, b", ["a"], { select }, { a: true }). */
export function loadNames(arg: LoadArg, all: string[]): string[] {
  if (arg === undefined) return all
  let list: string[]
  if (typeof arg === 'string') list = arg.split(',')
  else if (Array.isArray(arg)) list = arg
  else if (typeof arg.select === 'string') list = arg.select.split(',')
  else if (Array.isArray(arg.select)) list = arg.select
  else list = Object.keys(arg).filter((k) => (arg as Record<string, unknown>)[k])
  return list.map((s) => s.trim()).filter(Boolean)
}

/** Base of every fake Office object: `load`, strict reads, queued writes and calls. */
export abstract class ClientObject<T> {
  private _value: T | null | undefined = undefined
  private _ready = false
  private readonly _loaded = new Map<string, unknown>()
  constructor(readonly context: FakeRequestContext, private readonly _link?: Link<T>) {}

  /** Readable properties and how to read them from the state. */
  protected abstract _props(): Record<string, (t: T) => unknown>

  /** The object, while a sync runs. */
  _target(): T {
    const v = this._link ? this._link.resolve() : this._value
    if (v === undefined) throw fail(ErrorCodes.invalidObjectPath, `${this.constructor.name} was created in a batch that did not run`)
    if (v === null) throw fail(ErrorCodes.itemNotFound, `${this.constructor.name} is a null object`)
    return v
  }

  private _resolved(): T | null {
    const v = this._link ? this._link.resolve() : this._value
    if (v === undefined) throw fail(ErrorCodes.invalidObjectPath, `${this.constructor.name} was created in a batch that did not run`)
    return v
  }

  /** Marks the proxy as the object `value` (for collection items). */
  _adopt(value: T, loaded: Map<string, unknown>): this {
    this._value = value
    this._ready = true
    for (const [k, v] of loaded) this._loaded.set(k, v)
    return this
  }

  get isNullObject(): boolean {
    const ready = this._link ? this._link.ready() : this._ready
    if (!ready) throw notLoaded('isNullObject')
    return this._resolved() === null
  }

  load(arg?: LoadArg): this {
    const props = this._props()
    const names = loadNames(arg, Object.keys(props))
    for (const n of names) if (!props[n]) throw fail(ErrorCodes.invalidArgument, `${this.constructor.name} has no loadable property '${n}'`)
    const snapshot = new Map<string, unknown>()
    this.context.enqueue({
      bytes: CALL_BYTES + jsonLength(names),
      run: () => {
        const t = this._resolved()
        let bytes = 0
        for (const n of names) {
          const v = t === null ? null : props[n](t)
          snapshot.set(n, v)
          bytes += n.length + jsonLength(v)
        }
        return bytes
      },
      commit: () => {
        for (const [k, v] of snapshot) this._loaded.set(k, v)
      },
    })
    return this
  }

  /** A loaded property; throws PropertyNotLoaded otherwise. */
  protected _get<V = unknown>(name: string): V {
    if (!this._loaded.has(name)) throw notLoaded(name)
    return this._loaded.get(name) as V
  }

  /** Queues a property write. */
  protected _set(name: string, value: unknown, apply: (t: T, value: never) => void): void {
    this.context.enqueue({ bytes: CALL_BYTES + name.length + jsonLength(value), run: () => apply(this._target(), value as never) })
    this._loaded.delete(name)
  }

  /** Queues a method call with effects. */
  protected _call(args: unknown[], run: (t: T) => void): void {
    this.context.enqueue({ bytes: CALL_BYTES + jsonLength(args), run: () => run(this._target()) })
  }

  /** A proxy returned by a method: resolved when its call runs, usable once that sync succeeded. */
  protected _child<U, P extends ClientObject<U>>(make: (ctx: FakeRequestContext) => P, compute: (t: T) => U | null, args: unknown[] = []): P {
    const child = make(this.context)
    this.context.enqueue({
      bytes: CALL_BYTES + jsonLength(args),
      run: () => {
        child._value = compute(this._target())
      },
      commit: () => {
        child._ready = true
      },
    })
    return child
  }

  /** A navigation property's proxy: follows this one. */
  protected _follow<U>(fn: (t: T) => U): Link<U> {
    return {
      resolve: () => {
        const v = this._link ? this._link.resolve() : this._value
        return v === undefined ? undefined : v === null ? null : fn(v)
      },
      ready: () => (this._link ? this._link.ready() : this._ready),
    }
  }
}

/** A collection proxy: `load('items/name')` (or `load('name')`) fills `items`. */
export abstract class CollectionObject<T, U, P extends ClientObject<U>> extends ClientObject<T> {
  private _items: P[] | undefined
  protected abstract _list(t: T): U[]
  protected abstract _item(ctx: FakeRequestContext): P

  protected _props(): Record<string, (t: T) => unknown> {
    return {}
  }

  override load(arg?: LoadArg): this {
    const sample = this._item(this.context) as unknown as { _props(): Record<string, (u: U) => unknown> }
    const props = sample._props()
    const names = loadNames(arg, Object.keys(props)).map((n) => n.replace(/^items\//, ''))
    for (const n of names) if (!props[n]) throw fail(ErrorCodes.invalidArgument, `Items have no loadable property '${n}'`)
    let made: P[] = []
    let list: U[] = []
    const snapshots: Array<Map<string, unknown>> = []
    this.context.enqueue({
      bytes: CALL_BYTES + jsonLength(names),
      run: () => {
        let bytes = 0
        list = [...this._list(this._target())]
        made = list.map((u) => {
          const snap = new Map(names.map((n) => [n, props[n](u)] as const))
          for (const [k, v] of snap) bytes += k.length + jsonLength(v)
          snapshots.push(snap)
          return this._item(this.context)
        })
        return bytes
      },
      commit: () => {
        this._items = made.map((p, i) => p._adopt(list[i], snapshots[i]))
      },
    })
    return this
  }

  get items(): P[] {
    if (!this._items) throw notLoaded('items')
    return this._items
  }
}
