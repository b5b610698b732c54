/**
 * What the command-line tools print, made safe for a terminal: names come from the ledger (token
 * and workspace names, older ones from before names refused control characters) and from the
 * command line, and a raw ESC, BEL, C1 control or bidirectional override in them could recolour,
 * retitle or clear the terminal, or show text in another order than it is.
 */

/** C0 controls (with TAB and newline), DEL, C1 controls, and the bidirectional marks and overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
/** The same, less what JSON.stringify already escapes (C0). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/** One line of text with every unsafe character written as a `\u001b`-style escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape)
}

/** `value` as indented JSON whose unsafe characters are all escaped: still JSON, and parsed back the same. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, escape)
}
