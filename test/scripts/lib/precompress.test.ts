import { readFileSync } from 'node:fs'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { precompressDir } from '../../../scripts/lib/precompress'
import { tempDirs } from '../../helpers/temp'

const temp = tempDirs()
afterAll(() => temp.cleanup())

describe('precompressing the build', () => {
  it('writes a gzip and a brotli copy of each text file that is smaller, and leaves images alone', async () => {
    const dir = await temp.make('lotledger-precompress-')
    await mkdir(join(dir, 'assets'))
    const script = Buffer.from(`export const words = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `word ${i % 17}`))}\n`)
    await writeFile(join(dir, 'assets', 'a-AbC12345.js'), script)
    await writeFile(join(dir, 'page.html'), '<!doctype html><title>x</title>'.repeat(20))
    await writeFile(join(dir, 'tiny.css'), 'a{}')
    await writeFile(join(dir, 'assets', 'icon.png'), Buffer.alloc(2000))
    const written = precompressDir(dir).sort()
    expect(written).toEqual(['assets/a-AbC12345.js.br', 'assets/a-AbC12345.js.gz', 'page.html.br', 'page.html.gz'])
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'a-AbC12345.js.br'))).equals(script)).toBe(true)
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'a-AbC12345.js.gz'))).equals(script)).toBe(true)
    expect((await readdir(dir)).sort()).toEqual(['assets', 'page.html', 'page.html.br', 'page.html.gz', 'tiny.css'])
  })
})
