/**
 * The text cells of a written .xlsx as the file holds them: each cell's text and whether its
 * style (its `xf` record in styles.xml) carries `quotePrefix="1"`. Read from the raw XML, since
 * exceljs reading a file back drops the attribute.
 */
import { zipEntryText } from './zip'

export interface TextCell {
  sheet: string
  ref: string
  text: string
  quoted: boolean
}

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&')

/** Every text cell of every worksheet (`xl/worksheets/sheetN.xml`) of `xlsx`. */
export function textCells(xlsx: Uint8Array): TextCell[] {
  const styles = zipEntryText(xlsx, 'xl/styles.xml') ?? ''
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? ''
  const quotedXf = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => /\bquotePrefix="(1|true)"/.test(m[0]))
  const shared = [...(zipEntryText(xlsx, 'xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')))
  const cells: TextCell[] = []
  for (let n = 1; ; n++) {
    const sheet = `xl/worksheets/sheet${n}.xml`
    const xml = zipEntryText(xlsx, sheet)
    if (xml === null) break
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = m[1]
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1]
      const body = m[2] ?? ''
      let text: string | null = null
      if (type === 's') text = shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? null
      else if (type === 'str') text = decode(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '')
      else if (type === 'inlineStr') text = decode([...body.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''))
      if (text === null || /<f>/.test(body)) continue
      cells.push({ sheet, ref: /\br="([A-Z]+\d+)"/.exec(attrs)![1], text, quoted: quotedXf[Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0)] ?? false })
    }
  }
  return cells
}
