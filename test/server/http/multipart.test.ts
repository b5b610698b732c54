import { describe, expect, it } from 'vitest'
import { headerParams, multipartFile } from '../../../server/http/multipart'

const B = 'XyZ-boundary'
const request = (body: string | Buffer, type = `multipart/form-data; boundary=${B}`) =>
  new Request('http://127.0.0.1/api/v1/imports', { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) })
const part = (disposition: string, content: string, type = 'text/csv') => `--${B}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n${content}\r\n`
const refusal = (message: string) => ({ code: 'invalid_multipart', message: expect.stringContaining(message) })

describe('multipart uploads', () => {
  it('finds the file part among others, its name, type and bytes (the boundary text inside a line is content)', async () => {
    const content = `Reference,Lot\r\nPO-1,--${B} is not a boundary here\r\n`
    const body = `preamble to ignore\r\n${part('form-data; name="note"', 'hello', 'text/plain')}${part('form-data; name="file"; filename="May \\"A\\".csv"', content, 'Text/CSV; charset=utf-8')}--${B}--\r\n`
    expect(await multipartFile(request(body), 'file')).toEqual({ name: 'May "A".csv', type: 'text/csv', bytes: Buffer.from(content) })
  })

  it('reads filename* (UTF-8, percent-encoded) before filename, and a quoted boundary', async () => {
    const body = `${part('form-data; name="file"; filename="x.csv"; filename*=UTF-8\'\'Lots%20%C3%A9t%C3%A9.csv', 'a')}--${B}--`
    expect((await multipartFile(request(body, `multipart/form-data; boundary="${B}"`), 'file'))?.name).toBe('Lots été.csv')
  })

  it('reads a body that arrives in many chunks, a boundary cut between two of them, byte for byte', async () => {
    const content = Buffer.from(Array.from({ length: 299_910 }, (_, i) => (i * 7919) % 251))
    const body = Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="file"; filename="b.xlsx"\r\n\r\n`), content, Buffer.from(`\r\n--${B}--\r\n`)])
    // Pieces of 1,000 bytes: the closing boundary runs from byte 299,992 to 300,008, across two of them.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < body.length; at += 1000) controller.enqueue(new Uint8Array(body.subarray(at, at + 1000)))
        controller.close()
      },
    })
    const chunked = new Request('http://127.0.0.1/api/v1/imports', { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${B}` }, body: stream, duplex: 'half' } as RequestInit)
    const file = await multipartFile(chunked, 'file')
    expect(file?.name).toBe('b.xlsx')
    expect(file?.bytes.equals(content)).toBe(true)
  })

  it('answers null when no part named so carries a file', async () => {
    expect(await multipartFile(request(`${part('form-data; name="file"', 'just text')}--${B}--\r\n`), 'file')).toBeNull()
  })

  it('refuses what is not multipart/form-data as it says, saying what is wrong', async () => {
    await expect(multipartFile(request('x', 'multipart/form-data'), 'file')).rejects.toMatchObject(refusal('names no boundary'))
    await expect(multipartFile(request(''), 'file')).rejects.toMatchObject(refusal('the body is empty'))
    await expect(multipartFile(request('no boundary anywhere'), 'file')).rejects.toMatchObject(refusal('no line holds its boundary'))
    await expect(multipartFile(request(part('form-data; name="file"; filename="a.csv"', 'x')), 'file')).rejects.toMatchObject(refusal('ends before its closing boundary'))
    await expect(multipartFile(request(`${part('form-data; name="file"; filename="a"b.csv"', 'x')}--${B}--`), 'file')).rejects.toMatchObject(refusal("Content-Disposition cannot be read"))
    await expect(multipartFile(request(`--${B}\r\nno colon here\r\n\r\nx\r\n--${B}--`), 'file')).rejects.toMatchObject(refusal('a part header has no name'))
    await expect(multipartFile(request(`--${B}garbage\r\n\r\n--${B}--`), 'file')).rejects.toMatchObject(refusal('a boundary line goes on after the boundary'))
    await expect(multipartFile(request(`${part('form-data; name="x"', '1').repeat(101)}--${B}--`), 'file')).rejects.toMatchObject(refusal('more than 100 parts'))
  })

  it('reads header parameters as tokens or quoted strings, and nothing else', () => {
    expect(headerParams('form-data; name="file"; filename="a;b.csv" ; size=12')).toEqual(new Map([['name', 'file'], ['filename', 'a;b.csv'], ['size', '12']]))
    expect(headerParams('form-data; name="unclosed')).toBeNull()
    expect(headerParams('form-data; name')).toBeNull()
    expect(headerParams('form-data; na me="x"')).toBeNull()
  })
})
