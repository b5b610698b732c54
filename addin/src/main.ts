/** The task pane: Fluent look, Office when present, then the app. */
import './platform/no-eval'
import { setTheme } from '@fluentui/web-components'
import '@fluentui/web-components/button.js'
import '@fluentui/web-components/badge.js'
import '@fluentui/web-components/message-bar.js'
import '@fluentui/web-components/progress-bar.js'
import { webLightTheme } from '@fluentui/tokens'
import { excelAvailable, officeReady } from '../excel'
import { createStore, notifyError } from './platform/helpers'
import { Connection } from './sync/connection'
import { startApp } from './ui/app'
import './styles.css'

async function boot(): Promise<void> {
  setTheme(webLightTheme)
  await officeReady()
  const store = createStore('lotledger')
  const root = document.getElementById('app')!
  startApp(root, new Connection(store), store, excelAvailable())
}

boot().catch((err) => notifyError('lotledger could not start', (err as Error).message))
