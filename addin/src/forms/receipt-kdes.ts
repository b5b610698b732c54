/**
 * A receipt's FSMA 204 key data elements as the Record form holds them (text, as typed) and as
 * the API takes them (`kdes`): where and when the food was harvested, cooled and first packed.
 * Each event is optional; given, it needs its place and its date (checked in kdes-body.ts).
 */
import type { z } from 'zod'
import type { ReceiptKdes } from '../../../shared/schemas/operation'

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

/** An empty KDE draft. */
export function emptyKdes(): KdeDraft {
  return { harvestFarm: '', harvestField: '', harvestDate: '', coolingLocation: '', coolingDate: '', packingLocation: '', packingDate: '' }
}

/** True when any KDE field holds something. */
export function hasKdes(d: KdeDraft | undefined): boolean {
  return !!d && Object.values(d).some((v) => v.trim())
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
