/**
 * What the pages of a PDF that LibreOffice wrote show, read from the file itself: each page's
 * size, and its text line by line (for machines without poppler's `pdftotext`). Enough of PDF
 * for LibreOffice's output, not a general reader: objects with Flate streams, simple fonts whose
 * ToUnicode maps give the characters, and text placed with `Td` or `Tm` and shown with `Tj` or
 * `TJ`. A line is the text at one height, its pieces left to right, two spaces apart.
 */
import { inflateSync } from 'node:zlib'

export interface PdfPage {
  /** Size in points. */
  width: number
  height: number
  /** The page's lines, top first. */
  text: string
}

interface PdfObject {
  dict: string
  stream: Buffer | null
}

/** Every `n 0 obj` of the file, its stream inflated. */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const out = new Map<number, PdfObject>()
  for (const m of text.matchAll(/(\d+) 0 obj\s*/g)) {
    const start = m.index + m[0].length
    const end = text.indexOf('endobj', start)
    const body = text.slice(start, end)
    const at = body.search(/stream\r?\n/)
    if (at < 0) {
      out.set(Number(m[1]), { dict: body, stream: null })
      continue
    }
    const dataStart = start + body.indexOf('\n', at) + 1
    const raw = pdf.subarray(dataStart, text.lastIndexOf('endstream', end))
    const dict = body.slice(0, at)
    out.set(Number(m[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw, { finishFlush: 2 }) : raw })
  }
  return out
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)
  return m ? Number(m[1]) : null
}

/** A ToUnicode map: code (as hex) → text, and how many bytes a code takes. */
function toUnicode(cmap: string): { bytes: number; chars: Map<string, string> } {
  const hexText = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((u) => parseInt(u, 16)))
  const chars = new Map<string, string>()
  const space = /<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*endcodespacerange/.exec(cmap)
  const bytes = space ? space[1].length / 2 : 1
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) chars.set(m[1].toUpperCase(), hexText(m[2]))
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [from, to, first] = [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)]
      for (let c = from; c <= to; c++) chars.set(c.toString(16).toUpperCase().padStart(m[1].length, '0'), String.fromCodePoint(first + c - from))
    }
  }
  return { bytes, chars }
}

/** The font names of a page's resources → their ToUnicode maps. */
function fontsOf(page: PdfObject, all: Map<number, PdfObject>): Map<string, ReturnType<typeof toUnicode>> {
  const resourcesId = ref(page.dict, 'Resources')
  const resources = resourcesId === null ? page.dict : all.get(resourcesId)!.dict
  const fontId = ref(resources, 'Font')
  const fontDict = fontId === null ? (/\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '') : all.get(fontId)!.dict
  const fonts = new Map<string, ReturnType<typeof toUnicode>>()
  for (const m of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
    const cmapId = ref(all.get(Number(m[2]))!.dict, 'ToUnicode')
    if (cmapId !== null) fonts.set(m[1], toUnicode(all.get(cmapId)!.stream!.toString('latin1')))
  }
  return fonts
}

/** The text a content stream shows, as lines top first. */
function contentText(content: string, fonts: Map<string, ReturnType<typeof toUnicode>>): string {
  const pieces: Array<{ x: number; y: number; text: string }> = []
  let font: ReturnType<typeof toUnicode> | undefined
  let piece: { x: number; y: number; text: string } | null = null
  const decode = (hex: string) => {
    if (!font) return ''
    const size = font.bytes * 2
    let s = ''
    for (let i = 0; i + size <= hex.length; i += size) s += font.chars.get(hex.slice(i, i + size).toUpperCase()) ?? ''
    return s
  }
  const tokens = /(-?[\d.]+)\s+(-?[\d.]+)\s+Td|(?:-?[\d.]+\s+){4}(-?[\d.]+)\s+(-?[\d.]+)\s+Tm|\/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|\bET\b/g
  for (const m of content.matchAll(tokens)) {
    if (m[1] !== undefined || m[3] !== undefined) {
      if (piece?.text) pieces.push(piece)
      piece = { x: Number(m[1] ?? m[3]), y: Number(m[2] ?? m[4]), text: '' }
    } else if (m[5] !== undefined) font = fonts.get(m[5])
    else if (m[6] !== undefined && piece) piece.text += decode(m[6])
    else if (m[0] === 'ET' && piece) {
      if (piece.text) pieces.push(piece)
      piece = null
    }
  }
  const lines = new Map<number, Array<{ x: number; text: string }>>()
  for (const p of pieces) {
    const y = Math.round(p.y)
    lines.set(y, [...(lines.get(y) ?? []), p])
  }
  return [...lines.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, line]) => line.sort((a, b) => a.x - b.x).map((p) => p.text).join('  '))
    .join('\n')
}

/** The pages of `pdf` in order, with their sizes and text. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const all = objects(pdf)
  const catalog = [...all.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict))!
  const pages: PdfPage[] = []
  const visit = (id: number, box: number[] | null) => {
    const node = all.get(id)!
    const own = /\/MediaBox\s*\[\s*([-\d.\s]+)\]/.exec(node.dict)?.[1].trim().split(/\s+/).map(Number) ?? box
    if (/\/Type\s*\/Pages/.test(node.dict)) {
      for (const kid of /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)![1].matchAll(/(\d+) 0 R/g)) visit(Number(kid[1]), own)
      return
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(node.dict)![1]
    const content = [...contents.matchAll(/(\d+) 0 R/g)].map((c) => all.get(Number(c[1]))!.stream!.toString('latin1')).join('\n')
    const [x0, y0, x1, y1] = own!
    pages.push({ width: x1 - x0, height: y1 - y0, text: contentText(content, fontsOf(node, all)) })
  }
  visit(ref(catalog.dict, 'Pages')!, null)
  return pages
}
