import type { Clock } from '../../server/domain/ledger'

/** A clock tests can set and move. */
export class TestClock implements Clock {
  #now: number

  constructor(iso = '2026-06-15T10:00:00Z') {
    this.#now = Date.parse(iso)
  }

  now(): Date {
    return new Date(this.#now)
  }

  set(iso: string): void {
    this.#now = Date.parse(iso)
  }

  /** Moves the clock forward by whole days. */
  advanceDays(days: number): void {
    this.#now += days * 86_400_000
  }
}
