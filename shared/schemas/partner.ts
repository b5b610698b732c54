/**
 * Partners: the suppliers, farms and customers operations name, with what FSMA 204 records say
 * about them (business name, phone, address; a GLN or FDA registration as a TLC source reference).
 */
import { z } from 'zod'
import { gs1CheckDigit } from '../gtin'
import { Actor, name, Partner as PartnerName } from './common'

/** A GS1 Global Location Number: 13 digits, the last a check digit. */
export const Gln = z
  .string()
  .trim()
  .regex(/^\d{13}$/, 'a GLN has 13 digits')
  // Said only of 13 digits: a GLN of another length has one problem, not two.
  .refine((s) => !/^\d{13}$/.test(s) || Number(s[12]) === gs1CheckDigit(s.slice(0, 12)), 'GLN check digit is wrong')
  .meta({ description: 'GS1 Global Location Number (13 digits): a traceability lot code source reference', example: '0614141000005' })

/** An FDA Food Facility Registration number (11 digits, as FDA issues them). */
export const FdaRegistration = z
  .string()
  .trim()
  .regex(/^\d{11}$/, 'an FDA registration number has 11 digits')
  .meta({ description: 'FDA Food Facility Registration number: a traceability lot code source reference', example: '12345678901' })

/**
 * What a partner is to the FSMA 204 records: a farm or an exempt supplier's goods get their TLC on
 * receipt (the receiver assigns it), a supplier's come with theirs.
 */
export const PartnerKind = z.enum(['supplier', 'farm', 'exempt_supplier', 'customer']).meta({ id: 'PartnerKind' })
export type PartnerKind = z.infer<typeof PartnerKind>

const text = (max: number, what: string) => name(max, what).nullish()

export const PartnerInput = z
  .object({
    name: name(200, 'business name').meta({ description: 'Business name, as the records print it' }),
    kind: PartnerKind.default('supplier'),
    phone: text(40, 'phone'),
    address: text(500, 'address').meta({ description: 'Street, city, state or region, postal code, country' }),
    gln: Gln.nullish(),
    fdaRegistration: FdaRegistration.nullish(),
  })
  .strict()
  .meta({ id: 'PartnerInput' })
export type PartnerInput = z.infer<typeof PartnerInput>

export const Partner = z
  .object({
    code: PartnerName.meta({ description: 'The partner as operations name it (their `partner`)' }),
    name: z.string(),
    kind: PartnerKind,
    phone: z.string().nullable(),
    address: z.string().nullable(),
    gln: z.string().nullable(),
    fdaRegistration: z.string().nullable(),
    updatedAt: z.string(),
    updatedBy: Actor.nullable(),
  })
  .meta({ id: 'Partner' })
export type Partner = z.infer<typeof Partner>

export const PartnerList = z.object({ partners: z.array(Partner) }).meta({ id: 'PartnerList' })
