/**
 * The rules between the AIs of one scan: an AI given twice must say the same, some AIs need
 * others beside them ((10) a lot, (17) an expiry date: (01) or (02)), and some may not stand
 * together ((01) and (02)).
 */
import { aiDef, aiMatches, bracketed } from './ai'
import type { AiValue, Gs1Problem } from './types'

/** "(01), (02) or (8006)"; a pattern's wildcard digits as x ((31xx)). */
function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** Every problem between the AIs of `ais` (each AI already known and valid on its own). */
export function associationProblems(ais: readonly AiValue[]): Gs1Problem[] {
  const problems: Gs1Problem[] = []
  const values = new Map<string, string>()
  for (const { ai, value } of ais) {
    const before = values.get(ai)
    if (before !== undefined && before !== value) problems.push({ ai, message: `AI ${bracketed(ai)} is given twice with different values (${before} and ${value})` })
    values.set(ai, value)
  }
  const present = [...values.keys()]
  const clashes = new Set<string>()
  const has = (pattern: string) => present.some((ai) => aiMatches(ai, pattern))
  for (const ai of present) {
    const def = aiDef(ai)!
    for (const groups of def.needs) {
      if (groups.some((group) => group.every(has))) continue
      const options = groups.map((g) => g.map((a) => bracketed(a.replace(/n/g, 'x'))).join(' with '))
      problems.push({ ai, message: `AI ${bracketed(ai)} needs ${alternatives(options)} in the same scan` })
    }
    // An AI never excludes itself, even when it matches a pattern of its own ((3103) and 310n).
    for (const other of present.filter((o) => o !== ai && def.excludes.some((p) => aiMatches(o, p)))) {
      const [first, second] = present.indexOf(ai) < present.indexOf(other) ? [ai, other] : [other, ai]
      clashes.add(`${first} ${second}`)
    }
  }
  for (const pair of clashes) {
    const [first, second] = pair.split(' ')
    problems.push({ ai: first, message: `AI ${bracketed(first)} and AI ${bracketed(second)} may not stand together` })
  }
  return problems
}
