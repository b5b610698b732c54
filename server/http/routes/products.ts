/** Products and locations (master data). */
import { LocationCode, Sku } from '../../../shared/schemas/common'
import { Location, LocationInput } from '../../../shared/schemas/location'
import { Product, ProductInput } from '../../../shared/schemas/product'
import { LocationList, ProductList } from '../../../shared/schemas/queries'
import { putLocation, putProduct } from '../../domain/commands/products'
import { locationDoc, productDoc } from '../../domain/docs'
import { newRouter } from '../router'
import { masterDataRoutes } from './master-data'

const products = masterDataRoutes({
  collection: 'products', key: 'sku', keySchema: Sku, keyLabel: 'SKU', noun: 'product', tag: 'Products',
  list: ProductList, doc: Product, input: ProductInput,
  records: (ws) => ws.products,
  toDoc: productDoc,
  put: (ledger, ws, by, sku, input) => {
    const { product, created } = putProduct(ledger, ws, by, sku, input)
    return { record: product, created }
  },
})

const locations = masterDataRoutes({
  collection: 'locations', key: 'code', keySchema: LocationCode, keyLabel: 'code', noun: 'location', tag: 'Locations',
  keyNote: 'code URL-encoded, e.g. WH%2FStock%2FShelf%201',
  list: LocationList, doc: Location, input: LocationInput,
  records: (ws) => ws.locations,
  toDoc: locationDoc,
  put: (ledger, ws, by, code, input) => {
    const { location, created } = putLocation(ledger, ws, by, code, input)
    return { record: location, created }
  },
})

export const productRoutes = newRouter().route('/', products).route('/', locations)
