import { describe, expect, it } from 'vitest'
import type { Product } from '../../../../addin/src/api/types'
import { searchProducts } from '../../../../addin/src/sync/catalogue'

const p = (sku: string, name: string, gtin: string | null = null): Product => ({ sku, name, uom: 'Units', tracking: 'lot', gtin, expiry: null, updatedAt: '', updatedBy: null })
const all = [p('MILK-1L', 'Milk 1 litre', '04006381333931'), p('CHEESE', 'Mild cheese'), p('BUTTER', 'Butter, made from milk'), p('MILKSHAKE', 'Shake')]

describe('product search', () => {
  it('finds by SKU, name or GTIN, best matches first', () => {
    expect(searchProducts(all, 'milk').map((x) => x.sku)).toEqual(['MILK-1L', 'MILKSHAKE', 'BUTTER'])
    expect(searchProducts(all, 'mild').map((x) => x.sku)).toEqual(['CHEESE'])
    expect(searchProducts(all, '4006381333931').map((x) => x.sku)).toEqual(['MILK-1L'])
    expect(searchProducts(all, '').length).toBe(4)
  })
})

describe('a typed or scanned product', () => {
  it('becomes the SKU of the one product it finds, and stays as typed otherwise', async () => {
    const { resolveProduct } = await import('../../../../addin/src/sync/catalogue')
    const map = new Map(all.map((x) => [x.sku, x]))
    expect(resolveProduct(' MILK-1L ', map)).toBe('MILK-1L')
    expect(resolveProduct('04006381333931', map)).toBe('MILK-1L')
    expect(resolveProduct('Mild cheese', map)).toBe('CHEESE')
    expect(resolveProduct('milk', map)).toBe('milk')
    expect(resolveProduct('NOTHING', map)).toBe('NOTHING')
  })
})
