// The composition root's lockers: what each kind of the global lock order (protocol/locks.ts)
// locks, provided by the feature that owns it. The endpoint, the job runner, the billing ticker
// and bootstrap take every lock through a lock-set built on these.
import { Wallet } from './features/billing/wallet.ts'
import { lockZoneHosts } from './features/hosts/host-repo.ts'
import { lockQuota } from './features/quotas/quota-repo.ts'
import type { Lockers } from './protocol/locks.ts'

export const lockers: Lockers = {
  wallet: (tx, userId) => Wallet.lockRow(tx, userId),
  quota: (tx, { user, zone }) => lockQuota(tx.db, tx.caps, user, zone),
  hosts: (tx, zone) => lockZoneHosts(tx.db, tx.caps, zone),
}
