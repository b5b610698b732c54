/**
 * What a person types or scans for a product, resolved to one product the same way everywhere
 * (the pane's forms, its sheets and its selection; imports can use it too): the SKU as written,
 * the SKU in another case, a GTIN (8 to 14 digits, leading zeros optional), or a product name
 * that only one product has. Several products matching is reported with the candidates, never
 * decided by guessing.
 */

/** What the resolver needs of a product. */
export interface ProductKey {
  sku: string
  name: string
  /** 14 digits, as the ledger stores it, or null. */
  gtin: string | null
}

/** The products, indexed for lookups (build it once per product list). */
export interface ProductIndex<T extends ProductKey> {
  bySku: Map<string, T>
  byLowerSku: Map<string, T[]>
  byGtin: Map<string, T[]>
  byLowerName: Map<string, T[]>
}

export type ProductMatch<T extends ProductKey> =
  | { product: T; by: 'sku' | 'sku-case' | 'gtin' | 'name' }
  | { product: null; problem: 'empty' | 'unknown' | 'ambiguous'; message: string; candidates: T[] }

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key)
  if (list) list.push(item)
  else map.set(key, [item])
}

/** Indexes `products` by SKU, SKU in lower case, GTIN and name in lower case. */
export function productIndex<T extends ProductKey>(products: Iterable<T>): ProductIndex<T> {
  const index: ProductIndex<T> = { bySku: new Map(), byLowerSku: new Map(), byGtin: new Map(), byLowerName: new Map() }
  for (const p of products) {
    index.bySku.set(p.sku, p)
    push(index.byLowerSku, p.sku.toLowerCase(), p)
    if (p.gtin) push(index.byGtin, p.gtin, p)
    push(index.byLowerName, p.name.trim().toLowerCase(), p)
  }
  return index
}

const GTIN_TEXT = /^\d{8,14}$/

const named = <T extends ProductKey>(list: T[]) => list.map((p) => `${p.sku} (${p.name})`).join(', ')

/** The one product `text` stands for, or why there is none (see the module comment for the order). */
export function resolveProduct<T extends ProductKey>(text: string, index: ProductIndex<T>): ProductMatch<T> {
  const typed = text.trim()
  if (!typed) return { product: null, problem: 'empty', message: 'choose a product', candidates: [] }
  const exact = index.bySku.get(typed)
  if (exact) return { product: exact, by: 'sku' }
  const steps: Array<[by: 'sku-case' | 'gtin' | 'name', list: T[] | undefined]> = [
    ['sku-case', index.byLowerSku.get(typed.toLowerCase())],
    ['gtin', GTIN_TEXT.test(typed) ? index.byGtin.get(typed.padStart(14, '0')) : undefined],
    ['name', index.byLowerName.get(typed.toLowerCase())],
  ]
  for (const [by, list] of steps) {
    if (!list?.length) continue
    if (list.length === 1) return { product: list[0], by }
    return {
      product: null, problem: 'ambiguous', candidates: list,
      message: `"${typed}" could be ${named(list)}: give the SKU`,
    }
  }
  return { product: null, problem: 'unknown', message: `no product "${typed}" (not a SKU, GTIN or product name)`, candidates: [] }
}
