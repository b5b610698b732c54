/**
 * Recalls as a state: a recall opened on a lot holds it and every lot made from it until it is
 * closed. The request and answer shapes of /recalls.
 */
import { z } from 'zod'
import { Actor, ClientId, LotName, Sku, name } from './common'
import { LotDates } from './lot'

/** Why a recall was opened or closed: kept in the ledger and shown on the recall's workbook. */
export const RecallReason = name(500, 'reason').meta({ example: 'Supplier notice SN-77: possible Listeria contamination' })

export const RecallInput = z
  .object({ id: ClientId, product: Sku, lot: LotName, reason: RecallReason })
  .strict()
  .meta({ id: 'RecallInput', description: 'Opens a recall of a lot: it and every lot made from it are held' })
export type RecallInput = z.infer<typeof RecallInput>

export const RecallClose = z.object({ reason: RecallReason }).strict().meta({ id: 'RecallClose' })
export type RecallClose = z.infer<typeof RecallClose>

export const RecallStatus = z.enum(['open', 'closed'])

const productName = z.string().meta({ description: "The product's name" })

/** A held lot and how far its recall has come: what is still in stock, back from customers, destroyed. */
const RecallLotProgress = z.object({
  product: z.string(), productName, name: z.string(), uom: z.string(), ...LotDates.shape,
  onHand: z.number().meta({ description: 'Still in stock (internal and transit locations): to quarantine' }),
  delivered: z.number().meta({ description: 'Delivered to customers, ever' }),
  returned: z.number().meta({ description: 'Of those deliveries, returned' }),
  scrapped: z.number().meta({ description: 'Scrapped since the recall was opened' }),
})

/** How to reach a customer, from its partner record (PUT /partners). */
const Contact = z.object({ name: z.string(), phone: z.string().nullable(), address: z.string().nullable() })

const Delivery = z.object({
  partner: z.string().nullable(), reference: z.string(), operation: z.string(), date: z.string(),
  product: z.string(), productName, lot: z.string(), qty: z.number(), returned: z.number(), uom: z.string(), to: z.string(),
  contact: Contact.nullish().meta({ description: "The customer's business name, phone and address when a partner record names it; absent from older servers" }),
})

const OnHand = z.object({
  product: z.string(), productName, lot: z.string(), location: z.string(), package: z.string().nullable(), qty: z.number(), uom: z.string(),
})

/** A recall without its lists, as GET /recalls lists them. */
export const RecallSummary = z
  .object({
    id: z.string(), product: z.string(), lot: z.string(), reason: z.string(), status: RecallStatus,
    openedAt: z.string(), openedBy: Actor.nullable(),
    closedAt: z.string().nullable(), closedBy: Actor.nullable(), closeReason: z.string().nullable(),
    lotCount: z.number().meta({ description: 'Lots the recall holds (while open) or held' }),
  })
  .meta({ id: 'RecallSummary' })
export type RecallSummary = z.infer<typeof RecallSummary>

export const Recall = RecallSummary.omit({ lotCount: true })
  .extend({
    lots: z.array(RecallLotProgress).meta({ description: 'The recalled lot and every lot made from it, with the progress of each' }),
    deliveries: z.array(Delivery).meta({ description: 'Deliveries of those lots: the customers to notify' }),
    onHand: z.array(OnHand).meta({ description: 'Stock of those lots by location: to quarantine' }),
    truncated: z.boolean().meta({ description: 'The genealogy was larger than a recall follows: narrow it' }),
  })
  .meta({ id: 'RecallCase' })
export type Recall = z.infer<typeof Recall>

export const RecallList = z.object({ recalls: z.array(RecallSummary) }).meta({ id: 'RecallList' })
