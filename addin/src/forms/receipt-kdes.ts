/**
 * A receipt's FSMA 204 key data elements as the Record form holds them (text, as typed) and as
 * the API takes them (`kdes`): where and when the food was harvested, cooled and first packed.
 * Each event is optional; given, it needs its place and its date. Checked with the server's own
 * schema before anything is sent.
 */
import type { z } from 'zod'
import type { ErrorDetail } from '../../../shared/schemas/error'
import { ReceiptKdes } from '../../../shared/schemas/operation'
import { schemaProblems } from './validate'

export interface KdeDraft {
  harvestFarm: string
  harvestField: string
  harvestDate: string
  coolingLocation: string
  coolingDate: string
  packingLocation: string
  packingDate: string
}

export type KdeField = keyof KdeDraft

/** Each form field, the API path it fills, and its label. Harvest field is the only one an event may leave out. */
export const KDE_FORM: ReadonlyArray<{ event: 'harvest' | 'cooling' | 'initialPacking'; fields: ReadonlyArray<{ field: KdeField; key: string; label: string; date?: true; optional?: true }> }> = [
  { event: 'harvest', fields: [
    { field: 'harvestFarm', key: 'farm', label: 'Farm (name and address)' },
    { field: 'harvestField', key: 'field', label: 'Field or container', optional: true },
    { field: 'harvestDate', key: 'date', label: 'Harvest date', date: true },
  ] },
  { event: 'cooling', fields: [
    { field: 'coolingLocation', key: 'location', label: 'Cooling location' },
    { field: 'coolingDate', key: 'date', label: 'Cooling date', date: true },
  ] },
  { event: 'initialPacking', fields: [
    { field: 'packingLocation', key: 'location', label: 'Packing location' },
    { field: 'packingDate', key: 'date', label: 'Packing date', date: true },
  ] },
]

/** The API path of a form field (`kdes.harvest.date`): where its problems are shown. */
export function kdePath(field: KdeField): string {
  for (const e of KDE_FORM) for (const f of e.fields) if (f.field === field) return `kdes.${e.event}.${f.key}`
  throw new Error(`no KDE field ${field}`)
}

/** A label as a message says it: `Farm (name and address)` → `farm`. */
const word = (label: string) => label.replace(/ \(.*\)$/, '').toLowerCase()

/** An empty KDE draft. */
export function emptyKdes(): KdeDraft {
  return { harvestFarm: '', harvestField: '', harvestDate: '', coolingLocation: '', coolingDate: '', packingLocation: '', packingDate: '' }
}

/** True when any KDE field holds something. */
export function hasKdes(d: KdeDraft | undefined): boolean {
  return !!d && Object.values(d).some((v) => v.trim())
}

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

/** A KDE draft from a receipt's `kdes`: to edit a queued write. */
export function kdesToDraft(kdes: z.input<typeof ReceiptKdes> | undefined): KdeDraft {
  const d = emptyKdes()
  for (const e of KDE_FORM) {
    const given = (kdes?.[e.event] ?? {}) as Record<string, string | undefined>
    for (const f of e.fields) d[f.field] = given[f.key] ?? ''
  }
  return d
}
