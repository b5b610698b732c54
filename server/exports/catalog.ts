/** The reports there are and the filters each takes: what the HTTP routes and `npm run export` agree on. */

export const REPORTS = {
  trace: { filters: ['product', 'lot', 'direction'], required: ['product', 'lot'], about: 'a lot, upstream and downstream, with levels' },
  recall: { filters: ['product', 'lot'], required: ['product', 'lot'], about: 'everything made from a lot, who got it, what is on hand' },
  stock: { filters: ['product', 'lot', 'location'], required: [], about: 'stock on hand by location and lot' },
  lots: { filters: ['product'], required: [], about: 'lots and serials with their dates' },
  expiring: { filters: [], required: [], about: 'lots in alert with stock on hand' },
  moves: { filters: ['product', 'lot', 'location', 'reference', 'after', 'before'], required: [], about: 'move history' },
  'delivery-slip': { filters: ['reference'], required: ['reference'], about: 'the delivery slip of a delivery' },
  audit: { filters: ['after', 'before'], required: [], about: 'every write of the workspace: when, who, what' },
  'recall-case': { filters: ['id'], required: ['id'], about: 'a recall opened with POST /recalls: customers to notify, stock to quarantine, progress' },
} as const satisfies Record<string, { filters: readonly string[]; required: readonly string[]; about: string }>

export type ReportName = keyof typeof REPORTS

export function isReportName(name: string): name is ReportName {
  return Object.hasOwn(REPORTS, name)
}
