import { z } from 'zod'
import { isTimeZone } from '../dates'

export const DateFormat = z.enum(['DMY', 'MDY', 'YMD']).meta({ description: 'How dates typed as text are read on import' })

export const Settings = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone').meta({ example: 'Europe/Brussels' }),
    dateFormat: DateFormat,
    allowNegativeStock: z.boolean().meta({ description: 'Untracked products may go below zero (tracked ones never do)' }),
    expiredShipping: z.enum(['block', 'warn']).meta({ description: '`warn` lets a delivery ship an expired lot with an override reason' }),
    showLotsOnDeliverySlips: z.boolean(),
    showExpirationOnDeliverySlips: z.boolean().meta({ description: 'Only with showLotsOnDeliverySlips' }),
    showLotsOnInvoices: z.boolean(),
  })
  .meta({ id: 'Settings' })
export type Settings = z.infer<typeof Settings>

export const SettingsPatch = Settings.partial().strict().meta({ id: 'SettingsPatch' })
export type SettingsPatch = z.infer<typeof SettingsPatch>

export const DEFAULT_SETTINGS: Settings = {
  timeZone: 'UTC',
  dateFormat: 'DMY',
  allowNegativeStock: false,
  expiredShipping: 'block',
  showLotsOnDeliverySlips: true,
  showExpirationOnDeliverySlips: false,
  showLotsOnInvoices: false,
}
