/** What every panel of the pane can reach. */
import type { KeyValueStore } from '../platform/store'
import type { Connection } from '../sync/connection'
import type { QueuedWrite } from '../sync/outbox'

export type TabId = 'record' | 'lots' | 'sheets' | 'import' | 'queue' | 'connect'

export interface Pane {
  conn: Connection
  store: KeyValueStore
  /** The Excel API is here (in Excel, or a test host): sheet actions write into the workbook. */
  excel: boolean
  go(tab: TabId): void
  /** Shows progress in the header; `null` hides it. */
  progress(text: string | null, done?: number, total?: number): void
  /** Opens a queued write in the form that made it, with why it was refused; false when the user kept the draft there. */
  edit(write: QueuedWrite): Promise<boolean>
}
