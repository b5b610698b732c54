/**
 * The application identifiers of ai-table.ts, read once into definitions the parsers use: how
 * long an AI's code is at a position of a raw element string, its value's components, and the
 * rules that pair it with others.
 */
import { AI_ROWS } from './ai-table'

/** One part of an AI's value: its character set, its length, whether it may be left out, its content checks. */
export interface Component {
  set: 'N' | 'X' | 'Y' | 'Z'
  min: number
  max: number
  optional: boolean
  checks: readonly string[]
}

/** What GS1 says of one AI. */
export interface AiDef {
  ai: string
  title: string
  /** Predefined length: a raw element string needs no separator after it. */
  fixed: boolean
  /** Allowed as a Digital Link query attribute. */
  attribute: boolean
  components: readonly Component[]
  /** Every entry must hold: one of its groups present (a group is AIs, possibly with `n` wildcards). */
  needs: ReadonlyArray<ReadonlyArray<readonly string[]>>
  /** AIs (or patterns) that may not stand beside it. */
  excludes: readonly string[]
  /** A Digital Link primary key: the qualifier sequences it takes; null when it is none. */
  keyQualifiers: ReadonlyArray<readonly string[]> | null
}

function component(text: string): Component {
  const [type, ...checks] = text.split(':')
  const m = /^(\[)?([NXYZ])(\.\.)?(\d+)\]?$/.exec(type)
  if (!m) throw new Error(`AI table: cannot read the format ${text}`)
  const size = Number(m[4])
  return { set: m[2] as Component['set'], min: m[3] ? 1 : size, max: size, optional: Boolean(m[1]), checks }
}

function definitions(): Map<string, AiDef> {
  const map = new Map<string, AiDef>()
  for (const [ais, flags, format, rules, title] of AI_ROWS) {
    const needs: string[][][] = []
    const excludes: string[] = []
    let keyQualifiers: string[][] | null = null
    for (const rule of rules.split(' ').filter(Boolean)) {
      const [name, list = ''] = rule.split('=')
      if (name === 'needs') needs.push(list.split(',').map((group) => group.split('+')))
      else if (name === 'not') excludes.push(...list.split(','))
      else if (name === 'key') keyQualifiers = list ? list.split('|').map((seq) => seq.split(',')) : [[]]
    }
    const components = format.split(' ').map(component)
    const [first, last = first] = ais.split('-')
    for (let n = Number(first); n <= Number(last); n++) {
      const ai = String(n).padStart(first.length, '0')
      map.set(ai, {
        ai, title, fixed: flags.includes('fixed'), attribute: flags.includes('attr'), components, needs, excludes, keyQualifiers,
      })
    }
  }
  return map
}

const DEFS = definitions()

/** The definition of `ai`, or undefined when GS1 defines no such AI. */
export function aiDef(ai: string): AiDef | undefined {
  return DEFS.get(ai)
}

/** The AI that starts at `pos` of a raw element string (GS1's AIs are prefix-free), or null. */
export function aiAt(text: string, pos: number): AiDef | null {
  for (const length of [2, 3, 4]) {
    const def = DEFS.get(text.slice(pos, pos + length))
    if (def && /^\d+$/.test(def.ai)) return def
  }
  return null
}

/** The length of a predefined-length AI's value (all its components are fixed). */
export function fixedLength(def: AiDef): number {
  return def.components.reduce((sum, c) => sum + c.max, 0)
}

/** True when `ai` is matched by `pattern` (`31nn` matches 3103). */
export function aiMatches(ai: string, pattern: string): boolean {
  return ai.length === pattern.length && [...pattern].every((ch, i) => ch === 'n' ? /\d/.test(ai[i]) : ch === ai[i])
}

/** `(17)` as GS1 writes an AI. */
export const bracketed = (ai: string) => `(${ai})`
