/**
 * A receipt's KDEs as the API takes them, checked with the server's own schema before anything is
 * sent. Apart from the form's fields (receipt-kdes.ts), which the pane's first screen reaches when
 * it reopens a queued write: the schema is loaded with the Record panel, not with the pane.
 */
import type { z } from 'zod'
import type { ErrorDetail } from '../../../shared/schemas/error'
import { ReceiptKdes } from '../../../shared/schemas/operation'
import { hasKdes, kdePath, KDE_FORM, type KdeDraft } from './receipt-kdes'
import { schemaProblems } from './validate'

/** A label as a message says it: `Farm (name and address)` → `farm`. */
const word = (label: string) => label.replace(/ \(.*\)$/, '').toLowerCase()

/**
 * The `kdes` of `d` (undefined when none is typed), with the problems found: an event given in
 * part (a farm without its date, a date without its place), then the schema's own.
 */
export function kdesToBody(d: KdeDraft | undefined): { kdes: z.input<typeof ReceiptKdes> | undefined; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = []
  if (!d || !hasKdes(d)) return { kdes: undefined, problems }
  const kdes: Record<string, Record<string, string>> = {}
  for (const e of KDE_FORM) {
    const given = e.fields.filter((f) => d[f.field].trim())
    if (!given.length) continue
    kdes[e.event] = Object.fromEntries(given.map((f) => [f.key, d[f.field].trim()]))
    for (const f of e.fields) {
      if (f.optional || d[f.field].trim()) continue
      const named = given.find((g) => !g.optional) ?? given[0]
      problems.push({ path: kdePath(f.field), message: `give the ${word(f.label)} too, or clear the ${word(named.label)}` })
    }
  }
  const said = new Set(problems.map((p) => p.path))
  for (const p of schemaProblems(ReceiptKdes, kdes)) if (!said.has(`kdes.${p.path}`)) problems.push({ ...p, path: `kdes.${p.path}` })
  return { kdes: kdes as z.input<typeof ReceiptKdes>, problems }
}
