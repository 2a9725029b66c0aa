// Time for domain code. Nothing outside this file reads the wall clock, so tests can fix or step
// time and lease, session and quota logic is deterministic.

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that only moves when told to: for tests and for replaying recorded requests. */
export class ManualClock implements Clock {
  private ms: number
  constructor(start: Date | string) {
    this.ms = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.ms)
  }
  advance(ms: number): void {
    this.ms += ms
  }
  set(at: Date | string): void {
    this.ms = new Date(at).getTime()
  }
}

/** QingCloud's wire format for times: UTC, whole seconds, `Z` suffix. */
export function formatTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
