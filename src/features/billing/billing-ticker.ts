// The billing ticker: charges every lease whose next period has begun, suspends what cannot be
// paid, and resumes what a refund made payable again. One transaction per user, under that user's
// wallet lock, so two processes (or a rerun after a crash) never charge one period twice: the
// first moves the lease's renewal_time past the period, and the period's charge_key is unique.
import { formatTime, type Clock } from '../../lib/clock.ts'
import { failpoint } from '../../lib/failpoints.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { Store } from '../../store/store.ts'
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
