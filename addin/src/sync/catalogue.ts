/**
 * What the pane keeps of the workspace to work offline: who we are, settings, products and
 * locations. Loaded on connect, then kept current from the change feed; stored, so pickers and
 * date previews work without the server.
 */
import { assertNever } from '../../../shared/assert-never'
import type { ChangePart, ChangeType } from '../../../shared/schemas/changes'
import type { ApiClient } from '../api/client'
import type { Location, MeAnswer, Product, Settings } from '../api/types'
import type { KeyValueStore } from '../platform/store'
import { productIndex, type ProductIndex } from '../../../shared/products/resolve'

export interface Catalogue {
  me: MeAnswer
  settings: Settings
  products: Product[]
  locations: Location[]
  /** Change-feed position the catalogue is current to. */
  cursor: number
  loadedAt: string
}

const KEY = 'catalogue'
const FEED_PAGE = 5000
/** The pane keeps only these; the others (lots, operations) just tell it that sheets may be stale. */
const KEPT: readonly ChangeType[] = ['settings', 'product', 'location']

/** The stored catalogue, if any. */
export function storedCatalogue(store: KeyValueStore): Catalogue | null {
  return store.get<Catalogue>(KEY)
}

/** Loads everything afresh and stores it. */
export async function loadCatalogue(api: ApiClient, store: KeyValueStore): Promise<Catalogue> {
  const [me, settings, products, locations, feed] = await Promise.all([
    api.me(), api.settings(), api.products(), api.locations(), api.changes(0, 1),
  ])
  const catalogue: Catalogue = { me, settings, products, locations, cursor: feed.head, loadedAt: new Date().toISOString() }
  store.set(KEY, catalogue)
  return catalogue
}

/**
 * Applies what changed since the catalogue's cursor. Returns the new catalogue and whether
 * anything the sheets show (lots, operations) changed.
 */
export async function followChanges(api: ApiClient, store: KeyValueStore, c: Catalogue): Promise<{ catalogue: Catalogue; ledgerChanged: boolean }> {
  const next: Catalogue = { ...c, products: [...c.products], locations: [...c.locations] }
  let ledgerChanged = false
  for (let page = 0; page < 100; page++) {
    const feed = await api.changes(next.cursor, FEED_PAGE, KEPT.join(','))
    const apply = (change: ChangePart) => {
      switch (change.type) {
        case 'settings':
          next.settings = change.data
          return
        case 'product':
          return upsert(next.products, change.data, (p) => p.sku)
        case 'location':
          return upsert(next.locations, change.data, (l) => l.code)
        case 'partner':
        case 'lots':
        case 'operation':
          // Not asked for (KEPT): the feed's gaps tell that sheets may be stale.
          return
        default:
          return assertNever(change, 'change type')
      }
    }
    for (const change of feed.changes) {
      // An import is one change listing its parts.
      if (change.type === 'batch') change.data.changes.forEach(apply)
      else apply(change)
    }
    // Positions passed over were changes of other kinds: lots or operations.
    if (feed.next - next.cursor > feed.changes.length) ledgerChanged = true
    next.cursor = feed.next
    if (!feed.hasMore) break
  }
  store.set(KEY, next)
  return { catalogue: next, ledgerChanged }
}

function upsert<T>(list: T[], item: T, key: (t: T) => string): void {
  const i = list.findIndex((x) => key(x) === key(item))
  if (i >= 0) list[i] = item
  else list.push(item)
  list.sort((a, b) => key(a).localeCompare(key(b)))
}

const indexes = new WeakMap<Product[], ProductIndex<Product>>()
const NO_PRODUCTS: Product[] = []

/** The catalogue's products indexed for the shared resolver (built once per product list). */
export function productsOf(c: Catalogue | null): ProductIndex<Product> {
  const list = c?.products ?? NO_PRODUCTS
  let index = indexes.get(list)
  if (!index) indexes.set(list, (index = productIndex(list)))
  return index
}
