/** What the GS1 parsers hand each other and answer: AIs with their values, and problems naming the AI. */
import { bracketed } from './ai'

/** One element: an application identifier and its value, as the barcode carries it. */
export interface AiValue {
  ai: string
  value: string
}

/** Why a scan was refused: the AI it is about (null when about the whole scan) and a sentence. */
export interface Gs1Problem {
  ai: string | null
  message: string
}

/** A value as a message quotes it: at most 40 characters, control characters by their code. */
export function quoted(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value
  return cut.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
}

/** A problem of AI `ai` with `value`: "AI (17) 261331: month 13 does not exist". */
export function aiProblem(ai: string, value: string, message: string): Gs1Problem {
  return { ai, message: `AI ${bracketed(ai)}${value ? ` ${quoted(value)}` : ''}: ${message}` }
}
