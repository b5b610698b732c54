/** Products, locations and partners (master data). */
import { LocationCode, Partner as PartnerCode, Sku } from '../../../shared/schemas/common'
import { Location, LocationInput } from '../../../shared/schemas/location'
import { Partner, PartnerInput, PartnerList } from '../../../shared/schemas/partner'
import { Product, ProductInput } from '../../../shared/schemas/product'
import { LocationList, ProductList } from '../../../shared/schemas/queries'
import { putPartner } from '../../domain/commands/partners'
import { putLocation, putProduct } from '../../domain/commands/products'
import { locationDoc, partnerDoc, productDoc } from '../../domain/docs'
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

// A partner's code is the name operations give as their partner, so the records find it.
const partners = masterDataRoutes({
  collection: 'partners', key: 'code', keySchema: PartnerCode, keyLabel: 'code', noun: 'partner', tag: 'Partners',
  keyNote: 'the partner as operations name it, URL-encoded',
  list: PartnerList, doc: Partner, input: PartnerInput,
  records: (ws) => ws.partners,
  toDoc: partnerDoc,
  put: (ledger, ws, by, code, input) => {
    const { partner, created } = putPartner(ledger, ws, by, code, input)
    return { record: partner, created }
  },
})

export const productRoutes = newRouter().route('/', products).route('/', locations).route('/', partners)
