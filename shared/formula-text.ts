/**
 * Text that a spreadsheet would take for a formula once someone edits its cell (F2, Enter): it
 * begins with `=`, `+`, `-` or `@`, or with a TAB or carriage return (OWASP's list for formula
 * injection). Written as text it is harmless until then; such cells are marked as quoted text
 * (Excel's quote prefix) so that editing keeps them text.
 */

/** `=`, `+`, `-`, `@`, TAB and CR, by char code: exports test every text cell. */
const FORMULA_STARTS = new Set([61, 43, 45, 64, 9, 13])

/** True when `value` is text that would turn into a formula on editing. */
export function looksLikeFormula(value: unknown): value is string {
  return typeof value === 'string' && FORMULA_STARTS.has(value.charCodeAt(0))
}
