import { describe, expect, it } from 'vitest'
import { generateSerials, parsePastedList, SERIAL_RUN_MAX } from '../../shared/serials'

describe('generateSerials', () => {
  it('increments the last run of digits, keeping width, prefix and suffix', () => {
    expect(generateSerials('SN-0099A', 3)).toEqual(['SN-0099A', 'SN-0100A', 'SN-0101A'])
    expect(generateSerials('SN-0001', 1)).toEqual(['SN-0001'])
    expect(generateSerials('0007', 4)).toEqual(['0007', '0008', '0009', '0010'])
  })

  it('only touches the LAST run of digits', () => {
    expect(generateSerials('LOT12-0005', 3)).toEqual(['LOT12-0005', 'LOT12-0006', 'LOT12-0007'])
    expect(generateSerials('2026-05-X98-B', 3)).toEqual(['2026-05-X98-B', '2026-05-X99-B', '2026-05-X100-B'])
    expect(generateSerials('A1B2C3', 2)).toEqual(['A1B2C3', 'A1B2C4'])
  })

  it('grows the run when it overflows its width', () => {
    expect(generateSerials('9', 2)).toEqual(['9', '10'])
    expect(generateSerials('SN-99', 3)).toEqual(['SN-99', 'SN-100', 'SN-101'])
    expect(generateSerials('X999Y', 2)).toEqual(['X999Y', 'X1000Y'])
  })

  it('counts beyond the safe-integer range without losing digits', () => {
    expect(generateSerials('SN99999999999999999999', 2)).toEqual(['SN99999999999999999999', 'SN100000000000000000000'])
    expect(generateSerials('9007199254740993', 2)).toEqual(['9007199254740993', '9007199254740994'])
  })

  it('numbers a first serial without digits with -1, -2, ...', () => {
    expect(generateSerials('ABC', 3)).toEqual(['ABC', 'ABC-1', 'ABC-2'])
    expect(generateSerials('X', 1)).toEqual(['X'])
  })

  it('produces distinct serials, as many as asked', () => {
    const run = generateSerials('SN-0000', SERIAL_RUN_MAX)
    expect(run).toHaveLength(10_000)
    expect(new Set(run).size).toBe(10_000)
    expect(run[0]).toBe('SN-0000')
    expect(run[9_999]).toBe('SN-9999')
  })

  it('refuses counts outside 1..10000 and non-whole counts', () => {
    expect(SERIAL_RUN_MAX).toBe(10_000)
    for (const n of [0, -1, 10_001, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => generateSerials('SN-1', n), String(n)).toThrow(RangeError)
    }
    expect(() => generateSerials('SN-1', 0)).toThrow('count must be a whole number from 1 to 10000')
  })
})

describe('parsePastedList', () => {
  it('reads one name per line', () => {
    expect(parsePastedList('L1\nL2\nL3')).toEqual({
      entries: [{ line: 1, name: 'L1' }, { line: 2, name: 'L2' }, { line: 3, name: 'L3' }],
      problems: [],
    })
  })

  it('reads quantity and date separated by TAB or ;', () => {
    const { entries, problems } = parsePastedList('L1\t5\t2026-12-31\nL2;7.5;2027-01-15\nL3 ; 2 ')
    expect(problems).toEqual([])
    expect(entries).toEqual([
      { line: 1, name: 'L1', qty: 5, expirationDate: '2026-12-31' },
      { line: 2, name: 'L2', qty: 7.5, expirationDate: '2027-01-15' },
      { line: 3, name: 'L3', qty: 2 },
    ])
  })

  it('takes quantity and date in either order', () => {
    const { entries, problems } = parsePastedList('L1\t2026-12-31\t5\nL2;2027-02-28')
    expect(problems).toEqual([])
    expect(entries).toEqual([
      { line: 1, name: 'L1', qty: 5, expirationDate: '2026-12-31' },
      { line: 2, name: 'L2', expirationDate: '2027-02-28' },
    ])
  })

  it('skips blank lines but keeps the line numbers of the pasted text, CRLF included', () => {
    const { entries, problems } = parsePastedList('\r\nL1\r\n   \r\n\t\r\nL2;3\r\n')
    expect(problems).toEqual([])
    expect(entries).toEqual([{ line: 2, name: 'L1' }, { line: 5, name: 'L2', qty: 3 }])
  })

  it('skips empty fields (trailing separators, empty cells)', () => {
    const { entries, problems } = parsePastedList('L1\t\t4\t\nL2;;;2026-01-31;')
    expect(problems).toEqual([])
    expect(entries).toEqual([{ line: 1, name: 'L1', qty: 4 }, { line: 2, name: 'L2', expirationDate: '2026-01-31' }])
  })

  it('reads thousands separators in quantities', () => {
    const { entries, problems } = parsePastedList('L1\t1,000\nL2;12,500.25\nL3\t1,234,567')
    expect(problems).toEqual([])
    expect(entries.map((e) => e.qty)).toEqual([1000, 12500.25, 1234567])
  })

  it('does not read a decimal comma as a thousands separator', () => {
    // "1,5" is one and a half in much of Europe; dropping the comma would silently make it 15.
    // Either reading it as a decimal or reporting the line is acceptable; 15 and 1250 are not.
    const { entries, problems } = parsePastedList('L1\t1,5\nL2\t12,50')
    const outcome = (line: number) => {
      const entry = entries.find((e) => e.line === line)
      return entry ? entry.qty : problems.some((p) => p.line === line) ? 'reported' : 'missing'
    }
    expect([1.5, 'reported']).toContain(outcome(1))
    expect([12.5, 'reported']).toContain(outcome(2))
  })

  it('reports bad fields by line number and keeps the good lines', () => {
    const text = ['GOOD1\t3', 'BAD1\tabc', '', 'BAD2\t2023-02-29', 'BAD3;2026-01-01;2026-02-01', 'BAD4\t1\t2', '\t5', 'BAD5\t-3', 'GOOD2'].join('\n')
    const { entries, problems } = parsePastedList(text)
    expect(entries).toEqual([{ line: 1, name: 'GOOD1', qty: 3 }, { line: 9, name: 'GOOD2' }])
    expect(problems).toEqual([
      { line: 2, message: '"abc" is neither a quantity nor a date' },
      { line: 4, message: '"2023-02-29" is not a real date' },
      { line: 5, message: 'two dates' },
      { line: 6, message: 'two quantities' },
      { line: 7, message: 'no lot/serial name' },
      { line: 8, message: '"-3" is neither a quantity nor a date' },
    ])
  })

  it('reads dates as the workspace writes them, as imports do, and says why one does not fit', () => {
    const text = 'L1\t27/11/2026\t5\nL2;3 Dec 2026\nL3\t11/27/2026\nL4\t2026-12-01'
    expect(parsePastedList(text, 'DMY')).toEqual({
      entries: [
        { line: 1, name: 'L1', qty: 5, expirationDate: '2026-11-27' },
        { line: 2, name: 'L2', expirationDate: '2026-12-03' },
        { line: 4, name: 'L4', expirationDate: '2026-12-01' },
      ],
      problems: [{ line: 3, message: '"11/27/2026" is not a real day-first (DD/MM/YYYY) date' }],
    })
    expect(parsePastedList('L3\t11/27/2026', 'MDY').entries).toEqual([{ line: 1, name: 'L3', expirationDate: '2026-11-27' }])
    // Without a workspace format only ISO dates and month names are read.
    expect(parsePastedList('L1\t27/11/2026').problems[0].message).toContain('does not follow the workspace\'s date format')
  })

  it('trims names and keeps inner spaces', () => {
    expect(parsePastedList('  LOT A 1  \t 2 ').entries).toEqual([{ line: 1, name: 'LOT A 1', qty: 2 }])
  })

  it('reads an empty paste as nothing', () => {
    expect(parsePastedList('')).toEqual({ entries: [], problems: [] })
    expect(parsePastedList('\n\n')).toEqual({ entries: [], problems: [] })
  })
})
