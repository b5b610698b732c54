/**
 * GS1 element strings into their AIs: the bracketed form people write, `(01)09501101530003(10)AB`,
 * and the raw form a scanner sends after the symbology identifier, where a variable-length value
 * that is not last ends with GS (ASCII 29) and a predefined-length one ends by its length.
 */
import { aiAt, aiDef, bracketed, fixedLength } from './ai'
import { quoted, type AiValue, type Gs1Problem } from './types'

/** GS, the group separator that stands for FNC1 between elements. */
export const GS = '\u001d'

type Split = { ais: AiValue[] } | { problem: Gs1Problem }

/** Reads `(AI)value(AI)value…`; `\(` is a bracket inside a value. */
export function splitBracketed(text: string): Split {
  const ais: AiValue[] = []
  let pos = 0
  while (pos < text.length) {
    const m = /^\((\d*)\)/.exec(text.slice(pos, pos + 8))
    if (!m) return { problem: { ai: null, message: `expected an AI in brackets at "${quoted(text.slice(pos))}"` } }
    const ai = m[1]
    if (!aiDef(ai)) return { problem: { ai: ai || null, message: `${bracketed(ai)} is not a GS1 application identifier` } }
    pos += m[0].length
    let value = ''
    while (pos < text.length && text[pos] !== '(') {
      if (text[pos] === '\\' && text[pos + 1] === '(') pos++
      value += text[pos++]
    }
    ais.push({ ai, value })
  }
  return ais.length ? { ais } : { problem: { ai: null, message: 'no AI in the data' } }
}

/** Reads a raw element string whose separators are already GS characters. */
export function splitRaw(text: string): Split {
  const ais: AiValue[] = []
  let pos = 0
  while (pos < text.length) {
    // A separator in first position (FNC1), or one after a predefined-length value, is harmless.
    if (text[pos] === GS) {
      pos++
      continue
    }
    const def = aiAt(text, pos)
    if (!def) return { problem: { ai: null, message: `no GS1 application identifier starts at "${quoted(text.slice(pos))}"` } }
    pos += def.ai.length
    let end: number
    if (def.fixed) {
      end = Math.min(pos + fixedLength(def), text.length)
      // A separator inside a predefined length means the value is short: stop there and let its checks say so.
      const gs = text.indexOf(GS, pos)
      if (gs >= 0 && gs < end) end = gs
    } else {
      end = text.indexOf(GS, pos)
      if (end < 0) end = text.length
    }
    ais.push({ ai: def.ai, value: text.slice(pos, end) })
    pos = end
  }
  return ais.length ? { ais } : { problem: { ai: null, message: 'no AI in the data' } }
}
