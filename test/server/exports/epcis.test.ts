import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseGs1 } from '../../../shared/gs1/scan'
import { gs1CheckDigit } from '../../../shared/gtin'
import { TestClock } from '../../helpers/clock'
import { epcisDocument, epcisFixture, getEpcis, schemaErrors, type EpcisDoc } from '../../helpers/epcis'
import { startServer, type Client, type TestServer } from '../../helpers/server'

let server: TestServer
let admin: Client

/** A valid GTIN-14 ending in `n`. */
const gtin = (n: number) => {
  const body = `0950110153${String(n).padStart(3, '0')}`
  return `${body}${gs1CheckDigit(body)}`
}
const GTIN = { MILK: gtin(1), CHEESE: gtin(2), SALT: gtin(3), PHONE: gtin(4) }
/** GLNs of the cold room and of the shop (GS1's example company prefix). */
const COLD_GLN = '0614141000005'
const SHOP_GLN = `061414100001${gs1CheckDigit('061414100001')}`
const lotUri = (sku: keyof typeof GTIN, lot: string) => `https://id.gs1.org/01/${GTIN[sku]}/10/${lot}`

async function ok(p: Promise<{ status: number; body: unknown }>) {
  const r = await p
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300)
  return r.body
}

beforeAll(async () => {
  server = await startServer({ clock: new TestClock('2026-06-15T10:00:00Z') })
  admin = server.admin
  await ok(admin.patch('/settings', { timeZone: 'Europe/Brussels' }))
  await ok(admin.put('/products/MILK', { name: 'Raw milk', uom: 'L', tracking: 'lot', gtin: GTIN.MILK }))
  await ok(admin.put('/products/CHEESE', { name: 'Cheese', uom: 'kg', tracking: 'lot', gtin: GTIN.CHEESE }))
  await ok(admin.put('/products/SALT', { name: 'Salt', uom: 'kg', gtin: GTIN.SALT }))
  await ok(admin.put('/products/PHONE', { name: 'Phone', uom: 'Units', tracking: 'serial', gtin: GTIN.PHONE }))
  await ok(admin.put('/products/NOGTIN', { name: 'Unlabelled', tracking: 'lot' }))
  await ok(admin.put(`/locations/${encodeURIComponent('WH/Stock/Cold')}`, { name: 'Cold room', gln: COLD_GLN }))
  await ok(admin.put('/partners/Shop', { name: 'The Shop', kind: 'customer', gln: SHOP_GLN }))
  const post = (op: object) => ok(admin.post('/operations', op))
  // Brussels goes from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
  await post({ id: 'r1', type: 'receipt', reference: 'PO-1', partner: 'Dairy Farm', date: '2026-03-28T10:00:00Z', lines: [
    { product: 'MILK', lot: 'M1', qty: 100 }, { product: 'MILK', lot: 'M2', qty: 30 } ] })
  await post({ id: 'r2', type: 'receipt', reference: 'PO-2', partner: 'Wholesaler', date: '2026-03-30T10:00:00Z', lines: [
    { product: 'SALT', qty: 10 }, { product: 'PHONE', serials: ['SN1', 'SN2'] } ] })
  await post({ id: 'p1', type: 'production', reference: 'MO-1', date: '2026-03-31T08:00:00Z',
    consume: [{ product: 'MILK', lot: 'M1', qty: 60 }, { product: 'MILK', lot: 'M2', qty: 30 }, { product: 'SALT', qty: 1.5 }],
    produce: [
      { product: 'CHEESE', lot: 'C1', qty: 6, inputs: [{ product: 'MILK', lot: 'M1' }] },
      { product: 'CHEESE', lot: 'C2', qty: 3, inputs: [{ product: 'MILK', lot: 'M2' }] },
    ] })
  await post({ id: 't1', type: 'internal', reference: 'INT-1', date: '2026-04-01T08:00:00Z', lines: [
    { product: 'CHEESE', lot: 'C1', qty: 2, from: 'WH/Stock', to: 'WH/Stock/Cold' } ] })
  await post({ id: 'd1', type: 'delivery', reference: 'OUT-1', partner: 'Shop', date: '2026-04-02T08:00:00Z', lines: [
    { product: 'CHEESE', lot: 'C1', qty: 3 }, { product: 'PHONE', serials: ['SN1'] } ] })
  await post({ id: 's1', type: 'scrap', reference: 'SCRAP-1', date: '2026-04-03T08:00:00Z', lines: [{ product: 'CHEESE', lot: 'C2', qty: 1 }] })
  await post({ id: 'a1', type: 'adjustment', reference: 'COUNT-1', date: '2026-04-04T08:00:00Z', lines: [
    { product: 'CHEESE', lot: 'C2', location: 'WH/Stock', countedQty: 1.5 } ] })
  await post({ id: 'ret1', type: 'return', reference: 'RET-1', correctionOf: 'd1', date: '2026-04-05T08:00:00Z', lines: [{ product: 'PHONE', serials: ['SN1'] }] })
  // After the range most tests ask for: a product EPCIS cannot name.
  await post({ id: 'r3', type: 'receipt', reference: 'PO-3', date: '2026-05-01T08:00:00Z', lines: [{ product: 'NOGTIN', lot: 'X1', qty: 5 }] })
})
afterAll(() => server.close())

const RANGE = 'after=2026-03-01&before=2026-05-01'
const events = (doc: EpcisDoc) => doc.epcisBody.eventList
const withStep = (doc: EpcisDoc, step: string) => events(doc).filter((e) => e.bizStep === step)

describe('EPCIS: the schema itself', () => {
  it('takes GS1\'s own examples and refuses a broken document', () => {
    expect(schemaErrors(epcisFixture('example-object-event.jsonld'))).toEqual([])
    expect(schemaErrors(epcisFixture('example-transformation-event.jsonld'))).toEqual([])
    const broken = epcisFixture('example-object-event.jsonld') as EpcisDoc
    delete broken.epcisBody.eventList[0].eventTimeZoneOffset
    expect(schemaErrors(broken)).not.toEqual([])
  })
})

describe('GET /exports/epcis.jsonld for a date range', () => {
  it('is an EPCISDocument of schema version 2.0 with GS1\'s context', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    expect(doc).toMatchObject({ type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-06-15T10:00:00.000Z' })
    expect(doc['@context']).toEqual(['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'])
    expect(doc['lotledger:omitted']).toBeUndefined()
  })

  it('writes receipts as receiving, with lots, serials, units, the reference as a po and the supplier as source', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    const [r1, r2] = withStep(doc, 'receiving').filter((e) => e.disposition === 'in_progress')
    expect(r1).toMatchObject({
      type: 'ObjectEvent', action: 'OBSERVE', eventTime: '2026-03-28T10:00:00.000Z', eventTimeZoneOffset: '+01:00',
      quantityList: [{ epcClass: lotUri('MILK', 'M1'), quantity: 100, uom: 'LTR' }, { epcClass: lotUri('MILK', 'M2'), quantity: 30, uom: 'LTR' }],
      bizTransactionList: [{ type: 'po', bizTransaction: 'urn:lotledger:default:bt:PO-1' }],
      sourceList: [{ type: 'owning_party', source: 'urn:lotledger:default:party:Dairy%20Farm' }],
      readPoint: { id: 'urn:lotledger:default:location:WH%2FStock' }, bizLocation: { id: 'urn:lotledger:default:location:WH%2FStock' },
    })
    expect(r1.epcList).toBeUndefined()
    // After the clocks went forward.
    expect(r2).toMatchObject({
      eventTimeZoneOffset: '+02:00',
      epcList: [`https://id.gs1.org/01/${GTIN.PHONE}/21/SN1`, `https://id.gs1.org/01/${GTIN.PHONE}/21/SN2`],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${GTIN.SALT}`, quantity: 10, uom: 'KGM' }],
    })
  })

  it('writes a production as one transformation per produced lot, from the lots that made it', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    const made = events(doc).filter((e) => e.type === 'TransformationEvent')
    expect(made).toHaveLength(2)
    expect(made[0]).toMatchObject({
      bizStep: 'commissioning', eventTimeZoneOffset: '+02:00',
      // M1 went into C1 alone: all of it that was consumed; the salt went into both, so its split is unknown.
      inputQuantityList: [{ epcClass: lotUri('MILK', 'M1'), quantity: 60, uom: 'LTR' }, { epcClass: `https://id.gs1.org/01/${GTIN.SALT}` }],
      outputQuantityList: [{ epcClass: lotUri('CHEESE', 'C1'), quantity: 6, uom: 'KGM' }],
      bizTransactionList: [{ type: 'prodorder', bizTransaction: 'urn:lotledger:default:bt:MO-1' }],
    })
    expect(made[1]).toMatchObject({
      inputQuantityList: [{ epcClass: lotUri('MILK', 'M2'), quantity: 30, uom: 'LTR' }, { epcClass: `https://id.gs1.org/01/${GTIN.SALT}` }],
      outputQuantityList: [{ epcClass: lotUri('CHEESE', 'C2'), quantity: 3, uom: 'KGM' }],
    })
    expect(made[0].inputQuantityList[1].quantity).toBeUndefined()
  })

  it('writes transfers, deliveries, scrap, counts and returns as CBV events', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    // A location and a partner with a GLN are named by it; the others by our URNs.
    const cold = `https://id.gs1.org/414/${COLD_GLN}`
    const stock = 'urn:lotledger:default:location:WH%2FStock'
    expect(withStep(doc, 'storing')).toMatchObject([{
      action: 'OBSERVE', quantityList: [{ epcClass: lotUri('CHEESE', 'C1'), quantity: 2, uom: 'KGM' }],
      sourceList: [{ type: 'location', source: stock }], destinationList: [{ type: 'location', destination: cold }], bizLocation: { id: cold },
    }])
    const [shipped, returnedToUs] = [withStep(doc, 'shipping'), withStep(doc, 'receiving').filter((e) => e.disposition === 'returned')]
    expect(shipped).toHaveLength(1)
    expect(shipped[0]).toMatchObject({
      action: 'OBSERVE', disposition: 'in_transit', readPoint: { id: stock },
      quantityList: [{ epcClass: lotUri('CHEESE', 'C1'), quantity: 3 }], epcList: [`https://id.gs1.org/01/${GTIN.PHONE}/21/SN1`],
      bizTransactionList: [{ type: 'desadv', bizTransaction: 'urn:lotledger:default:bt:OUT-1' }],
      destinationList: [{ type: 'owning_party', destination: `https://id.gs1.org/417/${SHOP_GLN}` }],
    })
    expect(shipped[0].bizLocation).toBeUndefined()
    expect(withStep(doc, 'destroying')).toMatchObject([{ action: 'DELETE', disposition: 'destroyed', quantityList: [{ epcClass: lotUri('CHEESE', 'C2'), quantity: 1 }] }])
    // Counted 1.5 where 2 were: half a kilo missing.
    expect(withStep(doc, 'stock_taking')).toMatchObject([{ action: 'DELETE', readPoint: { id: stock }, quantityList: [{ epcClass: lotUri('CHEESE', 'C2'), quantity: 0.5, uom: 'KGM' }] }])
    expect(returnedToUs).toMatchObject([{
      action: 'OBSERVE', epcList: [`https://id.gs1.org/01/${GTIN.PHONE}/21/SN1`],
      bizTransactionList: [{ type: 'rma', bizTransaction: 'urn:lotledger:default:bt:RET-1' }, { type: 'desadv', bizTransaction: 'urn:lotledger:default:bt:OUT-1' }],
      sourceList: [{ type: 'owning_party', source: `https://id.gs1.org/417/${SHOP_GLN}` }],
    }])
  })
})

describe('GET /exports/epcis.jsonld against the ledger', () => {
  it('holds every move of the range once, in the lists of its operation\'s events', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    const { moves } = (await ok(admin.get('/moves?after=2026-03-01&before=2026-05-01&limit=1000')) as { moves: Array<{ product: keyof typeof GTIN; lot: string | null; qty: number; operationType: string; from: string }> })
    const key = (uri: string, qty: number | undefined) => `${uri} ${qty ?? '?'}`
    // Each move as the document names it, outputs and inputs of the production apart.
    const expected = moves.map((m) => {
      const uri = m.product === 'PHONE' ? `https://id.gs1.org/01/${GTIN.PHONE}/21/${m.lot}` : m.lot ? lotUri(m.product, m.lot) : `https://id.gs1.org/01/${GTIN[m.product]}`
      const side = m.operationType !== 'production' ? 'object' : m.from === 'Production' ? 'output' : 'input'
      return `${side} ${key(uri, m.product === 'PHONE' ? 1 : m.product === 'SALT' && side === 'input' ? undefined : m.qty)}`
    })
    const found: string[] = []
    for (const e of events(doc)) {
      const add = (side: string, list: Array<{ epcClass: string; quantity?: number }> = [], epcs: string[] = []) => {
        for (const q of list) found.push(`${side} ${key(q.epcClass, q.quantity)}`)
        for (const epc of epcs) found.push(`${side} ${key(epc, 1)}`)
      }
      if (e.type === 'TransformationEvent') {
        add('output', e.outputQuantityList, e.outputEPCList)
        // The salt is named by both outputs, once per output.
        add('input', (e.inputQuantityList as Array<{ epcClass: string }>).filter((q) => !q.epcClass.endsWith(GTIN.SALT) || e === events(doc).find((x) => x.type === 'TransformationEvent')), e.inputEPCList)
      } else add('object', e.quantityList, e.epcList)
    }
    expect(found.sort()).toEqual(expected.sort())
  })

  it('gives every event an id of its own, the same in every export, whatever the range', async () => {
    const first = events(await epcisDocument(server.url, admin, RANGE)).map((e) => e.eventID as string)
    expect(new Set(first).size).toBe(first.length)
    for (const id of first) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(events(await epcisDocument(server.url, admin, RANGE)).map((e) => e.eventID)).toEqual(first)
    const april = events(await epcisDocument(server.url, admin, 'after=2026-04-01&before=2026-04-06')).map((e) => e.eventID)
    expect(april).toEqual(first.slice(4))
  })

  it('names lots and serials with Digital Links GS1\'s own parser reads back', async () => {
    const doc = await epcisDocument(server.url, admin, RANGE)
    const uris = events(doc).flatMap((e) => [
      ...(e.epcList ?? []), ...(e.outputEPCList ?? []),
      ...[...(e.quantityList ?? []), ...(e.inputQuantityList ?? []), ...(e.outputQuantityList ?? [])].map((q: { epcClass: string }) => q.epcClass),
      // Places and parties with a GLN.
      ...[e.readPoint?.id, e.bizLocation?.id, ...(e.sourceList ?? []).map((x: { source: string }) => x.source),
        ...(e.destinationList ?? []).map((x: { destination: string }) => x.destination)].filter((id) => id?.startsWith('https://')),
    ] as string[])
    expect(uris.filter((u) => u.includes('/414/') || u.includes('/417/')).length).toBeGreaterThan(2)
    expect(uris.length).toBeGreaterThan(10)
    for (const uri of uris) expect(parseGs1(uri, { today: '2026-06-15' }), uri).toMatchObject({ ok: true })
  })
})

describe('GET /exports/epcis.jsonld: what EPCIS cannot express', () => {
  it('answers 422 epcis_incomplete naming the product without a GTIN and its moves', async () => {
    const r = await getEpcis(server.url, admin)
    expect(r.status).toBe(422)
    expect(JSON.parse(r.text)).toEqual({ error: {
      code: 'epcis_incomplete',
      message: 'EPCIS cannot express 1 move of 1 product (details name each); give them GTINs, or ask with skipIncomplete=true to leave them out',
      details: [{ path: 'NOGTIN', message: 'has no GTIN (1 move)' }],
    } })
  })

  it('with skipIncomplete=true writes what it can and lists what it left out', async () => {
    const r = await getEpcis(server.url, admin, 'skipIncomplete=true')
    expect(r.headers.get('x-epcis-omitted-moves')).toBe('1')
    const doc = await epcisDocument(server.url, admin, 'skipIncomplete=true')
    expect(doc['@context']).toEqual(['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', { lotledger: 'urn:lotledger:epcis:' }])
    expect(doc['lotledger:omitted']).toEqual([{ product: 'NOGTIN', lot: null, problem: 'has no GTIN', moves: 1 }])
    expect(events(doc).map((e) => e.eventID)).toEqual(events(await epcisDocument(server.url, admin, RANGE)).map((e) => e.eventID))
  })

  it('refuses a lot GS1 cannot carry and a unit without a UN/CEFACT code', async () => {
    const other = await server.workspace('odd')
    await ok(other.put('/products/JAM', { name: 'Jam', uom: 'Jars of 6', tracking: 'lot', gtin: gtin(9) }))
    await ok(other.put('/products/OIL', { name: 'Oil', uom: 'l', tracking: 'lot', gtin: gtin(8) }))
    await ok(other.post('/operations', { id: 'o1', type: 'receipt', reference: 'PO-9', lines: [
      { product: 'JAM', lot: 'J1', qty: 2 }, { product: 'OIL', lot: 'lot with spaces', qty: 1 }, { product: 'OIL', lot: 'OK1', qty: 1 } ] }))
    const r = await getEpcis(server.url, other)
    expect(r.status).toBe(422)
    expect(JSON.parse(r.text).error.details).toEqual([
      { path: 'JAM', message: 'its unit "Jars of 6" has no UN/CEFACT code (1 move)' },
      { path: 'OIL/lot with spaces', message: 'lot "lot with spaces" is not a GS1 lot (AI 10): " " is not allowed here: GS1\'s 82 characters (letters, digits and !"%&\'()*+,-./:;<=>?_) (1 move)' },
    ])
    const doc = await epcisDocument(server.url, other, 'skipIncomplete=true')
    expect(events(doc)).toHaveLength(1)
    expect(events(doc)[0].quantityList).toEqual([{ epcClass: `https://id.gs1.org/01/${gtin(8)}/10/OK1`, quantity: 1, uom: 'LTR' }])
  })
})

describe('GET /exports/epcis.jsonld for one lot', () => {
  it('holds the lot\'s trace both ways: where it came from and where it went', async () => {
    const doc = await epcisDocument(server.url, admin, 'product=CHEESE&lot=C1')
    expect(events(doc).map((e) => `${e.type} ${e.bizStep}`)).toEqual([
      'ObjectEvent receiving', 'TransformationEvent commissioning', 'ObjectEvent storing', 'ObjectEvent shipping',
    ])
    // Only the lot's own moves: not M2, not the phone delivered with it.
    expect(events(doc)[0].quantityList).toEqual([{ epcClass: lotUri('MILK', 'M1'), quantity: 100, uom: 'LTR' }])
    expect(events(doc)[3].epcList).toBeUndefined()
  })

  it('answers HEAD with the download\'s headers and no body', async () => {
    const res = await fetch(`${server.url}/api/v1/exports/epcis.jsonld?product=CHEESE&lot=C1`, { method: 'HEAD', headers: { authorization: `Bearer ${admin.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/ld+json')
    expect(res.headers.get('content-disposition')).toContain('filename="EPCIS CHEESE C1 2026-06-15.jsonld"')
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('refuses a lot without its product, a lot with a range, and unknown lots', async () => {
    const status = async (q: string) => {
      const r = await getEpcis(server.url, admin, q)
      return [r.status, JSON.parse(r.text).error.code, JSON.parse(r.text).error.details?.[0]?.path]
    }
    expect(await status('lot=C1')).toEqual([400, 'validation_failed', 'product'])
    expect(await status('product=CHEESE&lot=C1&after=2026-01-01')).toEqual([400, 'validation_failed', 'after'])
    expect(await status('after=2026-05-01&before=2026-04-01')).toEqual([400, 'validation_failed', 'after'])
    expect(await status('skipIncomplete=yes')).toEqual([400, 'validation_failed', 'skipIncomplete'])
    expect((await status('product=CHEESE&lot=NOPE')).slice(0, 2)).toEqual([404, 'not_found'])
  })
})
