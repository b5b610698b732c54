/**
 * Who may call each route of the OpenAPI document, and a request that succeeds for that role:
 * the expectations of the generated auth matrix (auth-matrix.test.ts). A route the document lists
 * and this table does not fails the matrix until it is added here.
 */
import type { Role } from '../../../shared/schemas/common'
import type { AccessFixture } from '../../helpers/access-fixture'

/** A request of a route: path parameters, query, and a JSON body or an uploaded CSV. */
export interface Sample {
  params?: Record<string, string>
  query?: Record<string, string>
  json?: unknown
  csv?: string
}

export interface RouteAccess {
  /** Tells variants of one route apart (`kind=lots`). */
  label?: string
  /** The least role that may call it; `public` needs no token. */
  role: Role | 'public'
  /**
   * What another workspace's admin gets for the sample: `not_found` where its URL names this
   * workspace's things; `refused` where its body does (they are unknown in the caller's workspace:
   * a 400 naming the field); `own` where it acts on its own workspace (a list, a new product of
   * its own). Either way this workspace is left as it was.
   */
  foreign: 'not_found' | 'refused' | 'own'
  /** A request that succeeds for `role`, on things made for this case alone. */
  sample(fx: AccessFixture): Promise<Sample>
}

const lotQuery = async (fx: AccessFixture) => ({ query: { product: await fx.product(), lot: await fx.lot() } })
const productQuery = async (fx: AccessFixture) => ({ query: { product: await fx.product() } })
const none = () => Promise.resolve({})

/** Every route of the document, by `METHOD /path` under /api/v1; a route may have several variants. */
export const ROUTE_ACCESS: Record<string, RouteAccess | RouteAccess[]> = {
  'GET /health': { role: 'public', foreign: 'own', sample: none },
  'GET /me': { role: 'viewer', foreign: 'own', sample: none },

  'GET /products': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.product(), {}) },
  'GET /products/{sku}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { sku: await fx.product() } }) },
  'PUT /products/{sku}': { role: 'admin', foreign: 'own', sample: async (fx) => ({ params: { sku: fx.fresh('NEW') }, json: { name: 'New product' } }) },
  'GET /locations': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.location(), {}) },
  'GET /locations/{code}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { code: await fx.location() } }) },
  'PUT /locations/{code}': { role: 'admin', foreign: 'own', sample: async (fx) => ({ params: { code: fx.fresh('NEW') }, json: { name: 'New location' } }) },
  'GET /partners': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.partner(), {}) },
  'GET /partners/{code}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { code: await fx.partner() } }) },
  'PUT /partners/{code}': { role: 'admin', foreign: 'own', sample: async (fx) => ({ params: { code: fx.fresh('NEW') }, json: { name: 'New partner', kind: 'farm' } }) },

  'GET /lots': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'POST /lots': { role: 'operator', foreign: 'refused', sample: async (fx) => ({ json: { product: await fx.product(), name: fx.fresh('NEWLOT') } }) },
  'POST /lots/batch': {
    role: 'operator', foreign: 'refused',
    sample: async (fx) => ({ json: { lots: [{ product: await fx.product(), name: fx.fresh('B1') }, { product: await fx.product(), name: fx.fresh('B2') }] } }),
  },
  'GET /lots/{sku}/{name}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { sku: await fx.product(), name: await fx.lot() } }) },
  'PATCH /lots/{sku}/{name}': {
    role: 'operator', foreign: 'not_found',
    sample: async (fx) => ({ params: { sku: await fx.product(), name: await fx.lot() }, json: { note: 'checked' } }),
  },

  'POST /operations': {
    role: 'operator', foreign: 'refused',
    sample: async (fx) => ({ json: { id: fx.fresh('op'), type: 'receipt', reference: fx.fresh('IN'), lines: [{ product: await fx.product(), lot: fx.fresh('L2'), qty: 1 }] } }),
  },
  'GET /operations': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.receipt(), {}) },
  'GET /operations/{id}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { id: await fx.receipt() } }) },
  'GET /moves': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /stock': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /stock/fefo': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /trace': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'GET /recall': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'POST /recalls': {
    role: 'operator', foreign: 'refused',
    sample: async (fx) => ({ json: { id: fx.fresh('recall-new'), product: await fx.product(), lot: await fx.lot(), reason: 'Supplier notice' } }),
  },
  'GET /recalls': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.recall(), {}) },
  'GET /recalls/{id}': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ params: { id: await fx.recall() } }) },
  'POST /recalls/{id}/close': {
    role: 'operator', foreign: 'not_found', sample: async (fx) => ({ params: { id: await fx.recall() }, json: { reason: 'Worked off' } }),
  },

  'GET /settings': { role: 'viewer', foreign: 'own', sample: none },
  // A setting nothing else reads, so that no other case sees the change.
  'PATCH /settings': { role: 'admin', foreign: 'own', sample: () => Promise.resolve({ json: { showLotsOnInvoices: true } }) },
  'GET /changes': { role: 'viewer', foreign: 'own', sample: async (fx) => (await fx.receipt(), {}) },
  'GET /tokens': { role: 'admin', foreign: 'own', sample: async (fx) => (await fx.victim(), {}) },
  'POST /tokens': { role: 'admin', foreign: 'own', sample: async (fx) => ({ json: { name: fx.fresh('token'), role: 'viewer' } }) },
  'DELETE /tokens/{id}': { role: 'admin', foreign: 'not_found', sample: async (fx) => ({ params: { id: await fx.victim() } }) },

  'POST /imports': [
    { label: 'kind=lots', role: 'operator', foreign: 'own', sample: async (fx) => ({ query: { kind: 'lots' }, csv: `Product,Lot\n${await fx.product()},${fx.fresh('IMP')}\n` }) },
    { label: 'kind=products', role: 'admin', foreign: 'own', sample: async (fx) => ({ query: { kind: 'products' }, csv: `SKU,Name\n${fx.fresh('IMP')},Imported\n` }) },
    { label: 'kind=partners', role: 'admin', foreign: 'own', sample: async (fx) => ({ query: { kind: 'partners' }, csv: `Code,Name\n${fx.fresh('IMP')},Imported partner\n` }) },
  ],
  // Reading a scan changes nothing: a viewer may, and another workspace's admin reads it against its own products.
  'POST /gs1/parse': { role: 'viewer', foreign: 'own', sample: () => Promise.resolve({ json: { data: '(01)09501101530003(17)260331(10)ABC123' } }) },
  'GET /templates/{kind}.xlsx': { role: 'viewer', foreign: 'own', sample: () => Promise.resolve({ params: { kind: 'receipts' } }) },

  'GET /exports/trace.xlsx': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'GET /exports/recall.xlsx': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'GET /exports/stock.xlsx': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /exports/lots.xlsx': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /exports/expiring.xlsx': { role: 'viewer', foreign: 'own', sample: none },
  'GET /exports/moves.xlsx': { role: 'viewer', foreign: 'not_found', sample: productQuery },
  'GET /exports/delivery-slip.xlsx': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ query: { reference: await fx.delivery() } }) },
  'GET /exports/audit.xlsx': { role: 'viewer', foreign: 'own', sample: none },
  'GET /exports/fsma204.xlsx': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'GET /fsma204/missing': { role: 'viewer', foreign: 'not_found', sample: lotQuery },
  'GET /exports/recall-case.xlsx': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ query: { id: await fx.recall() } }) },
  // The fixture's product has no GTIN: leaving it out is what lets the export answer 200.
  'GET /exports/epcis.jsonld': { role: 'viewer', foreign: 'not_found', sample: async (fx) => ({ query: { ...(await lotQuery(fx)).query, skipIncomplete: 'true' } }) },
}
