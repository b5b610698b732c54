/**
 * A vite plugin writing a gzip (`.gz`) and a brotli (`.br`) copy beside each text file of the
 * build, at their highest levels, for the server to send to browsers that accept them
 * (server/http/pane-files.ts). Compressing once at build time, rather than per request, gives
 * the smallest files (brotli 11 takes about a second for the pane: too slow per request, and a
 * cache of on-the-fly results would hold the same bytes anyway), costs the server no CPU, and
 * lets the size budget be read from the files the server sends. A copy that is not smaller than
 * its file is not kept.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Files worth compressing: text. Images (png) and fonts in woff2 are compressed already. */
export const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|map|txt|xml)$/

/** The encodings written, as Content-Encoding names and the suffix of their copy. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const

/** `data` compressed as `encoding`, at its highest level. */
export function compress(data: Buffer, encoding: (typeof PRECOMPRESSED)[number]['encoding']): Buffer {
  if (encoding === 'gzip') return gzipSync(data, { level: constants.Z_BEST_COMPRESSION })
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  })
}

/** Writes the copies of every compressible file under `dir`; returns the copies written, relative. */
export function precompressDir(dir: string): string[] {
  const written: string[] = []
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, file)
    if (!COMPRESSIBLE.test(file) || !statSync(path).isFile()) continue
    const data = readFileSync(path)
    for (const { encoding, suffix } of PRECOMPRESSED) {
      const copy = compress(data, encoding)
      if (copy.length >= data.length) continue
      writeFileSync(path + suffix, copy)
      written.push(file + suffix)
    }
  }
  return written
}

/** The plugin: after the build has written everything (the public folder's files included). */
export function precompress(): Plugin {
  let outDir = ''
  let written = false
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    writeBundle() {
      written = true
    },
    closeBundle: {
      order: 'post',
      handler() {
        // Nothing on disk when the build was asked not to write (build.write false) or failed.
        if (written) precompressDir(outDir)
      },
    },
  }
}
