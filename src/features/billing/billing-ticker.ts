// The billing ticker: charges every lease whose next period has begun, suspends what cannot be
// paid, and resumes what a refund made payable again. One transaction per user, under that user's
// wallet lock, so two processes (or a rerun after a crash) never charge one period twice: the
// first moves the lease's renewal_time past the period, and the period's charge_key is unique.
import { formatTime, type Clock } from '../../lib/clock.ts'
import { failpoint } from '../../lib/failpoints.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { Store } from '../../store/store.ts'
import type { Queryable } from '../../store/database.ts'
import { LockSet, type Lockers } from '../../protocol/locks.ts'
import { chargeDue, resumeLeases } from './leases.ts'
import { Wallet } from './wallet.ts'

export interface TickResult {
  /** Users whose leases were looked at. */
  users: number
  suspended: number
  resumed: number
}

/** Users with a lease due by `now`, or with a suspended lease that may be settled (suspended or resumed). */
async function usersWithWork(store: Store, now: Date): Promise<string[]> {
  const rows = await store.db
    .selectFrom('leases')
    .select('owner')
    .distinct()
    .where((eb) => eb.or([eb.and([eb('status', '=', 'active'), eb('renewal_time', '<=', formatTime(now))]), eb('status', '=', 'suspended')]))
    .orderBy('owner')
    .execute()
  return rows.map((r) => r.owner)
}

export async function runBillingTick(deps: { store: Store; clock: Clock; ids: IdGenerator; lockers: Lockers }): Promise<TickResult> {
  const now = deps.clock.now()
  const result: TickResult = { users: 0, suspended: 0, resumed: 0 }
  for (const owner of await usersWithWork(deps.store, now)) {
    await deps.store.db.transaction().execute(async (db) => {
      const ctx = { db, caps: deps.store.caps, clock: deps.clock, ids: deps.ids }
      // the owner's wallet is the one lock it takes (the global order, protocol/locks.ts)
      const wallet = await Wallet.lock({ locks: new LockSet(ctx, deps.lockers, { holder: 'the billing ticker', anyKey: ['wallet'] }) }, owner)
      // read under the lock: another process may have charged these since usersWithWork looked
      const due = await db.selectFrom('leases').selectAll().where('owner', '=', owner).where('status', '=', 'active').where('renewal_time', '<=', formatTime(now)).orderBy('lease_time').orderBy('lease_id').execute()
      for (const lease of due) if ((await chargeDue(ctx, wallet, lease, now)) === 'suspended') result.suspended++
      const settled = await resumeLeases(ctx, wallet)
      result.resumed += settled.resumed
      result.suspended += settled.suspended
    })
    result.users++
    failpoint('billing:tick-user-committed')
  }
  return result
}

/** What health shows of the ticker (times are '' when there is none). */
export interface BillingTickerState {
  /** A background loop in this process ticks it periodically (false: manual job speed, a stopped runner, or a non-first worker). */
  running: boolean
  /** A tick is under way now. */
  ticking: boolean
  /** When this process's last tick began, by the app's clock, and what it did. */
  last_tick_time: string
  last_tick: TickResult | null
  /** When the loop ticks next ('' when not running). */
  next_tick_time: string
  /** The earliest renewal time among active leases: the next period the ticker will charge. */
  next_due_time: string
}

/** One process's ticker: runs ticks and remembers the last one, for health. */
export class BillingTicker {
  private ticking = false
  private last: { at: Date; result: TickResult } | undefined

  async tick(deps: { store: Store; clock: Clock; ids: IdGenerator; lockers: Lockers }): Promise<TickResult> {
    const at = deps.clock.now()
    this.ticking = true
    try {
      const result = await runBillingTick(deps)
      this.last = { at, result }
      return result
    } finally {
      this.ticking = false
    }
  }

  /** The ticker's state; `schedule` is the loop's (undefined: no loop ticks it), `nextDue` from nextLeaseDue. */
  state(schedule: { nextTick: Date } | undefined, nextDue: Date | undefined): BillingTickerState {
    return {
      running: schedule !== undefined,
      ticking: this.ticking,
      last_tick_time: this.last ? formatTime(this.last.at) : '',
      last_tick: this.last ? { ...this.last.result } : null,
      next_tick_time: schedule ? formatTime(schedule.nextTick) : '',
      next_due_time: nextDue ? formatTime(nextDue) : '',
    }
  }
}

/** The earliest renewal time among active leases (undefined: none). */
export async function nextLeaseDue(db: Queryable): Promise<Date | undefined> {
  const row = await db
    .selectFrom('leases')
    .select((eb) => eb.fn.min<string>('renewal_time').as('due'))
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row?.due ? new Date(row.due) : undefined
}
