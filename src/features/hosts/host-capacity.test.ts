// Host capacity moves only under the zone's hosts lock: every capacity function asks the lock-set
// first, so a caller that did not declare the lock fails before any row is read or changed.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ManualClock } from '../../lib/clock.ts'
import { seededIdGenerator } from '../../lib/ids.ts'
import { LockOrderError, LockSet, type Lockers } from '../../protocol/locks.ts'
import type { Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { placeOnHosts, releaseAll, releaseFromHost, reserveOnHost, resizeOnHosts, type HostsTx } from './host-repo.ts'

// any query is a failure of the test: the lock must be refused before the database is touched
const untouchable = new Proxy({} as Tx, {
  get: (_target, name) => {
    throw new Error(`the database was used (${String(name)}) before the hosts lock was granted`)
  },
})
const lockers: Lockers = { wallet: async () => undefined, quota: async () => undefined, hosts: async () => undefined }
const tx = { db: untouchable, caps: {} as Capabilities, clock: new ManualClock(new Date('2026-01-01T00:00:00Z')), ids: seededIdGenerator(1) }

/** A transaction that declared only the wallet, as a job of an action that forgot `hosts` would. */
function walletOnly(): HostsTx {
  return { db: untouchable, caps: tx.caps, locks: new LockSet(tx, lockers, { holder: 'a job without hosts', anyKey: ['wallet'] }) }
}

describe('host capacity without the hosts lock', () => {
  const demand = { cpu: 1, memory: 1024 }
  for (const [name, call] of [
    ['placeOnHosts', (h: HostsTx) => placeOnHosts(h, 'pek3a', [demand])],
    ['resizeOnHosts', (h: HostsTx) => resizeOnHosts(h, 'pek3a', 'hyper-pek3a-01', demand, demand)],
    ['releaseFromHost', (h: HostsTx) => releaseFromHost(h, 'pek3a', 'hyper-pek3a-01', demand)],
    ['reserveOnHost', (h: HostsTx) => reserveOnHost(h, 'pek3a', 'hyper-pek3a-01', demand)],
    ['releaseAll', (h: HostsTx) => releaseAll(h, [{ zone_id: 'pek3a', host_machine: 'hyper-pek3a-01', vcpus_current: 1, memory_current: 1024 }])],
  ] as const) {
    it(`${name} throws LockOrderError naming the lock, before any query`, async () => {
      await assert.rejects(call(walletOnly()), (error: unknown) => error instanceof LockOrderError && /hosts\[pek3a\]/.test(error.message))
    })
  }

  it('releaseAll takes every zone of its holders, in key order, before changing any host', async () => {
    const asked: string[] = []
    const recording: Lockers = { ...lockers, hosts: async (_tx, zone) => void asked.push(zone) }
    const locks = new LockSet(tx, recording, { holder: 'test', anyKey: ['hosts'] })
    const hctx: HostsTx = { db: untouchable, caps: tx.caps, locks }
    const holders = [
      { zone_id: 'sh1a', host_machine: 'hyper-sh1a-01', vcpus_current: 1, memory_current: 1024 },
      { zone_id: 'pek3a', host_machine: 'hyper-pek3a-01', vcpus_current: 1, memory_current: 1024 },
    ]
    // the first update reaches the untouchable database: by then both zones must be locked
    await assert.rejects(releaseAll(hctx, holders), /the database was used/)
    assert.deepEqual(asked, ['pek3a', 'sh1a'])
  })
})
