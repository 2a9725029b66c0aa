// The platform's calendar: which local day an instant falls on in the configured IANA time zone,
// and when that day ends. The daily API quota is counted per local day and resets at local
// midnight, which is not a UTC midnight (Asia/Shanghai: 16:00Z) and not always 24 h away (DST).

export interface LocalDay {
  /** The local date, 2026-01-15: the key of the day's counter. */
  key: string
  /** The instant of local midnight that starts the day… */
  start: number
  /** …and the one that ends it (epoch ms). */
  end: number
}

export class LocalDays {
  /** Made on first use, and never for UTC: the first Intl.DateTimeFormat maps ICU's zone and locale data, ~8 MB resident. */
  private format: Intl.DateTimeFormat | undefined
  /** The day of the last lookup: every request of a day reuses it instead of formatting dates. */
  private current: LocalDay | undefined

  constructor(readonly timeZone: string) {}

  private formatter(): Intl.DateTimeFormat {
    this.format ??= new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    return this.format
  }

  dayOf(ms: number): LocalDay {
    const current = this.current
    if (current && ms >= current.start && ms < current.end) return current
    const { year, month, day } = this.fields(ms)
    const start = this.midnight(year, month, day)
    const end = this.midnight(year, month, day + 1)
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
    this.current = { key, start, end }
    return this.current
  }

  /** The local wall-clock fields of an instant. */
  private fields(ms: number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    if (this.timeZone === 'UTC') {
      const d = new Date(ms)
      return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }
    }
    const parts: Record<string, number> = {}
    for (const part of this.formatter().formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
    return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! }
  }

  /** How far local wall-clock time is ahead of UTC at an instant, in ms (Asia/Shanghai: +8 h). */
  private offsetAt(ms: number): number {
    const f = this.fields(ms)
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000
  }

  /** The instant local time reads 00:00 on that date (Date.UTC rolls day 32 into the next month). */
  private midnight(year: number, month: number, day: number): number {
    const wall = Date.UTC(year, month - 1, day)
    // the offset at the guess, not at `wall`, is the one in force at midnight when DST changed in between
    const guess = wall - this.offsetAt(wall)
    return wall - this.offsetAt(guess)
  }
}
