/**
 * The pane checks what it is about to send with the same zod schemas the server checks it
 * with, so that a form the user is still filling is corrected on the form, not refused later.
 * Messages are said in the form's words: no schema paths, no library wording.
 */
import type { z } from 'zod'
import { assertNever } from '../../../shared/assert-never'
import type { ErrorDetail } from '../../../shared/schemas/error'

/** What a field is called in a message, by the last key of its path. */
const FIELD_WORDS: Record<string, string> = {
  product: 'product', lot: 'lot', serials: 'serials', qty: 'quantity', countedQty: 'counted quantity', location: 'location',
  from: 'from location', to: 'to location', package: 'package', expirationDate: 'expiration date', expirationPrecision: 'month-only expiry', reference: 'reference',
  partner: 'partner', date: 'date', note: 'note', correctionOf: 'the operation it returns', reason: 'reason', name: 'name', ref: 'reference',
}

/** `["lines", 0, "qty"]` as `lines[0].qty`, the server's spelling of a path. */
export function pathText(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p)
  return out
}

function fieldWord(path: ReadonlyArray<PropertyKey>): string {
  const key = [...path].reverse().find((p): p is string => typeof p === 'string')
  return (key && FIELD_WORDS[key]) ?? 'this field'
}

/** One zod issue in words a person filling the form understands. */
function issueText(issue: z.core.$ZodIssue): string {
  const what = fieldWord(issue.path)
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${what} is required` : `${what} is not valid`
    case 'too_small':
      if (issue.origin === 'array') return issue.path.at(-1) === 'produce' ? 'add what the production made' : 'add at least one line'
      return issue.origin === 'string' ? `${what} is empty` : `${what} is too small`
    case 'too_big':
      return issue.origin === 'array' ? 'too many lines' : `${what} is too long`
    case 'invalid_union': {
      // The last branch's own message says what was meant (a date's "must be a date as YYYY-MM-DD").
      const own = issue.errors.flat().filter((e) => e.code === 'custom').at(-1)
      return own ? `${what} ${own.message}` : `${what} is not valid`
    }
    case 'custom':
      // The schemas' own messages ("quantity must be greater than 0") are written for people.
      return issue.message
    case 'invalid_format':
    case 'invalid_value':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
      return /^(Invalid|Too)\b/.test(issue.message) ? `${what} is not valid` : issue.message
    case 'unrecognized_keys':
      return `${issue.keys.join(', ')}: not a field of this form`
    default:
      return assertNever(issue, 'zod issue')
  }
}

/** The problems `schema` finds in `value`, each at its path with a message in the form's words. */
export function schemaProblems(schema: z.ZodType, value: unknown): ErrorDetail[] {
  const parsed = schema.safeParse(value)
  if (parsed.success) return []
  return parsed.error.issues.map((issue) => ({ path: pathText(issue.path), message: issueText(issue) }))
}

/** A message from the server, in the same words (a schema message that slipped through, say). */
export function friendlyMessage(message: string): string {
  // "lines[0].qty: quantity is required": the place is shown by where the message goes.
  const text = message.replace(/^(?:[a-z]+(?:\[\d+\])?(?:\.[a-zA-Z]+(?:\[\d+\])?)*): /i, '')
  const m = /^Invalid input: expected \w+, received (\w+)$/.exec(text)
  if (m) return m[1] === 'undefined' ? 'this is required' : 'this is not valid'
  return text
}
