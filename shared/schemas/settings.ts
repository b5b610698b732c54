import { z } from 'zod'
import { isTimeZone } from '../dates'

export const DateFormat = z.enum(['DMY', 'MDY', 'YMD']).meta({ description: 'How dates typed as text are read on import' })

/** Most lines a document text holds: each is a row of the printed page. */
export const DOCUMENT_TEXT_LINES = 8

/** No control characters but line breaks: they would corrupt the .xlsx files the text goes into. */
const TEXT_WITH_LINES = /^[^\u0000-\u0009\u000b-\u001f\u007f-\u009f]*$/

/** Text of at most `max` characters on {@link DOCUMENT_TEXT_LINES} lines; null for none. */
const documentText = (max: number, description: string) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .regex(TEXT_WITH_LINES, 'has control characters (only line breaks are taken)')
    .refine((s) => s.split('\n').length <= DOCUMENT_TEXT_LINES, `more than ${DOCUMENT_TEXT_LINES} lines`)
    .nullable()
    .meta({ description })

/** What documents handed to others (delivery slips) say about the sender, and the paper every report prints on. */
export const DocumentSettings = z
  .object({
    sender: documentText(1000, 'Printed at the top of delivery slips, one line each: company name, address, VAT number, phone'),
    deliverySlipFooter: documentText(1000, 'Printed under the signature lines of delivery slips: terms, whom to call about a problem'),
    paperSize: z.enum(['A4', 'Letter']).meta({ description: 'Paper that reports and delivery slips are set up to print on' }),
  })
  .strict()
  .meta({ id: 'DocumentSettings' })
export type DocumentSettings = z.infer<typeof DocumentSettings>

export const Settings = z
  .object({
    timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone').meta({ example: 'Europe/Brussels' }),
    dateFormat: DateFormat,
    allowNegativeStock: z.boolean().meta({ description: 'Untracked products may go below zero (tracked ones never do)' }),
    expiredShipping: z.enum(['block', 'warn']).meta({ description: '`warn` lets a delivery ship an expired lot with an override reason' }),
    showLotsOnDeliverySlips: z.boolean(),
    showExpirationOnDeliverySlips: z.boolean().meta({ description: 'Only with showLotsOnDeliverySlips' }),
    showLotsOnInvoices: z.boolean(),
    documents: DocumentSettings,
  })
  .meta({ id: 'Settings' })
export type Settings = z.infer<typeof Settings>

/** A change of some settings; `documents` too may name only the fields it changes. */
export const SettingsPatch = Settings.partial()
  .extend({ documents: DocumentSettings.partial().strict().optional() })
  .strict()
  .meta({ id: 'SettingsPatch' })
export type SettingsPatch = z.infer<typeof SettingsPatch>

export const DEFAULT_SETTINGS: Settings = {
  timeZone: 'UTC',
  dateFormat: 'DMY',
  allowNegativeStock: false,
  expiredShipping: 'block',
  showLotsOnDeliverySlips: true,
  showExpirationOnDeliverySlips: false,
  showLotsOnInvoices: false,
  documents: { sender: null, deliverySlipFooter: null, paperSize: 'A4' },
}

/**
 * Settings as kept by a ledger of any age: fields added since it was written take their
 * defaults (the document settings came after the first ledgers).
 */
export function withSettingDefaults(stored: Partial<Settings>): Settings {
  return { ...DEFAULT_SETTINGS, ...stored, documents: { ...DEFAULT_SETTINGS.documents, ...stored.documents } }
}
