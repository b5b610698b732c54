/** The products import's Food Traceability List column: yes/no as people write it, anything else refused on its cell. */
import { describe, expect, it } from 'vitest'
import { type Client, type TestServer } from '../../helpers/server'
import { problemLines, seededServerPerTest } from '../../helpers/seeded-server'
import { upload } from '../../helpers/upload'

let server: TestServer
let api: Client

seededServerPerTest((s) => ((server = s), (api = s.admin)))

const send = (csv: string) => upload(server.url, api.token, 'kind=products', 'products.csv', csv)

describe('importing products on the Food Traceability List', () => {
  it('reads yes and no (and an empty cell as no) into foodTraceabilityList', async () => {
    const r = await send('SKU,Name,Tracking,Food Traceability List\nLETTUCE,Romaine,lot,yes\nKALE,Kale,lot,No\nBOLT2,Bolt,none,\n')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const onList = async (sku: string) => (await api.get(`/products/${sku}`)).body.foodTraceabilityList
    expect([await onList('LETTUCE'), await onList('KALE'), await onList('BOLT2')]).toEqual([true, false, false])
  })

  it('refuses another word on its cell, and imports nothing', async () => {
    const r = await send('SKU,Name,FTL\nLETTUCE,Romaine,maybe\n')
    expect(r.status).toBe(422)
    expect(problemLines(r.body)).toEqual(['2 C validation_failed: FTL must be yes or no, not "maybe"'])
    expect((await api.get('/products/LETTUCE')).status).toBe(404)
  })
})
