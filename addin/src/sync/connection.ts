/**
 * The pane's link to the server: which server and token, whether it answers, and the loop that
 * replays waiting writes and follows the change feed while the pane is open.
 */
import { ApiClient } from '../api/client'
import { ApiError, NetworkError } from '../api/errors'
import type { WriteBody } from '../api/types'
import type { KeyValueStore } from '../platform/store'
import { followChanges, loadCatalogue, storedCatalogue, type Catalogue } from './catalogue'
import { Outbox } from './outbox'

export type LinkState = 'disconnected' | 'connecting' | 'online' | 'offline' | 'unauthorized'

export interface Credentials {
  serverUrl: string
  token: string
}

export interface ConnectionView {
  state: LinkState
  credentials: Credentials | null
  catalogue: Catalogue | null
  pending: number
  rejected: number
  message: string | null
}

const CREDENTIALS = 'credentials'
const POLL_MS = 10_000

export class Connection {
  readonly store: KeyValueStore
  readonly outbox: Outbox
  #api: ApiClient | null = null
  #view: ConnectionView
  #timer: ReturnType<typeof setTimeout> | null = null
  #ticking = false
  readonly #listeners = new Set<(v: ConnectionView) => void>()
  /** Called when the change feed says lots or operations changed (open sheets may be stale). */
  onLedgerChanged: (() => void) | null = null

  constructor(store: KeyValueStore, private readonly pollMs = POLL_MS) {
    this.store = store
    this.outbox = new Outbox(store, (w) => this.#sendWrite(w))
    const credentials = store.get<Credentials>(CREDENTIALS)
    this.#view = { state: credentials ? 'connecting' : 'disconnected', credentials, catalogue: storedCatalogue(store), pending: 0, rejected: 0, message: null }
    if (credentials) this.#api = new ApiClient(credentials.serverUrl, credentials.token)
    this.outbox.subscribe(() => this.#countQueue())
    this.#countQueue()
  }

  get view(): ConnectionView {
    return this.#view
  }

  /** The API client, or null before the user connected. */
  get api(): ApiClient | null {
    return this.#api
  }

  subscribe(listener: (v: ConnectionView) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #set(patch: Partial<ConnectionView>): void {
    this.#view = { ...this.#view, ...patch }
    for (const l of this.#listeners) l(this.#view)
  }

  #countQueue(): void {
    const all = this.outbox.list()
    this.#set({ pending: all.filter((w) => w.state === 'pending').length, rejected: all.filter((w) => w.state === 'rejected').length })
  }

  async #sendWrite(w: WriteBody) {
    if (!this.#api) throw new NetworkError('not connected to a server')
    try {
      const r = await this.#api.sendWrite(w)
      if (this.#view.state !== 'online') this.#set({ state: 'online', message: null })
      return r
    } catch (err) {
      this.#failed(err)
      throw err
    }
  }

  /** The link's state after a failed request: offline, or the token refused. */
  #failed(err: unknown): void {
    if (err instanceof ApiError && err.status === 401) this.#set({ state: 'unauthorized', message: err.message })
    else if (!(err instanceof ApiError)) this.#set({ state: 'offline', message: (err as Error).message })
  }

  /**
   * Checks the credentials, loads the catalogue, remembers both; then sends what waits and keeps
   * the link alive. The catalogue is loaded once: the feed is followed from the next round on.
   */
  async connect(credentials: Credentials): Promise<void> {
    const api = new ApiClient(credentials.serverUrl, credentials.token)
    const before = { state: this.#view.state, message: this.#view.message }
    this.stop()
    this.#set({ state: 'connecting', message: null })
    try {
      const catalogue = await loadCatalogue(api, this.store)
      this.#api = api
      this.store.set(CREDENTIALS, credentials)
      this.#set({ state: 'online', credentials, catalogue, message: null })
    } catch (err) {
      // A token tried and refused says nothing of the one still in use: that link stays as it was.
      if (this.#api) this.#set(before)
      else this.#set({ state: err instanceof ApiError && err.status === 401 ? 'unauthorized' : 'offline', message: (err as Error).message })
      this.#schedule()
      throw err
    }
    // Waiting writes go now; the change feed is followed from the next round on.
    if (this.#view.pending > 0) void this.#replay()
    this.#schedule()
  }

  /** Forgets the server and token (waiting writes stay stored). */
  disconnect(): void {
    this.stop()
    this.store.remove(CREDENTIALS)
    this.#api = null
    this.#set({ state: 'disconnected', credentials: null, message: null })
  }

  /** Starts the loop: replay waiting writes, follow changes, every few seconds. */
  start(): void {
    if (!this.#api) return
    void this.tick()
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = this.#api ? setTimeout(() => void this.tick(), this.pollMs) : null
  }

  async #replay(): Promise<void> {
    try {
      await this.outbox.replay()
    } catch (err) {
      this.#failed(err)
    }
  }

  /** One round now: reach the server, replay the outbox, follow the feed. */
  async tick(): Promise<void> {
    if (!this.#api || this.#ticking) return
    this.#ticking = true
    if (this.#timer) clearTimeout(this.#timer)
    try {
      const catalogue = this.#view.catalogue ?? (await loadCatalogue(this.#api, this.store))
      const { catalogue: current, ledgerChanged } = await followChanges(this.#api, this.store, catalogue)
      this.#set({ state: 'online', catalogue: current, message: null })
      if (this.#view.pending > 0) await this.outbox.replay()
      if (ledgerChanged) this.onLedgerChanged?.()
    } catch (err) {
      this.#failed(err)
      // A server fault (5xx) is not being offline, but nothing was followed: say so.
      if (err instanceof ApiError && err.status !== 401) this.#set({ state: 'offline', message: err.message })
    } finally {
      this.#ticking = false
      this.#schedule()
    }
  }
}
