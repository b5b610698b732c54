/** Building blocks of the wire schemas: names, dates, quantities, paging. */
import { z } from 'zod'
import { DATE_RANGE_TEXT, dayRangeProblem, instantRangeProblem } from '../date-range'
import { isIsoDate, toDayNumber } from '../dates'
import { parseQty, qtyToNumber } from '../quantity'

/** No C0 control (NUL, BEL, ESC...), DEL or C1 control (the 8-bit CSI among them): they corrupt terminals and files. */
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/

/** A trimmed, non-empty name without control characters, at most `max` characters. */
export function name(max: number, what: string) {
  return z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`)
    .regex(NO_CONTROL, `${what} has control characters`)
}

export const Sku = name(64, 'SKU').meta({ description: 'Product code, unique in the workspace', example: 'MILK-1L' })
export const LotName = name(128, 'lot/serial name').meta({ description: 'Lot or serial number', example: 'L2026-001' })
export const LocationCode = name(200, 'location code')
  .refine((s) => !s.startsWith('/') && !s.endsWith('/') && !s.includes('//'), 'location code has an empty path segment')
  .meta({ description: 'Location code; `/` separates levels (`WH/Stock/Shelf 1` is inside `WH/Stock`)', example: 'WH/Stock' })
export const PackageName = name(64, 'package')
export const Partner = name(200, 'partner')
export const Reference = name(100, 'reference').meta({ example: 'WH/IN/00012' })
export const ClientId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:~-]*$/, 'id may hold letters, digits and . _ : ~ - only')
  .meta({ description: 'Client-generated id; the idempotency key of the write', example: '01J9Z3M6Q4W8V2T5R7Y1' })

/** Why `value` is not a date the ledger takes, or null. */
function dateProblem(value: string): string | null {
  if (!isIsoDate(value)) return 'must be a date as YYYY-MM-DD'
  const problem = dayRangeProblem(toDayNumber(value))
  return problem && `${problem}: dates run ${DATE_RANGE_TEXT}`
}

/** `YYYY-MM-DD`, checked against the calendar and the ledger's range of dates. */
export const IsoDateSchema = z
  .string()
  .check((ctx) => {
    const problem = dateProblem(ctx.value)
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
  })
  .meta({ description: `Calendar date, ${DATE_RANGE_TEXT}`, example: '2026-12-31', format: 'date' })

/** An ISO date-time with offset whose instant lies within the ledger's range of dates. */
const IsoInstant = z.iso
  .datetime({ offset: true, abort: true, error: 'must be an ISO date-time with offset (2026-11-27T14:30:00+01:00) or a date as YYYY-MM-DD' })
  .check((ctx) => {
    const problem = instantRangeProblem(ctx.value)
    if (problem) ctx.issues.push({ code: 'custom', message: `${problem}: dates run ${DATE_RANGE_TEXT}`, input: ctx.value })
  })

/**
 * An instant: ISO date-time with zone, or a plain date (the start of that day in the workspace
 * time zone). A refusal says what is wrong with the form the value was written in.
 */
export const DateOrInstant = z
  .union([IsoInstant, IsoDateSchema], {
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined
      const asDate = typeof issue.input === 'string' && issue.input.length === 10
      return issue.errors[asDate ? 1 : 0]?.[0]?.message
    },
  })
  .meta({ description: `ISO date-time with offset, or YYYY-MM-DD for the start of that day in the workspace time zone; ${DATE_RANGE_TEXT}` })

/** Why `v` is not a quantity, or null when it is one. */
function notQuantity(v: unknown): string | null {
  const q = parseQty(v)
  return typeof q === 'number' ? null : `quantity ${q.error}`
}

/**
 * A quantity: JSON number or decimal string, at most 6 decimals. Parsed to the exact decimal as a number.
 * Checked, then rewritten in place (not a transform: zod's transforms give every value parsed a
 * callback of its own, which made this one field cost as much as the rest of an operation line).
 */
export const Quantity = z
  .union([z.number(), z.string()])
  .check((ctx) => {
    const why = notQuantity(ctx.value)
    if (why) ctx.issues.push({ code: 'custom', message: why, input: ctx.value })
  })
  .overwrite((v) => qtyToNumber(parseQty(v) as number))
  .meta({ description: 'Decimal quantity in the product unit (at most 6 decimals)', example: 12.5 }) as unknown as z.ZodType<number, number | string>

/** A strictly positive quantity. */
export const PositiveQuantity = Quantity.refine((n) => n > 0, 'quantity must be greater than 0')
/** A quantity of zero or more. */
export const NonNegativeQuantity = Quantity.refine((n) => n >= 0, 'quantity must be 0 or more')

export const Role = z.enum(['viewer', 'operator', 'admin']).meta({ id: 'Role' })
export type Role = z.infer<typeof Role>

export const Actor = z.object({ token: z.string(), name: z.string() }).meta({ id: 'Actor', description: 'Who made a write' })
export type Actor = z.infer<typeof Actor>

/** Page size: default 100, at most 1000. */
export const Limit = z.coerce.number().int().min(1).max(1000).default(100)

/** Boolean query flag: `true`/`false`/`1`/`0`. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
