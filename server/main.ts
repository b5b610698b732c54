/**
 * `npm start`: the ledger server on the embedded store (or on PostgreSQL with DATABASE_URL), with
 * the Excel add-in beside the API.
 * First start creates workspace `default` and prints its admin token once. HTTPS when TLS_CERT
 * and TLS_KEY are set.
 */
import { unlink } from 'node:fs/promises'
import type { Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { join } from 'node:path'
import { createAdaptorServer, serve } from '@hono/node-server'
import type { Sql } from 'postgres'
import packageJson from '../package.json' with { type: 'json' }
import { createWorkspaceWithAdmin } from './admin/bootstrap'
import { CONTROL_SOCKET, controlApp } from './admin/control'
import { serveAdminRequests } from './admin/pg-requests'
import { chosenSecretProblem } from './auth/chosen-secret'
import { ConfigError, defaultPublicUrl, readConfig, type ServerConfig } from './config'
import { createApp } from './http/app'
import { JournalCorruptError } from './store/file-journal'
import { processHeap } from './memory/heap-watch'
import { LedgerStore } from './store/ledger-store'
import { DataDirLockedError } from './store/lock'
import { redactUrl } from './store/pg/failures'
import type { PgNode } from './store/pg/node'
import { DatabaseStartError, openPostgresStore } from './store/pg/open'

const EXIT_STORAGE_FAILED = 70

async function main(): Promise<void> {
  let config: ServerConfig
  try {
    config = readConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(`lotledger: ${err.message}`)
    process.exit(1)
  }
  const onFatal = (err: Error) => {
    console.error(`lotledger: storage failed, stopping: ${err.message}`)
    setImmediate(() => process.exit(EXIT_STORAGE_FAILED))
  }
  // Where other servers on the database reach this one: known for sure once it listens.
  const listenOrigin = (port: number) => defaultPublicUrl(false, config.host, port).replace(/^http:/, config.tls ? 'https:' : 'http:')
  let peerUrl = config.peerUrl ?? listenOrigin(config.port)
  let store: LedgerStore
  let node: PgNode | null = null
  let sql: Sql | null = null
  /** Stops serving the admin command's requests (PostgreSQL: the database is the admin channel). */
  let stopAdmin = async () => {}
  // A ledger that fills the heap while it loads, or once loaded, stops the start with a message, not V8's crash.
  const heap = processHeap()
  heap.onLevel = (level) => {
    if (level !== 'full') return
    const { heapLimitMb } = heap.status()
    console.error(`lotledger: the ledger does not fit in this server's heap of ${heapLimitMb} MiB: start it with a larger one (LOTLEDGER_HEAP_MB=${heapLimitMb * 2} npm start)`)
    process.exit(1)
  }
  try {
    if (config.databaseUrl !== undefined) {
      ;({ store, node, sql } = await openPostgresStore(config.databaseUrl, { onFatal, url: () => peerUrl }))
    } else {
      store = await LedgerStore.openDirectory(config.dataDir, { onFatal })
    }
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof JournalCorruptError || err instanceof DatabaseStartError) {
      console.error(`lotledger: ${err.message}`)
      process.exit(1)
    }
    throw err
  }
  // Read while a full heap still stops the start: a ledger that leaves it full once loaded (every
  // write refused) does not fit either, though the load itself, which needs little more than the
  // ledger, may not have filled it.
  heap.afterLoad()
  heap.onLevel = null
  const where = config.databaseUrl !== undefined ? `data in PostgreSQL at ${redactUrl(config.databaseUrl)}` : `data in ${config.dataDir}`

  /**
   * A ledger without workspaces gets `default` and its admin token, printed once. On a shared
   * database only the writer makes it (the others learn of it from the journal).
   */
  const bootstrap = async () => {
    if (store.ledger.state.workspaces.size === 0) {
      // Kept as generated tokens are (a fast hash): only a random secret may be chosen.
      const weak = config.adminToken === undefined ? null : chosenSecretProblem(config.adminToken)
      if (weak) {
        console.error(`lotledger: LOTLEDGER_ADMIN_TOKEN ${weak}`)
        await store.close()
        process.exit(1)
      }
      const issued = await createWorkspaceWithAdmin(store, 'default', 'Default', config.adminToken)
      console.log('lotledger: created workspace "default"')
      if (!config.adminToken) {
        console.log(`lotledger: admin token (shown once, keep it): ${issued.secret}`)
      }
    } else if (config.adminToken !== undefined) {
      console.warn(`lotledger: LOTLEDGER_ADMIN_TOKEN is not used: the ${node ? 'database' : 'data directory'} has its workspaces and tokens already`)
    }
  }
  if (!node) await bootstrap()

  // The admin socket first, so that "listening" means every door is open. The PostgreSQL store
  // has none: its data directory is the database.
  const socketPath = node ? null : join(config.dataDir, CONTROL_SOCKET)
  const control = createAdaptorServer({ fetch: controlApp(store).fetch }) as Server
  if (socketPath) {
    // A socket file left by a crashed server is stale: we hold the data directory's lock.
    await unlink(socketPath).catch(() => {})
    await new Promise<void>((resolve) => {
      control.once('error', (err) => {
        console.warn(`lotledger: admin socket unavailable (${err.message}); npm run admin needs the server stopped`)
        resolve()
      })
      control.listen(socketPath, resolve)
    })
  }

  const { tls } = config
  // Known for sure only once listening (PORT=0); until then the configured port stands in.
  let publicUrl = config.publicUrl ?? defaultPublicUrl(tls !== undefined, config.host, config.port)
  const app = createApp(store, { version: packageJson.version, publicUrl: () => publicUrl })
  const listen = { fetch: app.fetch, hostname: config.host, port: config.port }
  const http = (
    tls ? serve({ ...listen, createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } }) : serve(listen)
  ) as Server
  http.once('listening', () => {
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    publicUrl = config.publicUrl ?? defaultPublicUrl(tls !== undefined, config.host, port)
    peerUrl = config.peerUrl ?? listenOrigin(port)
    void (async () => {
      if (node) {
        // Follows, or takes the writer lease when nobody holds it; the writer makes `default`.
        await node.start()
        const writer = node
        stopAdmin = await serveAdminRequests(store, sql!, () => writer.role === 'writer', (m) => console.error(m))
        if (node.role === 'writer') await bootstrap()
        else console.log(`lotledger: following the writer${node.writerUrl ? ` at ${node.writerUrl}` : ''} (record ${store.seq})`)
      }
      console.log(`lotledger: listening on ${tls ? 'https' : 'http'}://${config.host}:${port} (${where})`)
      console.log(`lotledger: Excel add-in manifest at ${publicUrl}/manifest.xml`)
      if (!publicUrl.startsWith('https:')) {
        console.warn(
          `lotledger: warning: the add-in's public origin ${publicUrl} is not https, and Office loads add-ins only over https: ` +
            'set TLS_CERT and TLS_KEY (npm run certs), or PUBLIC_URL to the https address of a proxy in front of this server',
        )
      }
    })().catch((err) => {
      console.error('lotledger: failed to start:', err)
      process.exit(1)
    })
  })
  http.on('error', (err) => {
    console.error(`lotledger: cannot listen on ${config.host}:${config.port}: ${err.message}`)
    process.exit(1)
  })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`lotledger: ${signal}, stopping`)
    if (socketPath) control.close()
    http.close()
    http.closeAllConnections?.()
    await stopAdmin()
    await store.close()
    if (socketPath) await unlink(socketPath).catch(() => {})
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error('lotledger: failed to start:', err)
  process.exit(1)
})
