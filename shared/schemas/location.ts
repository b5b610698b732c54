import { z } from 'zod'
import { Actor, LocationCode, name } from './common'

export const LocationKind = z
  .enum(['internal', 'supplier', 'customer', 'production', 'adjustment', 'scrap', 'transit'])
  .meta({ id: 'LocationKind' })
export type LocationKind = z.infer<typeof LocationKind>

export const LocationInput = z
  .object({ name: name(200, 'name'), kind: LocationKind.default('internal') })
  .strict()
  .meta({ id: 'LocationInput' })
export type LocationInput = z.infer<typeof LocationInput>

export const Location = z
  .object({
    code: LocationCode,
    name: z.string(),
    kind: LocationKind,
    builtIn: z.boolean(),
    updatedAt: z.string(),
    updatedBy: Actor.nullable(),
  })
  .meta({ id: 'Location' })
export type Location = z.infer<typeof Location>
