import { describe, expect, it } from 'vitest'
import {
  addDays, dateInZone, dayInZone, daysBetween, daysInMonth, excelDateCell, excelSerial, fromDayNumber, fromExcelSerial, isIsoDate, isTimeZone,
  startOfDayInZone, toDayNumber, wallTimeInZone,
} from '../../shared/dates'

describe('isIsoDate', () => {
  it('accepts real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2000-02-29')).toBe(true)
    expect(isIsoDate('2026-12-31')).toBe(true)
    expect(isIsoDate('2026-01-01')).toBe(true)
    expect(isIsoDate('2026-04-30')).toBe(true)
  })

  it('refuses dates that are not on the calendar', () => {
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('1900-02-29')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(isIsoDate('2025-00-10')).toBe(false)
    expect(isIsoDate('2025-01-00')).toBe(false)
    expect(isIsoDate('2025-04-31')).toBe(false)
    expect(isIsoDate('2025-01-32')).toBe(false)
  })

  it('refuses other shapes and non-strings', () => {
    expect(isIsoDate('2025-1-01')).toBe(false)
    expect(isIsoDate('20250101')).toBe(false)
    expect(isIsoDate('2025-01-01T00:00:00Z')).toBe(false)
    expect(isIsoDate(' 2025-01-01')).toBe(false)
    expect(isIsoDate('01/02/2025')).toBe(false)
    expect(isIsoDate('')).toBe(false)
    expect(isIsoDate(20250101)).toBe(false)
    expect(isIsoDate(null)).toBe(false)
    expect(isIsoDate(undefined)).toBe(false)
  })
})

describe('day arithmetic', () => {
  it('knows the length of months, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2023, 2)).toBe(28)
    expect(daysInMonth(1900, 2)).toBe(28)
    expect(daysInMonth(2000, 2)).toBe(29)
    expect(daysInMonth(2026, 4)).toBe(30)
    expect(daysInMonth(2026, 12)).toBe(31)
  })

  it('converts to and from day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0)
    expect(toDayNumber('1970-01-02')).toBe(1)
    expect(fromDayNumber(0)).toBe('1970-01-01')
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29')
    expect(() => toDayNumber('2024/02/29')).toThrow(RangeError)
  })

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01')
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15')
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01')
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01')
    expect(addDays('2026-06-15', -365)).toBe('2025-06-15')
  })

  it('does not drift over daylight-saving changes (the arithmetic is on UTC days)', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29')
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30')
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26')
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2)
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2)
  })

  it('counts whole days between two dates, signed', () => {
    expect(daysBetween('2026-06-15', '2026-06-15')).toBe(0)
    expect(daysBetween('2026-06-15', '2026-06-25')).toBe(10)
    expect(daysBetween('2026-06-25', '2026-06-15')).toBe(-10)
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29)
    expect(daysBetween('2023-02-01', '2023-03-01')).toBe(28)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1)
    expect(addDays('2026-01-10', daysBetween('2026-01-10', '2027-08-03'))).toBe('2027-08-03')
  })
})

describe('day arithmetic in years 0001-0099', () => {
  // isIsoDate accepts these years (a mistyped "0026-12-31" is a valid ISO date), so the arithmetic
  // must stay in them rather than jump to 1926.
  it('adds days without moving to the 1900s', () => {
    expect(isIsoDate('0026-12-31')).toBe(true)
    expect(addDays('0026-12-31', -1)).toBe('0026-12-30')
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01')
    expect(daysBetween('0026-12-31', '0027-01-01')).toBe(1)
    expect(daysBetween('0026-12-31', '0126-12-31')).toBe(36_524)
    expect(fromDayNumber(toDayNumber('0050-06-15'))).toBe('0050-06-15')
  })
})

describe('dateInZone', () => {
  it('gives the wall-clock date of an instant', () => {
    const at = new Date('2026-06-15T23:30:00Z')
    expect(dateInZone(at, 'UTC')).toBe('2026-06-15')
    expect(dateInZone(at, 'Asia/Tokyo')).toBe('2026-06-16')
    expect(dateInZone(at, 'Europe/Brussels')).toBe('2026-06-16')
    expect(dateInZone(at, 'America/New_York')).toBe('2026-06-15')
    expect(dateInZone(new Date('2026-06-15T03:59:59Z'), 'America/New_York')).toBe('2026-06-14')
    expect(dateInZone(new Date('2026-06-15T04:00:00Z'), 'America/New_York')).toBe('2026-06-15')
  })

  it('handles the extreme offsets: Kiritimati (+14) and Pago Pago (-11)', () => {
    // +14: the day starts at 10:00 UTC of the day before.
    expect(dateInZone(new Date('2026-06-14T09:59:59Z'), 'Pacific/Kiritimati')).toBe('2026-06-14')
    expect(dateInZone(new Date('2026-06-14T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-06-15')
    // -11: the day starts at 11:00 UTC.
    expect(dateInZone(new Date('2026-06-15T10:59:59Z'), 'Pacific/Pago_Pago')).toBe('2026-06-14')
    expect(dateInZone(new Date('2026-06-15T11:00:00Z'), 'Pacific/Pago_Pago')).toBe('2026-06-15')
    // The same instant is two calendar days apart in the two zones.
    const at = new Date('2026-06-15T10:30:00Z')
    expect(dateInZone(at, 'Pacific/Kiritimati')).toBe('2026-06-16')
    expect(dateInZone(at, 'Pacific/Pago_Pago')).toBe('2026-06-14')
  })

  it('is right around the daylight-saving changes', () => {
    // Brussels: 2026-03-29 02:00 CET -> 03:00 CEST (01:00 UTC); 2026-10-25 03:00 CEST -> 02:00 CET (01:00 UTC).
    expect(dateInZone(new Date('2026-03-28T22:59:59Z'), 'Europe/Brussels')).toBe('2026-03-28')
    expect(dateInZone(new Date('2026-03-28T23:00:00Z'), 'Europe/Brussels')).toBe('2026-03-29')
    expect(dateInZone(new Date('2026-03-29T21:59:59Z'), 'Europe/Brussels')).toBe('2026-03-29')
    expect(dateInZone(new Date('2026-03-29T22:00:00Z'), 'Europe/Brussels')).toBe('2026-03-30')
    expect(dateInZone(new Date('2026-10-24T21:59:59Z'), 'Europe/Brussels')).toBe('2026-10-24')
    expect(dateInZone(new Date('2026-10-24T22:00:00Z'), 'Europe/Brussels')).toBe('2026-10-25')
    expect(dateInZone(new Date('2026-10-25T22:59:59Z'), 'Europe/Brussels')).toBe('2026-10-25')
    expect(dateInZone(new Date('2026-10-25T23:00:00Z'), 'Europe/Brussels')).toBe('2026-10-26')
    // New York: 2026-03-08 and 2026-11-01.
    expect(dateInZone(new Date('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07')
    expect(dateInZone(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08')
    expect(dateInZone(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08')
    expect(dateInZone(new Date('2026-11-01T03:59:59Z'), 'America/New_York')).toBe('2026-10-31')
    expect(dateInZone(new Date('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01')
    expect(dateInZone(new Date('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01')
  })
})

describe('startOfDayInZone', () => {
  const start = (date: string, tz: string) => startOfDayInZone(date, tz).toISOString()

  it('is local midnight on ordinary days', () => {
    expect(start('2026-06-15', 'UTC')).toBe('2026-06-15T00:00:00.000Z')
    expect(start('2026-06-15', 'Europe/Brussels')).toBe('2026-06-14T22:00:00.000Z')
    expect(start('2026-01-15', 'Europe/Brussels')).toBe('2026-01-14T23:00:00.000Z')
    expect(start('2026-06-15', 'America/New_York')).toBe('2026-06-15T04:00:00.000Z')
    expect(start('2026-01-15', 'America/New_York')).toBe('2026-01-15T05:00:00.000Z')
    expect(start('2026-06-16', 'Asia/Tokyo')).toBe('2026-06-15T15:00:00.000Z')
    expect(start('2026-06-15', 'Asia/Kolkata')).toBe('2026-06-14T18:30:00.000Z')
  })

  it('handles Kiritimati (+14) and Pago Pago (-11)', () => {
    expect(start('2026-06-15', 'Pacific/Kiritimati')).toBe('2026-06-14T10:00:00.000Z')
    expect(start('2026-01-01', 'Pacific/Kiritimati')).toBe('2025-12-31T10:00:00.000Z')
    expect(start('2026-06-15', 'Pacific/Pago_Pago')).toBe('2026-06-15T11:00:00.000Z')
    expect(start('2026-12-31', 'Pacific/Pago_Pago')).toBe('2026-12-31T11:00:00.000Z')
  })

  it('handles the daylight-saving days of Brussels and New York (changes in the night, not at midnight)', () => {
    expect(start('2026-03-29', 'Europe/Brussels')).toBe('2026-03-28T23:00:00.000Z')
    expect(start('2026-03-30', 'Europe/Brussels')).toBe('2026-03-29T22:00:00.000Z')
    expect(start('2026-10-25', 'Europe/Brussels')).toBe('2026-10-24T22:00:00.000Z')
    expect(start('2026-10-26', 'Europe/Brussels')).toBe('2026-10-25T23:00:00.000Z')
    expect(start('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z')
    expect(start('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z')
    expect(start('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z')
    expect(start('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z')
  })

  it('is the first instant of that date in the zone (round trip with dateInZone)', () => {
    const cases: Array<[string, string]> = [
      ['2026-03-29', 'Europe/Brussels'], ['2026-10-25', 'Europe/Brussels'],
      ['2026-03-08', 'America/New_York'], ['2026-11-01', 'America/New_York'],
      ['2026-06-15', 'Pacific/Kiritimati'], ['2026-06-15', 'Pacific/Pago_Pago'],
      ['2024-02-29', 'Australia/Lord_Howe'], ['2026-04-05', 'Australia/Lord_Howe'], ['2026-10-04', 'Australia/Lord_Howe'],
    ]
    for (const [date, tz] of cases) {
      const s = startOfDayInZone(date, tz)
      expect(dateInZone(s, tz), `${date} ${tz}`).toBe(date)
      expect(dateInZone(new Date(s.getTime() - 1), tz), `${date} ${tz} minus 1 ms`).toBe(addDays(date, -1))
    }
  })

  it('starts a day whose midnight does not exist at the first instant of that day', () => {
    // Some zones change to summer time at midnight: the clock goes from 23:59:59 straight to
    // 01:00, so the day begins at 01:00 local time.
    // America/Santiago, 2026-09-06: 00:00 -04 becomes 01:00 -03, i.e. 04:00 UTC.
    expect(start('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z')
    expect(dateInZone(startOfDayInZone('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06')
    // America/Havana, 2026-03-08: 00:00 -05 becomes 01:00 -04, i.e. 05:00 UTC.
    expect(start('2026-03-08', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z')
    // America/Sao_Paulo, 2018-11-04: 00:00 -03 became 01:00 -02, i.e. 03:00 UTC.
    expect(start('2018-11-04', 'America/Sao_Paulo')).toBe('2018-11-04T03:00:00.000Z')
  })

  it('starts a day whose midnight happens after a fall-back change at midnight', () => {
    // America/Santiago, 2026-04-04 24:00 -03 goes back to 23:00 -04: 2026-04-05 starts at 04:00 UTC.
    expect(start('2026-04-05', 'America/Santiago')).toBe('2026-04-05T04:00:00.000Z')
  })
})

describe('isTimeZone', () => {
  it('accepts IANA time zones', () => {
    for (const tz of ['UTC', 'Europe/Brussels', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Tokyo']) {
      expect(isTimeZone(tz), tz).toBe(true)
    }
  })

  it('refuses anything else', () => {
    for (const tz of ['', 'Mars/Olympus_Mons', 'Europe/Atlantis', 'not a zone', 'UTC+25']) {
      expect(isTimeZone(tz), tz).toBe(false)
    }
    expect(isTimeZone(undefined)).toBe(false)
    expect(isTimeZone(null)).toBe(false)
    expect(isTimeZone(1)).toBe(false)
    expect(isTimeZone({})).toBe(false)
  })

  it('a refused zone does not break a known one afterwards', () => {
    expect(isTimeZone('Nowhere/Nothing')).toBe(false)
    expect(isTimeZone('Europe/Brussels')).toBe(true)
    expect(dateInZone(new Date('2026-06-15T22:30:00Z'), 'Europe/Brussels')).toBe('2026-06-16')
  })
})

describe('wallTimeInZone', () => {
  it('is the wall clock of the zone, also on the days its clocks change', () => {
    const wall = (zone: string) => {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      return (t: number) => {
        const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]))
        return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
      }
    }
    // Around the spring and autumn changes of 2026 in Brussels, New York and Lord Howe (half an hour), and Kathmandu (+05:45).
    for (const zone of ['Europe/Brussels', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
      const expected = wall(zone)
      for (const [from, to] of [['2026-03-27', '2026-04-07'], ['2026-10-01', '2026-11-03']]) {
        for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 7 * 60_000 + 13_000) {
          if (wallTimeInZone(new Date(t), zone) !== expected(t)) expect(wallTimeInZone(new Date(t), zone), `${zone} ${new Date(t).toISOString()}`).toBe(expected(t))
        }
      }
    }
    expect(wallTimeInZone(new Date('2026-03-29T00:59:59Z'), 'Europe/Brussels')).toBe('2026-03-29T01:59')
    expect(wallTimeInZone(new Date('2026-03-29T01:00:00Z'), 'Europe/Brussels')).toBe('2026-03-29T03:00')
    expect(() => wallTimeInZone(new Date(Number.NaN), 'UTC')).toThrow(RangeError)
  })
})

describe('the ends of the range of dates (1900-01-01 to 9999-12-31) in every zone', () => {
  it('gives the day of an instant near 9999-12-31 as a day number, also when the zone is already in 10000', () => {
    const last = toDayNumber('9999-12-31')
    expect(dayInZone(new Date('9999-12-31T23:59:59.999Z'), 'UTC')).toBe(last)
    expect(dayInZone(new Date('9999-12-31T23:59:59.999Z'), 'Pacific/Pago_Pago')).toBe(last)
    expect(dayInZone(new Date('9999-12-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe(last + 1)
    expect(dateInZone(new Date('9999-12-31T09:59:59Z'), 'Pacific/Kiritimati')).toBe('9999-12-31')
    expect(dateInZone(new Date('9999-12-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe('10000-01-01')
  })

  it('starts the last and first days of the range in any zone', () => {
    expect(startOfDayInZone('9999-12-31', 'Pacific/Kiritimati').toISOString()).toBe('9999-12-30T10:00:00.000Z')
    expect(startOfDayInZone('9999-12-31', 'Europe/Brussels').toISOString()).toBe('9999-12-30T23:00:00.000Z')
    expect(startOfDayInZone('9999-12-31', 'UTC').toISOString()).toBe('9999-12-31T00:00:00.000Z')
    // In 1900 many zones kept local mean time, an offset in odd minutes and seconds.
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Brussels']) {
      const start = startOfDayInZone('1900-01-01', tz)
      expect(dateInZone(start, tz), tz).toBe('1900-01-01')
      expect(dateInZone(new Date(start.getTime() - 1000), tz), tz).toBe('1899-12-31')
    }
  })

  it('writes the wall clock of a year past 9999 with its five digits', () => {
    expect(wallTimeInZone(new Date('9999-12-31T12:00:00Z'), 'Pacific/Kiritimati')).toBe('10000-01-01T02:00')
    expect(wallTimeInZone(new Date('9999-12-31T12:00:00Z'), 'UTC')).toBe('9999-12-31T12:00')
  })
})

describe('Excel serials', () => {
  it('count January and February 1900 as Excel does, with its 1900-02-29 that never was', () => {
    expect(excelSerial('1900-01-01')).toBe(1)
    expect(excelSerial('1900-02-28')).toBe(59)
    expect(excelSerial('1900-03-01')).toBe(61)
    expect(excelSerial('1900-01-01T12:00')).toBe(1.5)
    expect(excelSerial('9999-12-31')).toBe(2_958_465)
    expect(fromExcelSerial(1)).toBe('1900-01-01')
    expect(fromExcelSerial(59)).toBe('1900-02-28')
    expect(fromExcelSerial(61)).toBe('1900-03-01')
    expect(fromExcelSerial(2_958_465)).toBe('9999-12-31')
    for (const d of ['1900-01-01', '1900-01-31', '1900-02-28', '1900-03-01', '1970-01-01', '2026-11-27', '9999-12-31']) {
      expect(fromExcelSerial(excelSerial(d)), d).toBe(d)
    }
  })

  it('write a date Excel cannot show as its text instead of failing', () => {
    expect(excelDateCell('2026-11-27')).toBe(46_353)
    expect(excelDateCell('2026-11-27T12:00')).toBe(46_353.5)
    expect(excelDateCell('10000-01-01T02:00')).toBe('10000-01-01T02:00')
    expect(excelDateCell('1899-12-31')).toBe('1899-12-31')
    expect(excelDateCell('n/a')).toBe('n/a')
    // A month only (a month-only expiry) is its last day: 2024-02-29.
    expect(excelDateCell('2024-02')).toBe(45_351)
    expect(excelDateCell('2024-13')).toBe('2024-13')
  })
})
