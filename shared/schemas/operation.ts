import { z } from 'zod'
import {
  Actor, ClientId, DateOrInstant, IsoDateSchema, LocationCode, LotName, name, NonNegativeQuantity,
  PackageName, Partner, PositiveQuantity, Reference, Sku,
} from './common'
import { OPERATION_TYPES } from '../operation-types'
import { ExpirationPrecision, LotDates } from './lot'

/** Most lines (consumed plus produced) one operation may carry. */
export const OPERATION_LINES_MAX = 5_000
/** Most serials one line may list. */
export const LINE_SERIALS_MAX = 10_000
/** Most moves one operation may write. */
export const OPERATION_MOVES_MAX = 20_000

const Serials = z.array(LotName).min(1).max(LINE_SERIALS_MAX)

export const Line = z
  .object({
    product: Sku,
    qty: PositiveQuantity.optional().meta({ description: 'Required unless serials are listed (then it defaults to their count)' }),
    lot: LotName.optional(),
    serials: Serials.optional(),
    from: LocationCode.optional(),
    to: LocationCode.optional(),
    package: PackageName.optional().meta({ description: 'The package the goods travel in, at both ends' }),
    expirationDate: IsoDateSchema.optional().meta({ description: 'Explicit expiration date; wins over the computed one' }),
    expirationPrecision: ExpirationPrecision.optional().meta({ description: "`month`: expirationDate is a month only (GS1 YYMM00), given as its last day. Default `day`" }),
    productionDate: IsoDateSchema.optional().meta({ description: 'Base date for computed expiry (GS1 AI 11)' }),
  })
  .strict()
  .meta({ id: 'Line' })
export type Line = z.infer<typeof Line>

export const GenealogyInput = z
  .object({ product: Sku, lot: LotName, qty: PositiveQuantity.optional() })
  .strict()
  .meta({ id: 'GenealogyInput' })

export const ProduceLine = Line.extend({
  inputs: z.array(GenealogyInput).min(1).max(1000).optional().meta({
    description: 'Consumed lots that made this output. Without it every consumed lot counts as an input.',
  }),
}).meta({ id: 'ProduceLine' })
export type ProduceLine = z.infer<typeof ProduceLine>

export const AdjustmentLine = z
  .object({
    product: Sku,
    location: LocationCode,
    countedQty: NonNegativeQuantity,
    lot: LotName.optional(),
    noLot: z.literal(true).optional().meta({ description: 'Count a tracked product without a lot: the "no lot" bucket' }),
    package: PackageName.optional(),
    expirationDate: IsoDateSchema.optional(),
    expirationPrecision: ExpirationPrecision.optional(),
  })
  .strict()
  .meta({ id: 'AdjustmentLine' })
export type AdjustmentLine = z.infer<typeof AdjustmentLine>

export const ReturnLine = z
  .object({
    product: Sku,
    qty: PositiveQuantity.optional(),
    lot: LotName.optional(),
    serials: Serials.optional(),
  })
  .strict()
  .meta({ id: 'ReturnLine' })
export type ReturnLine = z.infer<typeof ReturnLine>

export const Override = z
  .object({ reason: name(500, 'override reason') })
  .strict()
  .meta({ id: 'Override', description: 'Ships expired lots when the workspace setting is `warn`' })

const header = {
  id: ClientId,
  reference: Reference,
  date: DateOrInstant.optional(),
  partner: Partner.optional(),
  note: z.string().max(2000).optional(),
  from: LocationCode.optional(),
  to: LocationCode.optional(),
  override: Override.optional(),
}

const lines = z.array(Line).min(1).max(OPERATION_LINES_MAX)

const place = name(200, 'place')
/** Where and when a food was handled before it was received (FSMA 204's harvesting, cooling, initial packing). */
const Handled = z.object({ location: place.meta({ description: 'Where: a business and its address, or a location description' }), date: IsoDateSchema }).strict()

/**
 * FSMA 204 key data elements a receipt may record for its lots, as the team has them: where and
 * when they were harvested, cooled and first packed. Receipts without them stay as they were.
 */
export const ReceiptKdes = z
  .object({
    harvest: z.object({ farm: place.meta({ description: 'The farm (name and address)' }), field: name(200, 'field').optional(), date: IsoDateSchema }).strict().optional(),
    cooling: Handled.optional(),
    initialPacking: Handled.optional(),
  })
  .strict()
  .meta({ id: 'ReceiptKdes', description: 'FSMA 204 key data elements recorded on receipt: harvesting, cooling, initial packing' })
export type ReceiptKdes = z.infer<typeof ReceiptKdes>

export const ReceiptInput = z.object({ type: z.literal('receipt'), ...header, lines, kdes: ReceiptKdes.optional() }).strict()
export const DeliveryInput = z.object({ type: z.literal('delivery'), ...header, lines }).strict()
export const InternalInput = z.object({ type: z.literal('internal'), ...header, lines }).strict()
export const ScrapInput = z.object({ type: z.literal('scrap'), ...header, lines }).strict()
export const AdjustmentInput = z
  .object({ type: z.literal('adjustment'), ...header, lines: z.array(AdjustmentLine).min(1).max(OPERATION_LINES_MAX) })
  .strict()
export const ProductionInput = z
  .object({
    type: z.literal('production'),
    ...header,
    consume: z.array(Line).max(OPERATION_LINES_MAX).default([]),
    produce: z.array(ProduceLine).min(1).max(OPERATION_LINES_MAX),
  })
  .strict()
export const ReturnInput = z
  .object({
    type: z.literal('return'),
    ...header,
    correctionOf: ClientId.meta({ description: 'Id of the operation this one reverses' }),
    lines: z.array(ReturnLine).min(1).max(OPERATION_LINES_MAX).optional().meta({ description: 'Lines to reverse; all when omitted' }),
  })
  .strict()

export const OperationInput = z
  .discriminatedUnion('type', [ReceiptInput, DeliveryInput, InternalInput, ScrapInput, AdjustmentInput, ProductionInput, ReturnInput])
  .meta({ id: 'OperationInput' })
export type OperationInput = z.infer<typeof OperationInput>

export const Move = z
  .object({
    id: z.string().meta({ description: '`<operation id>#<n>`' }),
    operation: z.string(),
    operationType: z.enum(OPERATION_TYPES),
    reference: z.string(),
    date: z.string(),
    product: z.string(),
    lot: z.string().nullable(),
    qty: z.number(),
    uom: z.string(),
    from: z.string(),
    to: z.string(),
    package: z.string().nullable(),
    returnOf: z.string().nullable(),
  })
  .meta({ id: 'Move' })
export type Move = z.infer<typeof Move>

export const TouchedLot = z
  .object({ product: z.string(), name: z.string(), created: z.boolean(), ...LotDates.shape })
  .meta({ id: 'TouchedLot' })
export type TouchedLot = z.infer<typeof TouchedLot>

export const GenealogyLink = z
  .object({
    product: z.string(),
    lot: z.string(),
    inputs: z.array(z.object({ product: z.string(), lot: z.string(), qty: z.number().nullable() })),
  })
  .meta({ id: 'GenealogyLink', description: 'Which consumed lots made a produced lot' })
export type GenealogyLink = z.infer<typeof GenealogyLink>

export const Operation = z
  .object({
    id: z.string(),
    type: z.enum(OPERATION_TYPES),
    reference: z.string(),
    date: z.string(),
    partner: z.string().nullable(),
    note: z.string().nullable(),
    correctionOf: z.string().nullable(),
    override: z.object({ reason: z.string(), lots: z.array(z.object({ product: z.string(), lot: z.string() })) }).nullable(),
    createdAt: z.string(),
    createdBy: Actor.nullable(),
    request: z.record(z.string(), z.unknown()).meta({ description: 'The operation as submitted' }),
  })
  .meta({ id: 'Operation' })
export type Operation = z.infer<typeof Operation>

export const OperationResult = z
  .object({
    operation: Operation,
    moves: z.array(Move),
    lots: z.array(TouchedLot),
    genealogy: z.array(GenealogyLink),
  })
  .meta({ id: 'OperationResult' })
export type OperationResult = z.infer<typeof OperationResult>
