import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { LocationCode, Sku } from '../../../shared/schemas/common'
import { Location, LocationInput } from '../../../shared/schemas/location'
import { Product, ProductInput } from '../../../shared/schemas/product'
import { LocationList, ProductList } from '../../../shared/schemas/queries'
import { putLocation, putProduct } from '../../domain/commands/products'
import { locationDoc, productDoc } from '../../domain/docs'
import { notFound } from '../../domain/errors'
import { bearer, body, errors, json, newRouter } from '../router'

const SkuParam = z.object({ sku: Sku })
const CodeParam = z.object({ code: LocationCode })

/** Products and locations (master data). */
export const productRoutes = newRouter()
  .openapi(
    createRoute({
      method: 'get', path: '/products', tags: ['Products'], security: bearer, summary: 'List products',
      responses: { 200: json(ProductList, 'Products by SKU'), ...errors(401) },
    }),
    (c) => {
      const products = [...c.var.caller.ws.products.values()].sort((a, b) => a.sku.localeCompare(b.sku)).map(productDoc)
      return c.json({ products }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/products/{sku}', tags: ['Products'], security: bearer, summary: 'Get a product',
      request: { params: SkuParam },
      responses: { 200: json(Product, 'The product'), ...errors(401, 404) },
    }),
    (c) => {
      const { sku } = c.req.valid('param')
      const product = c.var.caller.ws.products.get(sku)
      if (!product) throw notFound(`product ${sku}`)
      return c.json(productDoc(product), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/products/{sku}', tags: ['Products'], security: bearer, summary: 'Create or replace a product (admin)',
      request: { params: SkuParam, body: body(ProductInput) },
      responses: { 200: json(Product, 'Replaced (or unchanged)'), 201: json(Product, 'Created'), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const { product, created } = putProduct(c.var.store.ledger, ws, actor, c.req.valid('param').sku, c.req.valid('json'))
      await c.var.store.persist()
      return c.json(productDoc(product), created ? 201 : 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/locations', tags: ['Locations'], security: bearer, summary: 'List locations',
      responses: { 200: json(LocationList, 'Locations by code'), ...errors(401) },
    }),
    (c) => {
      const locations = [...c.var.caller.ws.locations.values()].sort((a, b) => a.code.localeCompare(b.code)).map(locationDoc)
      return c.json({ locations }, 200)
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/locations/{code}', tags: ['Locations'], security: bearer, summary: 'Get a location (code URL-encoded)',
      request: { params: CodeParam },
      responses: { 200: json(Location, 'The location'), ...errors(401, 404) },
    }),
    (c) => {
      const { code } = c.req.valid('param')
      const location = c.var.caller.ws.locations.get(code)
      if (!location) throw notFound(`location ${code}`)
      return c.json(locationDoc(location), 200)
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/locations/{code}', tags: ['Locations'], security: bearer,
      summary: 'Create or replace a location (admin; code URL-encoded, e.g. WH%2FStock%2FShelf%201)',
      request: { params: CodeParam, body: body(LocationInput) },
      responses: { 200: json(Location, 'Replaced (or unchanged)'), 201: json(Location, 'Created'), ...errors(400, 401, 403, 409) },
    }),
    async (c) => {
      const { ws, actor } = c.var.caller
      const { location, created } = putLocation(c.var.store.ledger, ws, actor, c.req.valid('param').code, c.req.valid('json'))
      await c.var.store.persist()
      return c.json(locationDoc(location), created ? 201 : 200)
    },
  )
