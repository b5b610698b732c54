import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { issueWords } from '../../shared/issue-words'

/** The words of the first issue `schema` finds in `value`, about a field called `what`. */
function words(schema: z.ZodType, value: unknown, what = 'Qty'): string {
  const parsed = schema.safeParse(value, { reportInput: true })
  if (parsed.success) throw new Error('expected a refusal')
  return issueWords(parsed.error.issues[0], what)
}

describe('a schema\'s refusal in words', () => {
  it('names the field by its own name, without library wording', () => {
    expect(words(z.string(), undefined, 'Lot')).toBe('Lot is required')
    expect(words(z.number(), 'abc')).toBe('Qty is not valid')
    expect(words(z.string().min(1), '', 'Lot')).toBe('Lot is empty')
    expect(words(z.string().max(5), 'abcdefg', 'Lot')).toBe('Lot is too long: at most 5 characters')
    expect(words(z.number().min(0), -3, 'Expiration days')).toBe('Expiration days must be at least 0')
    expect(words(z.number().gt(0), 0)).toBe('Qty must be more than 0')
    expect(words(z.number().max(10), 11)).toBe('Qty must be at most 10')
    expect(words(z.array(z.string()).min(1), [], 'Lines')).toBe('Lines: at least 1 needed')
    expect(words(z.enum(['none', 'lot', 'serial']), 'sometimes', 'Tracking')).toBe('Tracking must be none, lot or serial')
    expect(words(z.number().refine((n) => n > 0, 'quantity must be greater than 0'), 0)).toBe('quantity must be greater than 0')
    expect(words(z.object({ a: z.string() }).strict(), { a: 'x', b: 1 })).toBe('b: not known here')
  })
})
