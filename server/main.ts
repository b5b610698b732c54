/**
 * `npm start`: the ledger server on the embedded store. First start creates workspace
 * `default` and prints its admin token once.
 */
import { unlink } from 'node:fs/promises'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { createAdaptorServer, serve } from '@hono/node-server'
import packageJson from '../package.json' with { type: 'json' }
import { createWorkspaceWithAdmin } from './admin/bootstrap'
import { CONTROL_SOCKET, controlApp } from './admin/control'
import { readConfig } from './config'
import { createApp } from './http/app'
import { JournalCorruptError } from './store/file-journal'
import { LedgerStore } from './store/ledger-store'
import { DataDirLockedError } from './store/lock'

const EXIT_STORAGE_FAILED = 70

async function main(): Promise<void> {
  const config = readConfig()
  let store: LedgerStore
  try {
    store = await LedgerStore.openDirectory(config.dataDir, {
      onFatal: (err) => {
        console.error(`lotledger: storage failed, stopping: ${err.message}`)
        setImmediate(() => process.exit(EXIT_STORAGE_FAILED))
      },
    })
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof JournalCorruptError) {
      console.error(`lotledger: ${err.message}`)
      process.exit(1)
    }
    throw err
  }

  if (store.ledger.state.workspaces.size === 0) {
    const issued = await createWorkspaceWithAdmin(store, 'default', 'Default', config.adminToken)
    console.log('lotledger: created workspace "default"')
    if (!config.adminToken) {
      console.log(`lotledger: admin token (shown once, keep it): ${issued.secret}`)
    }
  }

  // The admin socket first, so that "listening" means every door is open.
  const socketPath = join(config.dataDir, CONTROL_SOCKET)
  const control = createAdaptorServer({ fetch: controlApp(store).fetch }) as Server
  // A socket file left by a crashed server is stale: we hold the data directory's lock.
  await unlink(socketPath).catch(() => {})
  await new Promise<void>((resolve) => {
    control.once('error', (err) => {
      console.warn(`lotledger: admin socket unavailable (${err.message}); npm run admin needs the server stopped`)
      resolve()
    })
    control.listen(socketPath, resolve)
  })

  const app = createApp(store, { version: packageJson.version })
  const http = serve({ fetch: app.fetch, hostname: config.host, port: config.port }) as Server
  http.once('listening', () => {
    const address = http.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    console.log(`lotledger: listening on http://${config.host}:${port} (data in ${config.dataDir})`)
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
    control.close()
    http.close()
    http.closeAllConnections?.()
    await store.close()
    await unlink(socketPath).catch(() => {})
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((err) => {
  console.error('lotledger: failed to start:', err)
  process.exit(1)
})
