/**
 * The change feed (`GET /changes`): a workspace's writes in order, as clients follow them to stay
 * current. The server builds it from its journal; the pane keeps its catalogue with it.
 */
import { z } from 'zod'
import { Actor } from './common'
import { Location } from './location'
import { LotDates } from './lot'
import { OperationResult } from './operation'
import { Partner } from './partner'
import { Product } from './product'
import { Settings } from './settings'

export const CHANGE_TYPES = ['settings', 'product', 'location', 'partner', 'lots', 'operation'] as const
export type ChangeType = (typeof CHANGE_TYPES)[number]

export function isChangeType(s: string): s is ChangeType {
  return (CHANGE_TYPES as readonly string[]).includes(s)
}

/** A lot as a `lots` change carries it: its stored fields; `previousName` when it was renamed. */
export const LotChange = LotDates.extend({
  product: z.string(),
  name: z.string(),
  ref: z.string().nullable(),
  note: z.string().nullable(),
  previousName: z.string().optional(),
  updatedAt: z.string(),
  updatedBy: Actor.nullable(),
}).meta({ id: 'LotChange' })
export type LotChange = z.infer<typeof LotChange>

/** One change of data: alone, or a part of a batch. */
export const ChangePart = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('settings'), data: Settings }),
    z.object({ type: z.literal('product'), data: Product }),
    z.object({ type: z.literal('location'), data: Location }),
    z.object({ type: z.literal('partner'), data: Partner }),
    z.object({ type: z.literal('lots'), data: z.object({ lots: z.array(LotChange) }) }),
    z.object({ type: z.literal('operation'), data: OperationResult }),
  ])
  .meta({ id: 'ChangePart' })
export type ChangePart = z.infer<typeof ChangePart>

/** Changes made together (an import), with only the parts of the kinds asked for. */
export const BatchChange = z
  .object({ type: z.literal('batch'), data: z.object({ label: z.string(), changes: z.array(ChangePart) }) })
  .meta({ description: 'Changes made together (an import); `types` filters its parts' })
export type BatchChange = z.infer<typeof BatchChange>

/** Where a change sits in the feed, when it was made, and by whom. */
const Stamp = z.object({ seq: z.number().int(), at: z.string(), by: Actor.nullable() })

export const Change = z
  .discriminatedUnion('type', [...ChangePart.options, BatchChange])
  .and(Stamp)
  .meta({ id: 'Change' })
export type Change = z.infer<typeof Change>

export const ChangesAnswer = z
  .object({
    changes: z.array(Change),
    next: z.number().int().meta({ description: 'Pass as `since` to continue' }),
    hasMore: z.boolean(),
    head: z.number().int().meta({ description: 'The newest position: `since=head` starts from now' }),
  })
  .meta({ id: 'Changes' })
export type ChangesAnswer = z.infer<typeof ChangesAnswer>
