import { describe, expect, it } from 'vitest'
import type { ImportReport } from '../../../shared/import/report'
import { statusTally, summaryText } from '../../../shared/import/summary'

function report(over: Partial<ImportReport>): ImportReport {
  return {
    kind: 'receipts', file: 'r.xlsx', sheet: 'Receipts', dryRun: false, applied: true, rows: 1, counts: { created: 1, updated: 0, unchanged: 0 },
    unknownColumns: [], skippedSheets: [], problems: [], statuses: [], ...over,
  }
}
const problem = { sheet: 'Receipts', row: 2, column: 'B', code: 'invalid_value' as const, message: 'x' }

describe('an import in one sentence', () => {
  it('counts with their plural: 1 row, 2 rows, 1 problem, 1,200 rows', () => {
    expect(summaryText(report({}))).toBe('Imported 1 row of Receipts: 1 new, 0 changed, 0 already imported.')
    expect(summaryText(report({ rows: 1200 }))).toBe('Imported 1,200 rows of Receipts: 1 new, 0 changed, 0 already imported.')
    expect(summaryText(report({ applied: false, dryRun: true, rows: 2 }))).toBe('Checked: all 2 rows of Receipts can be imported (1 new, 0 changed, 0 already imported).')
    expect(summaryText(report({ applied: false, problems: [problem] }))).toBe('Nothing imported: 1 problem to fix first.')
    expect(summaryText(report({ applied: false, problems: [problem, problem] }))).toBe('Nothing imported: 2 problems to fix first.')
  })

  it('tallies the rows by their Status words, in the words\' order', () => {
    const statuses = [
      { row: 2, status: 'error' as const, message: 'B: x' }, { row: 3, status: 'ok' as const, message: '' },
      { row: 4, status: 'unchanged' as const, message: '' }, { row: 5, status: 'ok' as const, message: '' },
    ]
    expect(statusTally(report({ applied: false, statuses }))).toBe('2 OK, 1 Already imported, 1 Error')
    expect(statusTally(report({ statuses: statuses.slice(1) }))).toBe('2 Imported, 1 Already imported')
  })
})
