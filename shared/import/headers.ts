/**
 * Matching spreadsheet column headers to fields, whatever their case, spacing or order, with
 * the names people use for them.
 */

/** Fields a row of lines or an import can carry. */
export type FieldName =
  | 'id' | 'reference' | 'date' | 'partner' | 'type' | 'product' | 'name' | 'lot' | 'serial' | 'qty' | 'uom' | 'from' | 'to'
  | 'location' | 'package' | 'expirationDate' | 'bestBeforeDate' | 'removalDate' | 'alertDate' | 'productionDate'
  | 'countedQty' | 'ref' | 'note' | 'gtin' | 'tracking' | 'kind' | 'expirationDays' | 'bestBeforeDays' | 'removalDays'
  | 'alertDays' | 'inputs' | 'role' | 'barcode' | 'foodTraceabilityList' | 'phone' | 'address' | 'gln' | 'fdaRegistration'
  | 'harvestFarm' | 'harvestField' | 'harvestDate' | 'coolingLocation' | 'coolingDate' | 'packingLocation' | 'packingDate'

const SYNONYMS: Record<FieldName, string[]> = {
  id: ['id', 'row id', 'line id', 'client id'],
  reference: ['reference', 'ref no', 'document', 'document number', 'po', 'po number', 'order', 'order number', 'receipt', 'delivery', 'picking'],
  date: ['date', 'operation date', 'receipt date', 'delivery date', 'done date'],
  partner: ['partner', 'supplier', 'vendor', 'customer', 'contact'],
  type: ['type', 'operation', 'operation type'],
  product: ['product', 'sku', 'item', 'item code', 'product code', 'article', 'article number', 'part', 'part number', 'internal reference'],
  name: ['name', 'product name', 'description', 'item name', 'designation', 'business name', 'company name'],
  lot: ['lot', 'lot/serial', 'lot / serial', 'lot number', 'lot no', 'batch', 'batch number', 'batch no', 'lot/serial number', 'tlc', 'traceability lot code'],
  serial: ['serial', 'serial number', 'serial no', 'sn', 's/n'],
  qty: ['qty', 'quantity', 'qty done', 'amount', 'units', 'count'],
  uom: ['uom', 'unit', 'unit of measure', 'units of measure'],
  from: ['from', 'source', 'source location', 'from location'],
  to: ['to', 'destination', 'destination location', 'to location'],
  location: ['location', 'code', 'location code', 'bin', 'warehouse location', 'place'],
  package: ['package', 'pallet', 'box', 'container', 'sscc'],
  expirationDate: ['expiration', 'expiration date', 'expiry', 'expiry date', 'exp', 'exp date', 'use by', 'expires'],
  bestBeforeDate: ['best before', 'best before date', 'bbd', 'best-before'],
  removalDate: ['removal', 'removal date'],
  alertDate: ['alert', 'alert date'],
  productionDate: ['production date', 'produced', 'manufacturing date', 'mfg date'],
  countedQty: ['counted', 'counted qty', 'counted quantity', 'physical count', 'count qty'],
  ref: ['lot ref', 'lot reference', 'internal ref', 'manufacturer lot', 'supplier lot', 'vendor lot'],
  note: ['note', 'notes', 'comment', 'comments', 'remark'],
  gtin: ['gtin', 'ean', 'upc', 'ean13'],
  tracking: ['tracking', 'traceability', 'tracked by'],
  kind: ['kind', 'location type', 'usage', 'partner kind', 'partner type'],
  expirationDays: ['expiration days', 'expiry days', 'shelf life', 'shelf life days'],
  bestBeforeDays: ['best before days'],
  removalDays: ['removal days'],
  alertDays: ['alert days'],
  inputs: ['inputs', 'made from', 'input lots'],
  role: ['role', 'consume/produce', 'in/out'],
  foodTraceabilityList: ['food traceability list', 'ftl', 'on ftl', 'fsma 204', 'on the food traceability list'],
  phone: ['phone', 'phone number', 'telephone', 'tel'],
  address: ['address', 'business address', 'street address'],
  gln: ['gln', 'global location number', 'gs1 gln'],
  fdaRegistration: ['fda registration', 'fda registration number', 'fda reg', 'ffr', 'food facility registration', 'ffrn'],
  harvestFarm: ['harvest farm', 'farm', 'harvested at', 'harvest location'],
  harvestField: ['harvest field', 'field', 'harvest container'],
  harvestDate: ['harvest date', 'harvested', 'date harvested', 'harvested on'],
  coolingLocation: ['cooling location', 'cooled at'],
  coolingDate: ['cooling date', 'cooled', 'date cooled', 'cooled on'],
  packingLocation: ['packing location', 'initial packing location', 'packed at', 'packinghouse'],
  packingDate: ['packing date', 'initial packing date', 'date packed', 'packed on'],
  barcode: ['barcode', 'bar code', 'gs1', 'gs1 barcode', 'gs1 code', 'gs1 data', 'scan', 'scanned', 'scanned barcode', 'digital link'],
}

/** A header as compared: lower case, punctuation and spacing collapsed ("Lot / Serial " → "lot/serial"). */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[_.:#()]+/g, ' ')
    .replace(/\s*\/\s*/g, '/')
    .replace(/\s+/g, ' ')
    .trim()
}

const LOOKUP = new Map<string, FieldName>()
for (const [field, names] of Object.entries(SYNONYMS) as Array<[FieldName, string[]]>) {
  for (const n of [field, ...names]) {
    const key = normalizeHeader(n)
    if (!LOOKUP.has(key)) LOOKUP.set(key, field)
  }
}

/** The field a header stands for, or null. */
export function fieldOf(header: string): FieldName | null {
  return LOOKUP.get(normalizeHeader(header)) ?? LOOKUP.get(normalizeHeader(header).replace(/\s/g, '')) ?? null
}

/** Which column holds which field (the first column wins), and the headers no field matched. */
export function matchHeaders(headers: string[], wanted?: readonly FieldName[]): { columns: Partial<Record<FieldName, number>>; unknown: string[] } {
  const columns: Partial<Record<FieldName, number>> = {}
  const unknown: string[] = []
  headers.forEach((h, i) => {
    if (!h || !String(h).trim()) return
    let f = fieldOf(String(h))
    // A kind without operation references (lots) reads "Reference" as the lot's own reference.
    if (f === 'reference' && wanted && !wanted.includes('reference') && wanted.includes('ref')) f = 'ref'
    // Partners have no locations: their "Code" is the name operations give them.
    if (f === 'location' && normalizeHeader(String(h)) === 'code' && wanted && !wanted.includes('location') && wanted.includes('partner')) f = 'partner'
    // Products have no scans to read: their Barcode column is the GTIN.
    if (f === 'barcode' && wanted && !wanted.includes('barcode') && wanted.includes('gtin')) f = 'gtin'
    if (f && (!wanted || wanted.includes(f)) && columns[f] === undefined) columns[f] = i
    else if (!f || !wanted?.includes(f)) unknown.push(String(h))
  })
  return { columns, unknown }
}
