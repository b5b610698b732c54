/** Workspace settings. */
import type { Actor } from '../../../shared/schemas/common'
import type { Settings, SettingsPatch } from '../../../shared/schemas/settings'
import { LedgerError } from '../errors'
import type { Ledger } from '../ledger'
import type { WorkspaceState } from '../state'

/** Applies a partial update; an update that changes nothing writes nothing. */
export function patchSettings(ledger: Ledger, ws: WorkspaceState, by: Actor | null, patch: SettingsPatch): Settings {
  const next: Settings = { ...ws.settings }
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && k !== 'documents') (next as Record<string, unknown>)[k] = v
  // The document fields change one by one: a patch names only those it sets.
  if (patch.documents) next.documents = { ...next.documents, ...Object.fromEntries(Object.entries(patch.documents).filter(([, v]) => v !== undefined)) }
  if (next.showExpirationOnDeliverySlips && !next.showLotsOnDeliverySlips) {
    throw new LedgerError('validation_failed', 'expiration dates show on delivery slips only with lots', [
      { path: 'showExpirationOnDeliverySlips', message: 'needs showLotsOnDeliverySlips' },
    ])
  }
  if (JSON.stringify(next) !== JSON.stringify(ws.settings)) {
    ledger.commit({ type: 'settings.updated', ws: ws.id, by, data: next })
  }
  return ws.settings
}
