/** The task pane: Fluent components, Office when present, then the app. The theme is a stylesheet the build writes. */
// First: the server is asked while the rest of the pane's script is evaluated.
import { conn, store } from './link'
import '@fluentui/web-components/button.js'
import '@fluentui/web-components/badge.js'
import '@fluentui/web-components/message-bar.js'
import '@fluentui/web-components/progress-bar.js'
import { excelAvailable, officeReady } from '../excel'
import { notifyError } from './platform/helpers'
import { keepOfflineCopy } from './offline/register'
import { startApp } from './ui/app'
import './styles.css'

async function boot(): Promise<void> {
  await officeReady()
  const root = document.getElementById('app')!
  startApp(root, conn, store, excelAvailable())
  keepOfflineCopy()
}

boot().catch((err) => notifyError('lotledger could not start', (err as Error).message))
