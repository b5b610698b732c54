import { z } from 'zod'
import { Actor, IsoDateSchema, LotName, name, Sku } from './common'

/** How precisely a lot's expiration was given (see shared/expiry-precision.ts). */
export const ExpirationPrecision = z.enum(['day', 'month']).meta({
  id: 'ExpirationPrecision',
  description: "`month`: the expiration came as a month only (GS1 (17) YYMM00); expirationDate is then the month's last day, and it is shown as the month",
})

/** The four dates as the ledger keeps them: ISO dates, `null` when the lot has none. */
export const LotDates = z.object({
  expirationDate: z.string().nullable(),
  expirationPrecision: ExpirationPrecision.optional().meta({ description: "`month` when the expiration is a month only (expirationDate its last day); absent for a day" }),
  bestBeforeDate: z.string().nullable(),
  removalDate: z.string().nullable(),
  alertDate: z.string().nullable(),
})
export type LotDates = z.infer<typeof LotDates>

/** The four dates as a writer gives them: omitted to keep or compute, `null` to clear. */
const LotDatesInput = {
  expirationDate: IsoDateSchema.nullish(),
  expirationPrecision: ExpirationPrecision.optional().meta({
    description: "`month`: expirationDate is a month only, given as that month's last day (refused otherwise). Default `day`; omitted in an edit, a new expirationDate is a day and an unchanged one keeps its precision",
  }),
  bestBeforeDate: IsoDateSchema.nullish(),
  removalDate: IsoDateSchema.nullish(),
  alertDate: IsoDateSchema.nullish(),
}

export const LotInput = z
  .object({
    product: Sku,
    name: LotName,
    ref: name(128, 'ref').nullish().meta({ description: 'Internal reference, e.g. the manufacturer lot' }),
    note: z.string().max(2000).nullish(),
    ...LotDatesInput,
  })
  .strict()
  .meta({ id: 'LotInput' })
export type LotInput = z.infer<typeof LotInput>

/** Most lots one batch registration may carry. */
export const LOT_BATCH_MAX = 10_000

export const LotBatchInput = z
  .object({ lots: z.array(LotInput).min(1).max(LOT_BATCH_MAX) })
  .strict()
  .meta({ id: 'LotBatchInput' })
export type LotBatchInput = z.infer<typeof LotBatchInput>

export const LotPatch = z
  .object({
    name: LotName.optional(),
    product: Sku.optional().meta({ description: 'Accepted only when unchanged: a lot never changes product' }),
    ref: name(128, 'ref').nullish(),
    note: z.string().max(2000).nullish(),
    ...LotDatesInput,
  })
  .strict()
  .meta({ id: 'LotPatch' })
export type LotPatch = z.infer<typeof LotPatch>

export const LotFlags = z
  .object({
    expired: z.boolean(),
    alert: z.boolean(),
    bestBeforePassed: z.boolean(),
    removal: z.boolean(),
  })
  .meta({ id: 'LotFlags' })
export type LotFlags = z.infer<typeof LotFlags>

export const LotQuant = z.object({ location: z.string(), package: z.string().nullable(), qty: z.number() })

export const Lot = z
  .object({
    product: Sku,
    name: LotName,
    ref: z.string().nullable(),
    note: z.string().nullable(),
    ...LotDates.shape,
    receivedAt: z.string().nullable().meta({
      description: 'When the lot first came into stock: the date of its first receipt, production or other incoming operation (null while it never has)',
    }),
    createdAt: z.string().meta({ description: 'When the lot was registered in the ledger' }),
    createdBy: Actor.nullable(),
    updatedAt: z.string(),
    updatedBy: Actor.nullable(),
    flags: LotFlags,
    onHand: z.number(),
    quants: z.array(LotQuant),
  })
  .meta({ id: 'Lot' })
export type Lot = z.infer<typeof Lot>
