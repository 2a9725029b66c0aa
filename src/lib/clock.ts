// Time for domain code. Nothing outside this file reads the wall clock (src/no-stray-time.test.ts
// keeps it so), so tests can fix or step time, the virtual clock (features/virtual-clock) can move
// it for a whole platform, and lease, session and quota logic is deterministic.

export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/**
 * Real elapsed milliseconds (Date.now()), for what must keep real time whatever the platform's
 * clock says: pacing loops and timeouts, file times, certificate validity, a client's own
 * time_stamp. Never for domain time: that is a Clock.
 */
export const realTimeMs = (): number => Date.now()

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
