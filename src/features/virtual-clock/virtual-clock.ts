// The platform's clock: the base clock (the wall clock in `serve`, a test's manual clock) moved by
// the stored virtual clock state (clock-state.ts). Every process keeps the state in memory under the
// cache epoch (store/cache-epoch.ts; migration 0030 makes writes of the setting move it), so a
// change made through any process is seen by every other at its next request, strictly: the
// endpoint calls sync() right after refreshing the epoch, before anything reads the time, and the
// background passes (jobs, billing, sweeps) call refresh() before each pass. sync() is a plain
// comparison while the epoch stands: no query per request.
//
// Loads may finish out of order (PostgreSQL): a load that began earlier never overwrites the state
// a later one brought, so the time this process shows never steps back to an older state.
import type { Clock } from '../../lib/clock.ts'
import type { MaybePromise } from '../../lib/maybe-promise.ts'
import type { CacheEpoch } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import { type ClockState, readClockState, REAL_TIME, virtualMs } from './clock-state.ts'

export interface VirtualClockDeps {
  /** Where time comes from before the state moves it. */
  base: Clock
  epoch: CacheEpoch
  /** Reads the stored state, committed (readClockState on Store.readDb). */
  read: () => Promise<ClockState>
}

/** What the clock control and health show. */
export interface ClockView {
  now: Date
  baseNow: Date
  offsetSeconds: number
  frozen: boolean
}

export class VirtualClock implements Clock {
  private state: ClockState = REAL_TIME
  /** The epoch the state was loaded under (undefined: none known, load every time). */
  private loadedEpoch: number | undefined
  private loaded = false
  private issued = 0
  private applied = 0
  private inFlight: { epoch: number | undefined; done: Promise<void> } | undefined

  constructor(private readonly deps: VirtualClockDeps) {}

  now(): Date {
    return new Date(virtualMs(this.state, this.deps.base.now().getTime()))
  }

  /** The base clock's time: what signatures' time_stamp is judged by (clients sign with their own wall clock). */
  baseNow(): Date {
    return this.deps.base.now()
  }

  view(): ClockView {
    const baseNow = this.deps.base.now()
    const now = new Date(virtualMs(this.state, baseNow.getTime()))
    return { now, baseNow, offsetSeconds: Math.round((now.getTime() - baseNow.getTime()) / 1000), frozen: this.state.frozenAtMs !== null }
  }

  /** Brings the state up to the epoch the latest refresh read: nothing to await while it is current. */
  sync(): MaybePromise<void> {
    const epoch = this.deps.epoch.current
    if (this.loaded && epoch !== undefined && epoch === this.loadedEpoch) return
    // requests of one epoch share one load
    if (this.inFlight && epoch !== undefined && this.inFlight.epoch === epoch) return this.inFlight.done
    const done: Promise<void> = this.load(epoch).finally(() => {
      if (this.inFlight?.done === done) this.inFlight = undefined
    })
    this.inFlight = { epoch, done }
    return done
  }

  /** Reads the epoch now, then syncs: for work that no request started (the job runner's passes, the CLI). */
  async refresh(): Promise<void> {
    await this.deps.epoch.refresh()
    await this.sync()
  }

  private async load(epoch: number | undefined): Promise<void> {
    const ticket = ++this.issued
    const state = await this.deps.read()
    if (ticket < this.applied) return
    this.applied = ticket
    this.state = state
    this.loadedEpoch = epoch
    this.loaded = true
  }
}

/** The platform's clock over `base` on `store`, its state read now (the app, and commands that work on the store: jobs step, billing tick, start-up). */
export async function platformClock(store: { readDb: Queryable; epoch: CacheEpoch }, base: Clock): Promise<VirtualClock> {
  const clock = new VirtualClock({ base, epoch: store.epoch, read: () => readClockState(store.readDb) })
  await clock.refresh()
  return clock
}
