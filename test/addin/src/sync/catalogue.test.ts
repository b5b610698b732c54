import { describe, expect, it } from 'vitest'
import type { Product } from '../../../../addin/src/api/types'
import { productsOf, type Catalogue } from '../../../../addin/src/sync/catalogue'
import { resolveProduct } from '../../../../shared/products/resolve'
import { DEFAULT_SETTINGS } from '../../../../shared/schemas/settings'

const p = (sku: string, name: string, gtin: string | null = null): Product => ({ sku, name, uom: 'Units', tracking: 'lot', gtin, expiry: null, updatedAt: '', updatedBy: null })
const catalogue = (products: Product[]): Catalogue => ({
  me: { workspace: { id: 'acme', name: 'Acme' }, role: 'operator', token: { id: 't', name: 't' } },
  settings: DEFAULT_SETTINGS, products, locations: [], cursor: 0, loadedAt: '',
})

describe('the catalogue\'s products', () => {
  it('are indexed once per product list for the shared resolver', () => {
    const c = catalogue([p('MILK-1L', 'Milk 1 litre', '04006381333931'), p('CHEESE', 'Mild cheese')])
    expect(productsOf(c)).toBe(productsOf(c))
    expect(resolveProduct('4006381333931', productsOf(c)).product?.sku).toBe('MILK-1L')
    expect(resolveProduct('mild cheese', productsOf(c)).product?.sku).toBe('CHEESE')
    // A new list (the change feed brought a product) is indexed anew.
    const next = { ...c, products: [...c.products, p('BUTTER', 'Butter')] }
    expect(resolveProduct('butter', productsOf(next)).product?.sku).toBe('BUTTER')
    expect(resolveProduct('x', productsOf(null))).toMatchObject({ problem: 'unknown' })
  })
})
