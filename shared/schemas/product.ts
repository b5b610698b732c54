import { z } from 'zod'
import { Actor, name, Sku } from './common'

const Days = z.number().int().min(0).max(36_500)

export const ExpiryOffsets = z
  .object({
    expirationDays: Days.meta({ description: 'Days after the base date when goods expire' }),
    bestBeforeDays: Days.default(0).meta({ description: 'Days before expiration when quality starts to drop' }),
    removalDays: Days.default(0).meta({ description: 'Days before expiration when goods leave stock' }),
    alertDays: Days.default(0).meta({ description: 'Days before expiration when an alert is raised' }),
  })
  .strict()
  .meta({ id: 'ExpiryOffsets' })
export type ExpiryOffsets = z.infer<typeof ExpiryOffsets>

export const Tracking = z.enum(['none', 'lot', 'serial']).meta({ id: 'Tracking' })
export type Tracking = z.infer<typeof Tracking>

export const ProductInput = z
  .object({
    name: name(200, 'name'),
    uom: name(20, 'unit').default('Units'),
    tracking: Tracking.default('none'),
    gtin: z.string().trim().min(1).nullish().meta({ description: 'GTIN-8/12/13/14; stored as 14 digits' }),
    expiry: ExpiryOffsets.nullish(),
    foodTraceabilityList: z.boolean().default(false).meta({ description: "On FDA's Food Traceability List: its lots are in the FSMA 204 records" }),
  })
  .strict()
  .meta({ id: 'ProductInput' })
export type ProductInput = z.infer<typeof ProductInput>

export const Product = z
  .object({
    sku: Sku,
    name: z.string(),
    uom: z.string(),
    tracking: Tracking,
    gtin: z.string().nullable(),
    expiry: ExpiryOffsets.nullable(),
    // Optional on the wire: a pane may talk to a server from before the list was kept.
    foodTraceabilityList: z.boolean().optional().meta({ description: "On FDA's Food Traceability List (always sent by this server)" }),
    updatedAt: z.string(),
    updatedBy: Actor.nullable(),
  })
  .meta({ id: 'Product' })
export type Product = z.infer<typeof Product>
