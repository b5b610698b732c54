/** The task pane: Fluent components, Office when present, then the app. The theme is a stylesheet the build writes. */
import '@fluentui/web-components/button.js'
import '@fluentui/web-components/badge.js'
import '@fluentui/web-components/message-bar.js'
import '@fluentui/web-components/progress-bar.js'
import { excelAvailable, officeReady } from '../excel'
import { createStore, notifyError } from './platform/helpers'
import { keepOfflineCopy } from './offline/register'
import { Connection } from './sync/connection'
import { startApp } from './ui/app'
import './styles.css'

async function boot(): Promise<void> {
  const store = createStore('lotledger')
  const conn = new Connection(store)
  // The server is asked while office.js starts, which takes most of the pane's first third of a
  // second: the pane then opens Online rather than asking only once Office is ready.
  conn.start()
  await officeReady()
  const root = document.getElementById('app')!
  startApp(root, conn, store, excelAvailable())
  keepOfflineCopy()
}

boot().catch((err) => notifyError('lotledger could not start', (err as Error).message))
