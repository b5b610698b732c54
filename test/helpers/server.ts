/**
 * A real ledger server for tests: the embedded file store in a fresh temporary directory, served
 * over HTTP on 127.0.0.1 (a free port), with a client that speaks JSON to it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { serve } from '@hono/node-server'
import { createWorkspaceWithAdmin, issueToken } from '../../server/admin/bootstrap'
import type { Clock } from '../../server/domain/ledger'
import { createApp, type AppOptions } from '../../server/http/app'
import { LedgerStore } from '../../server/store/ledger-store'
import type { Role } from '../../shared/schemas/common'

export interface Reply<T = any> {
  status: number
  body: T
}

/** A JSON client bound to one token. */
export interface Client {
  token: string
  call<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>>
  get<T = any>(path: string): Promise<Reply<T>>
  post<T = any>(path: string, body: unknown): Promise<Reply<T>>
  put<T = any>(path: string, body: unknown): Promise<Reply<T>>
  patch<T = any>(path: string, body: unknown): Promise<Reply<T>>
  del<T = any>(path: string): Promise<Reply<T>>
}

/** Fetches `url` and reads the answer's JSON body (null when empty). */
export async function fetchJson<T = any>(url: string, init: RequestInit = {}): Promise<Reply<T>> {
  const res = await fetch(url, init)
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

export function client(url: string, token: string): Client {
  const call = <T>(method: string, path: string, body?: unknown): Promise<Reply<T>> =>
    fetchJson<T>(`${url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return {
    token, call,
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b),
    put: (p, b) => call('PUT', p, b),
    patch: (p, b) => call('PATCH', p, b),
    del: (p) => call('DELETE', p),
  }
}

export interface TestServer {
  url: string
  dir: string
  store: LedgerStore
  /** Admin client of workspace `default`. */
  admin: Client
  /** A new token of `role` in `workspace` (default `default`), as a client. */
  clientFor(role: Role, workspace?: string): Promise<Client>
  /** Creates another workspace and returns its admin client. */
  workspace(id: string): Promise<Client>
  close(): Promise<void>
}

/**
 * `app`: createApp options beyond the defaults (e.g. `publicUrl`, `addinDir`). `memory`: the
 * in-memory journal instead of the file store, for tests of thousands of writes that do not test
 * storage (no fdatasync per write); `dir` is then still made, empty.
 */
export async function startServer(options: { clock?: Clock; dir?: string; memory?: boolean; app?: Omit<AppOptions, 'log'> } = {}): Promise<TestServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'lotledger-test-')))
  const store = options.memory
    ? await LedgerStore.openMemory({ clock: options.clock })
    : await LedgerStore.openDirectory(dir, { clock: options.clock, log: () => {} })
  const admin = store.ledger.state.workspaces.has('default')
    ? await issueToken(store, 'default', 'test admin', 'admin')
    : await createWorkspaceWithAdmin(store, 'default')
  const app = createApp(store, { ...options.app, log: () => {} })
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }) as Server
  await once(server, 'listening')
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    url, dir, store,
    admin: client(url, admin.secret),
    async clientFor(role, workspace = 'default') {
      return client(url, (await issueToken(store, workspace, `${role} token`, role)).secret)
    },
    async workspace(id) {
      return client(url, (await createWorkspaceWithAdmin(store, id)).secret)
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
      await store.close()
      if (!options.dir) await rm(dir, { recursive: true, force: true })
    },
  }
}
