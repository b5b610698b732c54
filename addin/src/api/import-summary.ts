/** The summary an annotated import carries in its `x-lotledger-import` header, read with the shared report schema. */
import { z } from 'zod'
import { ImportReport } from '../../../shared/import/report'

const Summary = ImportReport.pick({ applied: true, rows: true, counts: true }).extend({ problems: z.number().int() })
export type ImportSummary = z.infer<typeof Summary>

/** The summary in `headers`, or null when it is missing or unreadable. */
export function importSummary(headers: Headers): ImportSummary | null {
  try {
    const parsed = Summary.safeParse(JSON.parse(headers.get('x-lotledger-import') ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
