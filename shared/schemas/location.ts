import { z } from 'zod'
import { Actor, LocationCode, name } from './common'
import { FdaRegistration, Gln } from './partner'

export const LocationKind = z
  .enum(['internal', 'supplier', 'customer', 'production', 'adjustment', 'scrap', 'transit'])
  .meta({ id: 'LocationKind' })
export type LocationKind = z.infer<typeof LocationKind>

export const LocationInput = z
  .object({
    name: name(200, 'name'),
    kind: LocationKind.default('internal'),
    gln: Gln.nullish(),
    fdaRegistration: FdaRegistration.nullish(),
  })
  .strict()
  .meta({ id: 'LocationInput' })
export type LocationInput = z.infer<typeof LocationInput>

export const Location = z
  .object({
    code: LocationCode,
    name: z.string(),
    kind: LocationKind,
    // Optional on the wire: a pane may talk to a server from before locations kept them.
    gln: z.string().nullable().optional().meta({ description: 'GS1 GLN, a TLC source reference (always sent by this server)' }),
    fdaRegistration: z.string().nullable().optional().meta({ description: 'FDA Food Facility Registration number (always sent by this server)' }),
    builtIn: z.boolean(),
    updatedAt: z.string(),
    updatedBy: Actor.nullable(),
  })
  .meta({ id: 'Location' })
export type Location = z.infer<typeof Location>
