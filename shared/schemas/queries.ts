/** Response shapes of the read endpoints: stock, FEFO picks, traceability, recall, pages (the change feed: changes.ts). */
import { z } from 'zod'
import { Actor, name, Role } from './common'
import { ExpirationPrecision, Lot, LotDates } from './lot'
import { Location } from './location'
import { OPERATION_TYPES } from '../operation-types'
import { Move, Operation } from './operation'
import { Product } from './product'

export const Quant = z
  .object({
    product: z.string(),
    lot: z.string().nullable(),
    location: z.string(),
    package: z.string().nullable(),
    qty: z.number(),
    uom: z.string(),
    expirationDate: z.string().nullable().meta({ description: "The lot's expiration date (null without lot or date)" }),
    expirationPrecision: ExpirationPrecision.optional().meta({ description: "`month` when the lot's expiration is a month only (expirationDate its last day)" }),
    alertDate: z.string().nullable().meta({ description: "The lot's alert date (null without lot or date)" }),
  })
  .meta({ id: 'Quant' })
export type Quant = z.infer<typeof Quant>

export const StockAnswer = z.object({ quants: z.array(Quant) }).meta({ id: 'Stock' })

export const FefoPick = Quant.extend({ removalDate: z.string().nullable() })
export type FefoPick = z.infer<typeof FefoPick>

export const FefoAnswer = z
  .object({
    product: z.string(),
    requested: z.number().nullable(),
    picks: z.array(FefoPick),
    available: z.number().meta({ description: 'Quantity the picks cover' }),
    shortfall: z.number().meta({ description: 'What the request lacks (0 when covered)' }),
    expired: z.array(Quant).meta({ description: 'Expired stock, left out of the picks' }),
  })
  .meta({ id: 'FefoAnswer' })
export type FefoAnswer = z.infer<typeof FefoAnswer>

export const TraceRow = z
  .object({
    direction: z.enum(['upstream', 'downstream']),
    level: z.number().int(),
    reference: z.string(),
    product: z.string(),
    productName: z.string().meta({ description: "The product's name" }),
    date: z.string(),
    lot: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    qty: z.number(),
    uom: z.string(),
    operationType: z.enum(OPERATION_TYPES),
    operation: z.string(),
    move: z.string(),
  })
  .meta({ id: 'TraceRow' })
export type TraceRow = z.infer<typeof TraceRow>

export const TraceAnswer = z
  .object({ lot: Lot, direction: z.enum(['upstream', 'downstream', 'both']), rows: z.array(TraceRow), truncated: z.boolean() })
  .meta({ id: 'Trace' })

const productName = z.string().meta({ description: "The product's name" })

// Holds are optional on the wire: a pane may talk to a server from before recalls held stock.
const RecallLot = z.object({
  product: z.string(), productName, name: z.string(), onHand: z.number(), uom: z.string(), ...LotDates.shape,
  heldBy: z.array(z.string()).optional().meta({ description: 'The open recalls (POST /recalls) holding the lot' }),
})

const RecallHold = z.object({ id: z.string(), product: z.string(), lot: z.string(), reason: z.string(), openedAt: z.string() })

export const RecallAnswer = z
  .object({
    lots: z.array(RecallLot).meta({ description: 'The lot and every lot made from it' }),
    deliveries: z.array(
      z.object({
        partner: z.string().nullable(),
        reference: z.string(),
        operation: z.string(),
        date: z.string(),
        product: z.string(),
        productName,
        lot: z.string(),
        qty: z.number(),
        returned: z.number(),
        uom: z.string(),
        to: z.string(),
      }),
    ),
    onHand: z.array(
      z.object({ product: z.string(), productName, lot: z.string(), location: z.string(), package: z.string().nullable(), qty: z.number(), uom: z.string() }),
    ),
    truncated: z.boolean(),
    holds: z.array(RecallHold).optional().meta({ description: 'Open recalls holding any of these lots: what may not be shipped, consumed or moved out' }),
  })
  .meta({ id: 'Recall' })

const next = z.string().nullable().meta({ description: 'Cursor of the next page; null on the last one' })

export const ProductList = z.object({ products: z.array(Product) }).meta({ id: 'ProductList' })
export const LocationList = z.object({ locations: z.array(Location) }).meta({ id: 'LocationList' })
export const LotPage = z.object({ lots: z.array(Lot), next }).meta({ id: 'LotPage' })
export const MovePage = z.object({ moves: z.array(Move), next }).meta({ id: 'MovePage' })

export const OperationSummary = Operation.pick({ id: true, type: true, reference: true, date: true, partner: true, correctionOf: true })
  .extend({ moveCount: z.number().int() })
  .meta({ id: 'OperationSummary' })
export type OperationSummary = z.infer<typeof OperationSummary>
export const OperationPage = z.object({ operations: z.array(OperationSummary), next }).meta({ id: 'OperationPage' })

export const LotBatchAnswer = z
  .object({ lots: z.array(Lot), created: z.number().int().meta({ description: 'How many of them this call created' }) })
  .meta({ id: 'LotBatchAnswer' })

export const Token = z
  .object({
    id: z.string(),
    name: z.string(),
    role: Role,
    createdAt: z.string(),
    createdBy: Actor.nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' })
export const TokenList = z.object({ tokens: z.array(Token) }).meta({ id: 'TokenList' })
/** A token's name: shown in lists, audit records and the admin command's output. */
export const TokenName = name(100, 'token name').meta({ example: 'Warehouse tablet' })
/** A workspace's display name. */
export const WorkspaceName = name(200, 'workspace name')
export const TokenInput = z
  .object({ name: TokenName, role: Role })
  .strict()
  .meta({ id: 'TokenInput' })
export const NewToken = z
  .object({ token: Token, secret: z.string().meta({ description: 'Shown once: keep it' }) })
  .meta({ id: 'NewToken' })

export const Me = z
  .object({
    workspace: z.object({ id: z.string(), name: z.string() }),
    role: Role,
    token: z.object({ id: z.string(), name: z.string() }),
  })
  .meta({ id: 'Me' })
