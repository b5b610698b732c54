import { describe, expect, it } from 'vitest'
import { productIndex, resolveProduct, type ProductKey } from '../../../shared/products/resolve'

const p = (sku: string, name: string, gtin: string | null = null): ProductKey => ({ sku, name, gtin })
const index = productIndex([
  p('MILK-1L', 'Milk 1 litre', '04006381333931'), p('milk-1l', 'Milk, the other one'), p('CHEESE', 'Mild cheese'),
  p('BUT-1', 'Butter'), p('BUT-2', 'Butter'), p('12345678', 'Numbered'), p('PEN', 'Pen', '00000012345670'),
])
const sku = (text: string) => {
  const m = resolveProduct(text, index)
  return m.product ? `${m.product.sku} by ${m.by}` : `${m.problem}: ${m.message}`
}

describe('resolving what was typed or scanned to one product', () => {
  it('takes the SKU as written first, trimmed', () => {
    expect(sku(' MILK-1L ')).toBe('MILK-1L by sku')
    expect(sku('milk-1l')).toBe('milk-1l by sku')
    expect(sku('12345678')).toBe('12345678 by sku')
  })

  it('then the SKU in another case, a GTIN with or without its leading zeros, a name only one product has', () => {
    expect(sku('cheese')).toBe('CHEESE by sku-case')
    expect(sku('4006381333931')).toBe('MILK-1L by gtin')
    expect(sku('04006381333931')).toBe('MILK-1L by gtin')
    expect(sku('12345670')).toBe('PEN by gtin')
    expect(sku('mild CHEESE')).toBe('CHEESE by name')
  })

  it('reports several candidates instead of choosing one', () => {
    expect(sku('Milk-1L')).toBe('ambiguous: "Milk-1L" could be MILK-1L (Milk 1 litre), milk-1l (Milk, the other one): give the SKU')
    expect(resolveProduct('butter', index)).toMatchObject({ product: null, problem: 'ambiguous', candidates: [{ sku: 'BUT-1' }, { sku: 'BUT-2' }] })
  })

  it('says what is unknown, and asks for a product when nothing was typed', () => {
    expect(sku('NOPE')).toBe('unknown: no product "NOPE" (not a SKU, GTIN or product name)')
    expect(sku('  ')).toBe('empty: choose a product')
    // Part of a name is not a name: the picker's list is there for searching.
    expect(sku('Mild')).toMatch(/^unknown/)
  })
})
