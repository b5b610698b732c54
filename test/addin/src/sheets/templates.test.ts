import { describe, expect, it } from 'vitest'
import { paneTemplate } from '../../../../addin/src/sheets/templates'
import type { Catalogue } from '../../../../addin/src/sync/catalogue'
import { templateModel } from '../../../../shared/import/templates'
import { DEFAULT_SETTINGS } from '../../../../shared/schemas/settings'

const product = (sku: string) => ({ sku, name: sku, uom: 'Units', tracking: 'lot' as const, gtin: null, expiry: null, updatedAt: '', updatedBy: null })
const location = (code: string) => ({ code, name: code, kind: 'internal' as const, builtIn: false, updatedAt: '', updatedBy: null })
const catalogue: Catalogue = {
  me: { workspace: { id: 'acme', name: 'Acme' }, role: 'viewer', token: { id: 't1', name: 'me' } },
  settings: { ...DEFAULT_SETTINGS, timeZone: 'Europe/Brussels', dateFormat: 'MDY' },
  products: [product('MILK'), product('BOLT')],
  locations: [location('WH/Stock'), location('Truck')],
  cursor: 0, loadedAt: '',
}

describe('paneTemplate', () => {
  it('is the shared template of the kind, with the catalogue\'s products, locations, workspace and date format', () => {
    const now = new Date('2026-06-15T10:00:00Z')
    const t = paneTemplate('deliveries', catalogue, now)
    expect(t).toEqual(templateModel('deliveries', { products: ['MILK', 'BOLT'], locations: ['WH/Stock', 'Truck'] }, {
      workspace: 'acme', timeZone: 'Europe/Brussels', dateFormat: 'MDY', now,
    }))
    expect(t.lists.columns[0].values).toEqual(['BOLT', 'MILK'])
  })
})
