import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { errorPaths, expectErrorShape } from '../../helpers/error-shape'
import { fetchJson, startServer, type Client, type TestServer } from '../../helpers/server'

describe('settings', () => {
  let server: TestServer
  let admin: Client
  const count = async () => (await admin.get('/changes?limit=5000')).body.changes.length

  beforeEach(async () => {
    server = await startServer()
    admin = server.admin
  })

  afterEach(async () => {
    await server.close()
  })

  it('GET /settings answers the defaults', async () => {
    const r = await admin.get('/settings')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      timeZone: 'UTC', dateFormat: 'DMY', allowNegativeStock: false, expiredShipping: 'block',
      showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false, showLotsOnInvoices: false,
      documents: { sender: null, deliverySlipFooter: null, paperSize: 'A4' },
    })
  })

  it('PATCH changes only the fields given and answers the whole settings', async () => {
    const r = await admin.patch('/settings', { timeZone: 'Europe/Brussels', expiredShipping: 'warn' })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      timeZone: 'Europe/Brussels', dateFormat: 'DMY', allowNegativeStock: false, expiredShipping: 'warn',
      showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: false, showLotsOnInvoices: false,
      documents: { sender: null, deliverySlipFooter: null, paperSize: 'A4' },
    })
    expect((await admin.get('/settings')).body).toEqual(r.body)
  })

  it('documents: the sender and footer of delivery slips and the paper, changed one field at a time', async () => {
    const sender = 'Ardenne Dairy SA\nRue de la Laiterie 14, 6900 Marche-en-Famenne\nVAT BE 0123.456.789'
    const r = await admin.patch('/settings', { documents: { sender: `  ${sender}\n` } })
    expect(r.status).toBe(200)
    // Trimmed; the fields not named keep their values.
    expect(r.body.documents).toEqual({ sender, deliverySlipFooter: null, paperSize: 'A4' })
    const paper = await admin.patch('/settings', { documents: { paperSize: 'Letter', deliverySlipFooter: 'Report damage within 48 hours.' } })
    expect(paper.body.documents).toEqual({ sender, deliverySlipFooter: 'Report damage within 48 hours.', paperSize: 'Letter' })
    expect((await admin.patch('/settings', { documents: { sender: null } })).body.documents.sender).toBeNull()
    expect((await admin.get('/settings')).body.documents).toEqual({ sender: null, deliverySlipFooter: 'Report damage within 48 hours.', paperSize: 'Letter' })
    expect(await count()).toBe(3)
    // The same documents again write nothing.
    expect((await admin.patch('/settings', { documents: { paperSize: 'Letter' } })).status).toBe(200)
    expect(await count()).toBe(3)
  })

  it('refuses document texts that would not print: too long, too many lines, control characters; unknown fields and papers', async () => {
    const refused = [
      [{ sender: 'x'.repeat(1001) }, 'documents.sender'],
      [{ sender: Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n') }, 'documents.sender'],
      [{ deliverySlipFooter: 'tab\there' }, 'documents.deliverySlipFooter'],
      [{ deliverySlipFooter: 'bell\u0007' }, 'documents.deliverySlipFooter'],
      [{ paperSize: 'A3' }, 'documents.paperSize'],
      [{ logo: 'x.png' }, 'documents'],
    ] as const
    for (const [documents, path] of refused) {
      const r = await admin.patch('/settings', { documents })
      expectErrorShape(r, 400, 'validation_failed')
      expect(errorPaths(r), JSON.stringify(documents)).toEqual([path])
    }
    expectErrorShape(await admin.patch('/settings', { documents: 'Dairy Co' }), 400, 'validation_failed')
    expect(await count()).toBe(0)
  })

  it('the OpenAPI document describes the document settings', async () => {
    const doc = (await fetchJson(`${server.url}/api/v1/openapi.json`)).body
    const schemas = doc.components.schemas
    expect(schemas.Settings.required).toContain('documents')
    expect(schemas.DocumentSettings.properties.paperSize.enum).toEqual(['A4', 'Letter'])
    expect(schemas.DocumentSettings.properties.sender.description).toMatch(/top of delivery slips/)
    expect(schemas.DocumentSettings.properties.deliverySlipFooter.description).toMatch(/signature lines/)
    // A patch names only the document fields it changes.
    const patchDocuments = schemas.SettingsPatch.properties.documents
    expect(patchDocuments.required ?? []).toEqual([])
    expect(patchDocuments.additionalProperties).toBe(false)
  })

  it('refuses an unknown time zone (400)', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', '', 'GMT+25']) {
      const r = await admin.patch('/settings', { timeZone })
      expectErrorShape(r, 400, 'validation_failed')
      expect(errorPaths(r)).toEqual(['timeZone'])
    }
    expect((await admin.get('/settings')).body.timeZone).toBe('UTC')
  })

  it('refuses unknown fields and bad values', async () => {
    expectErrorShape(await admin.patch('/settings', { theme: 'dark' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { dateFormat: 'DDMMYY' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { expiredShipping: 'allow' }), 400, 'validation_failed')
    expectErrorShape(await admin.patch('/settings', { allowNegativeStock: 'yes' }), 400, 'validation_failed')
    expect(await count()).toBe(0)
  })

  it('shows expiration dates on delivery slips only with lots', async () => {
    const both = await admin.patch('/settings', { showLotsOnDeliverySlips: false, showExpirationOnDeliverySlips: true })
    expectErrorShape(both, 400, 'validation_failed')
    expect(errorPaths(both)).toEqual(['showExpirationOnDeliverySlips'])
    expect((await admin.patch('/settings', { showLotsOnDeliverySlips: false })).status).toBe(200)
    expectErrorShape(await admin.patch('/settings', { showExpirationOnDeliverySlips: true }), 400, 'validation_failed')
    const ok = await admin.patch('/settings', { showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
    // Turning lots off while expiration dates are on is refused too.
    expectErrorShape(await admin.patch('/settings', { showLotsOnDeliverySlips: false }), 400, 'validation_failed')
    expect((await admin.get('/settings')).body).toMatchObject({ showLotsOnDeliverySlips: true, showExpirationOnDeliverySlips: true })
  })

  it('a PATCH with nothing new writes nothing', async () => {
    expect((await admin.patch('/settings', { timeZone: 'Asia/Tokyo' })).status).toBe(200)
    expect(await count()).toBe(1)
    const health = (await fetchJson(`${server.url}/api/v1/health`)).body.records
    for (const body of [{}, { timeZone: 'Asia/Tokyo' }, { timeZone: 'Asia/Tokyo', dateFormat: 'DMY', showLotsOnDeliverySlips: true }]) {
      const r = await admin.patch('/settings', body)
      expect(r.status).toBe(200)
      expect(r.body.timeZone).toBe('Asia/Tokyo')
    }
    expect(await count()).toBe(1)
    expect((await fetchJson(`${server.url}/api/v1/health`)).body.records).toBe(health)
  })
})
