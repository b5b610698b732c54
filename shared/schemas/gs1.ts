/** GS1 scans read by the server (POST /gs1/parse): the request and the answer. */
import { z } from 'zod'
import { separatorProblem } from '../gs1/scan'

export const Gs1ParseInput = z
  .object({
    data: z.string().min(1, 'data is empty').max(4096, 'data is longer than 4096 characters').meta({
      description: 'What was scanned: a bracketed element string `(01)…(17)…(10)…`, a raw scan with its symbology identifier (`]C1`, `]d2`, `]Q3`, `]e0`) and GS (ASCII 29) or a stand-in (`<GS>`, `{GS}`, `^]`, `\\u001d`) between elements, a GS1 Digital Link URI, or a plain GTIN',
      example: ']C101095011015300031726033110ABC123',
    }),
    separator: z.string().check((ctx) => {
      const problem = separatorProblem(ctx.value)
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
    }).optional().meta({ description: 'A further stand-in the scanner types for GS (such as `|` or `~`)' }),
    zeroSuppressedGtin: z.boolean().optional().meta({ description: 'Accept a GTIN-8/12/13 for (01) in a Digital Link path (padded to 14 digits)' }),
  })
  .strict()
  .meta({ id: 'Gs1ParseInput' })

export const Gs1Parsed = z
  .object({
    form: z.enum(['bracketed', 'raw', 'digital-link', 'gtin']).meta({ description: 'How the data came' }),
    ais: z.array(z.object({ ai: z.string(), value: z.string() })).meta({ description: 'The elements in the order scanned' }),
    gtin: z.string().optional().meta({ description: '(01), or (02) for the trade items a logistic unit contains; 14 digits' }),
    lot: z.string().optional().meta({ description: '(10)' }),
    serial: z.string().optional().meta({ description: '(21)' }),
    sscc: z.string().optional().meta({ description: '(00)' }),
    expirationDate: z.string().optional().meta({ description: '(17) as YYYY-MM-DD; day 00 gives the last day of the month' }),
    expirationPrecision: z.enum(['day', 'month']).optional().meta({ description: '`month` when (17) gave only the month (day 00)' }),
    bestBeforeDate: z.string().optional().meta({ description: '(15)' }),
    productionDate: z.string().optional().meta({ description: '(11)' }),
    quantity: z.object({ value: z.number(), unit: z.enum(['units', 'kg']), ai: z.string() }).optional()
      .meta({ description: 'The count of (30) or (37), else the net weight of (310n) in kg' }),
    netWeightKg: z.number().optional().meta({ description: '(310n): n decimals (3103 000195 is 0.195 kg)' }),
    digitalLink: z.string().nullable().meta({ description: 'The canonical GS1 Digital Link of the data, null without a GS1 key' }),
    product: z.object({ sku: z.string(), name: z.string() }).nullable().meta({ description: 'The product with this GTIN in the workspace' }),
    lotKnown: z.boolean().meta({ description: 'The lot (or serial) is registered for that product' }),
  })
  .meta({ id: 'Gs1Parsed' })
export type Gs1Parsed = z.infer<typeof Gs1Parsed>
