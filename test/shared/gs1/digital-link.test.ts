/**
 * GS1 Digital Link URIs: the examples of GS1's Digital Link standard and the syntax engine's
 * test vectors (any host, a path before the key, percent-encoding, query attributes), and what
 * they refuse.
 */
import { describe, expect, it } from 'vitest'
import { parseGs1, type Gs1Result } from '../../../shared/gs1/scan'

const read = (uri: string, zeroSuppressedGtin = false) => parseGs1(uri, { today: '2026-06-15', zeroSuppressedGtin })
const pairs = (r: Gs1Result) => (r.ok ? r.ais.map((e) => `(${e.ai})${e.value}`).join('') : r.problems.map((p) => p.message))

describe('GS1 Digital Link', () => {
  it('reads the standard\'s examples', () => {
    expect(pairs(read('https://id.gs1.org/01/09520123456788'))).toBe('(01)09520123456788')
    expect(pairs(read('https://id.gs1.org/01/09520123456788/22/2A'))).toBe('(01)09520123456788(22)2A')
    expect(read('https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426')).toMatchObject({
      ok: true, form: 'digital-link', gtin: '09520123456788', lot: 'ABC1', serial: '12345', expirationDate: '2018-04-26',
      digitalLink: 'https://id.gs1.org/01/09520123456788/10/ABC1/21/12345?17=180426',
    })
    expect(read('https://example.com/01/09520123456788?3103=000195&3922=0299&17=201225')).toMatchObject({
      ok: true, netWeightKg: 0.195, expirationDate: '2020-12-25',
    })
    expect(pairs(read('https://id.gs1.org/00/952012345678912345?02=09520123456788&37=25&10=ABC123')))
      .toBe('(00)952012345678912345(02)09520123456788(37)25(10)ABC123')
    expect(pairs(read('https://id.gs1.org/414/9520123456788/254/32a%2Fb'))).toBe('(414)9520123456788(254)32a/b')
    expect(pairs(read('https://example.com/8004/9520614141234567?01=09520123456788'))).toBe('(8004)9520614141234567(01)09520123456788')
  })

  it('takes any host, a path before the key, percent-encoding and parameters that are not AIs', () => {
    expect(read('https://brand.example.com/some-extra/pathinfo/01/09520123456788/10/AB%2FC?linkType=gs1:pip&17=261231#top'))
      .toMatchObject({ ok: true, gtin: '09520123456788', lot: 'AB/C', expirationDate: '2026-12-31' })
    expect(pairs(read('https://id.gs1.org/01/09520123456788/10/AB%20C')))
      .toEqual(['AI (10) AB C: " " is not allowed here: GS1\'s 82 characters (letters, digits and !"%&\'()*+,-./:;<=>?_)'])
    expect(pairs(read('https://a/01/12312312312333/22/ABC%2d123?99=ABC&98=XYZ%2f987'))).toBe('(01)12312312312333(22)ABC-123(99)ABC(98)XYZ/987')
    // A + is a plus in the path, a space in the query.
    expect(pairs(read('https://a/01/12312312312333/22/ABC+123'))).toBe('(01)12312312312333(22)ABC+123')
    expect(pairs(read('https://a/01/12312312312333?99=A+B'))).toHaveLength(1)
    // The right-most key starts the GS1 part; a fake AI before it is the host's own path.
    expect(pairs(read('https://a/00/faux/00/006141411234567890'))).toBe('(00)006141411234567890')
    expect(pairs(read('HTTPS://a:8443/stem/01/12312312312333?&&singleton&99=ABC&&'))).toBe('(01)12312312312333(99)ABC')
  })

  it('keeps the key\'s qualifiers in GS1\'s order: (01) then (22), (10), (21)', () => {
    expect(pairs(read('https://id.gs1.org/01/09520123456788/22/A/10/B/21/C'))).toBe('(01)09520123456788(22)A(10)B(21)C')
    expect(pairs(read('https://id.gs1.org/01/09520123456788/21/12345/10/ABC1'))).toEqual([
      'AI (21): in a Digital Link path the qualifiers of (01) go in the order (22) then (10) then (21) (or (235) alone); this path has (21) then (10)',
    ])
    expect(pairs(read('https://id.gs1.org/01/09520123456788/10/ABC/22/A'))).toHaveLength(1)
    // A qualifier belongs in the path, unless another alternative was chosen.
    expect(pairs(read('https://example.com/01/09520123456788?10=ABC123'))).toEqual(['AI (10) qualifies (01): it goes in the path, not in the query'])
    expect(pairs(read('https://id.gs1.org/01/09520123456788/235/XYZ?10=ABC123'))).toBe('(01)09520123456788(235)XYZ(10)ABC123')
  })

  it('refuses what the syntax engine refuses', () => {
    const refused = [
      'https://a/01/12312312312333/', 'https://a/b', 'http://a', 'https://$a/01/12312312312333', 'https://a/01/12312312312333<bad',
      'https://a/01//12312312312333', 'https://a/01/1231231231233%003', 'https://a/01/12312312312333?99=', 'https://a/01/12312312312333?99=ABC&999=faux',
      'https://a/01/12312312312333/99/ABC', 'https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&10=ABC123',
      'https://id.gs1.org/01/09520123456788/10/ABC123?99=XYZ789&99=XYZ789', 'https://example.com/01/09520123456788?99=XYZ&89=ABC123',
      'https://a/01/12312312312333/10/%zz',
    ]
    for (const uri of refused) expect(read(uri).ok, uri).toBe(false)
    expect(pairs(read('https://a/stem/401/12345678?99=ABC'))).toBe('(401)12345678(99)ABC')
  })

  it('refuses a GTIN of fewer than 14 digits in the path unless asked to pad it', () => {
    expect(pairs(read('https://brand.example.com/01/9520123456788'))).toEqual(['AI (01) 9520123456788: has 13 digits; it needs 14'])
    expect(pairs(read('https://brand.example.com/01/9520123456788', true))).toBe('(01)09520123456788')
    expect(pairs(read('https://a/01/416000336108', true))).toBe('(01)00416000336108')
    expect(pairs(read('https://a/01/02345673', true))).toBe('(01)00000002345673')
  })

  it('comes behind a symbology identifier of plain data', () => {
    expect(pairs(read(']Q1https://example.com/01/12312312312333?99=TEST'))).toBe('(01)12312312312333(99)TEST')
    expect(pairs(read(']d1https://example.com/01/12312312312333?99=TEST'))).toBe('(01)12312312312333(99)TEST')
  })

  it('is written canonically for element strings too', () => {
    const r = parseGs1('(01)09501101530003(17)260331(3103)000195(21)S/1(10)L1', { today: '2026-06-15' })
    expect(r.ok && r.digitalLink).toBe('https://id.gs1.org/01/09501101530003/10/L1/21/S%2F1?17=260331&3103=000195')
    const sscc = parseGs1('(00)106141412345678908', { today: '2026-06-15' })
    expect(sscc.ok && sscc.digitalLink).toBe('https://id.gs1.org/00/106141412345678908')
    const noKey = parseGs1('(02)09501101530003(37)5', { today: '2026-06-15' })
    expect(noKey.ok && noKey.digitalLink).toBeNull()
  })
})
