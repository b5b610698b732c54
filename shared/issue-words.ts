/**
 * A zod issue in words a person understands, about a field they know by a name of their own (a
 * form's label, an import's column header): no schema paths, no library wording such as
 * "Invalid input: expected string, received undefined".
 */
import type { z } from 'zod'
import { assertNever } from './assert-never'

/**
 * `issue` about the field called `what`; the schemas' own messages are kept, being written for
 * people. Parse with `{ reportInput: true }`: a type issue without the value it is about reads as
 * a missing value.
 */
export function issueWords(issue: z.core.$ZodIssue, what: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? `${what} is required` : `${what} is not valid`
    case 'too_small':
      if (issue.origin === 'array') return `${what}: at least ${String(issue.minimum)} needed`
      if (issue.origin === 'string') return `${what} is empty`
      return `${what} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`
    case 'too_big':
      if (issue.origin === 'array') return `${what}: at most ${String(issue.maximum)}`
      if (issue.origin === 'string') return `${what} is too long: at most ${String(issue.maximum)} characters`
      return `${what} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`
    case 'invalid_union': {
      // The last branch's own message says what was meant (a date's "must be a date as YYYY-MM-DD").
      const own = issue.errors.flat().filter((e) => e.code === 'custom').at(-1)
      return own ? `${what} ${own.message}` : `${what} is not valid`
    }
    case 'invalid_value':
      return issue.values.length ? `${what} must be ${orList(issue.values.map(String))}` : `${what} is not valid`
    case 'custom':
      return issue.message
    case 'invalid_format':
    case 'invalid_element':
    case 'invalid_key':
    case 'not_multiple_of':
      return /^(Invalid|Too)\b/.test(issue.message) ? `${what} is not valid` : issue.message
    case 'unrecognized_keys':
      return `${issue.keys.join(', ')}: not known here`
    default:
      return assertNever(issue, 'zod issue')
  }
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}
