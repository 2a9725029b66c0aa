// The global lock order and the lock-set: out of order or undeclared throws, asking again is a no-op.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ManualClock } from '../lib/clock.ts'
import { seededIdGenerator } from '../lib/ids.ts'
import type { Tx } from '../store/database.ts'
import type { Capabilities } from '../store/dialects.ts'
import { LOCK_ORDER, LockOrderError, LockSet, lockForAction, lockForJob, type Lockers, type LockTx } from './locks.ts'

// the lockers only record what they were asked to lock: no database is needed to check the order
const tx: LockTx = { db: {} as Tx, caps: {} as Capabilities, clock: new ManualClock(new Date('2026-01-01T00:00:00Z')), ids: seededIdGenerator(1) }

function recording(): { lockers: Lockers; calls: string[] } {
  const calls: string[] = []
  const lockers: Lockers = {
    wallet: async (_tx, user) => {
      calls.push(`wallet ${user}`)
      return { wallet: user }
    },
    quota: async (_tx, { user, zone }) => void calls.push(`quota ${user} ${zone}`),
    hosts: async (_tx, zone) => void calls.push(`hosts ${zone}`),
  }
  return { lockers, calls }
}

const anything = { holder: 'test', anyKey: LOCK_ORDER }

describe('the lock-set', () => {
  it('takes locks in the global order: wallet, quota, hosts', async () => {
    const { lockers, calls } = recording()
    const locks = new LockSet(tx, lockers, anything)
    await locks.take('wallet', 'usr-1')
    await locks.take('quota', { user: 'usr-1', zone: 'pek3a' })
    await locks.take('hosts', 'pek3a')
    assert.deepEqual(calls, ['wallet usr-1', 'quota usr-1 pek3a', 'hosts pek3a'])
    assert.deepEqual(locks.taken(), ['wallet[usr-1]', 'quota[usr-1 pek3a]', 'hosts[pek3a]'])
  })

  it('throws for a kind that ranks before one already held, and locks nothing', async () => {
    for (const [later, earlier] of [
      ['quota', 'wallet'],
      ['hosts', 'wallet'],
      ['hosts', 'quota'],
    ] as const) {
      const { lockers, calls } = recording()
      const locks = new LockSet(tx, lockers, anything)
      const key = (kind: (typeof LOCK_ORDER)[number]) => (kind === 'quota' ? { user: 'usr-1', zone: 'pek3a' } : kind === 'wallet' ? 'usr-1' : 'pek3a')
      await locks.take(later, key(later) as never)
      await assert.rejects(locks.take(earlier, key(earlier) as never), (error: unknown) => {
        assert.ok(error instanceof LockOrderError)
        assert.match(error.message, new RegExp(`locks ${earlier}\\[.*\\] after ${later}\\[`))
        assert.match(error.message, /wallet → quota → hosts → resource rows/)
        return true
      })
      assert.equal(calls.length, 1, `${earlier} after ${later} must not be locked`)
    }
  })

  it('takes several keys of one kind in ascending order only', async () => {
    const { lockers, calls } = recording()
    const locks = new LockSet(tx, lockers, anything)
    await locks.take('wallet', 'usr-a')
    await locks.take('wallet', 'usr-b')
    await assert.rejects(locks.take('wallet', 'usr-0'), LockOrderError)
    // the user-wide quota ('' zone) before a zone's, as requireQuota sorts them
    await locks.take('quota', { user: 'usr-a', zone: '' })
    await locks.take('quota', { user: 'usr-a', zone: 'pek3a' })
    await assert.rejects(locks.take('quota', { user: 'usr-0', zone: 'pek3a' }), LockOrderError)
    assert.deepEqual(calls, ['wallet usr-a', 'wallet usr-b', 'quota usr-a ', 'quota usr-a pek3a'])
  })

  it('asking again for a held lock is a no-op that returns what the locker returned, even after later locks', async () => {
    const { lockers, calls } = recording()
    const locks = new LockSet(tx, lockers, anything)
    const first = await locks.take('wallet', 'usr-1')
    await locks.take('hosts', 'pek3a')
    assert.equal(await locks.take('wallet', 'usr-1'), first)
    await locks.take('hosts', 'pek3a')
    assert.deepEqual(calls, ['wallet usr-1', 'hosts pek3a'])
  })

  it('throws for a kind the holder did not declare', async () => {
    const { lockers, calls } = recording()
    const locks = new LockSet(tx, lockers, { holder: 'action Foo', anyKey: ['wallet'] })
    await assert.rejects(locks.take('quota', { user: 'usr-1', zone: 'pek3a' }), /action Foo locks quota\[usr-1 pek3a\] but does not declare it/)
    assert.deepEqual(calls, [])
  })
})

describe('lockForAction', () => {
  it('takes the declared locks for the caller in the global order, whatever order they are declared in', async () => {
    const { lockers, calls } = recording()
    const locks = await lockForAction(tx, lockers, { name: 'RunSomething', locks: ['hosts', 'wallet', 'quota'] }, 'usr-1', 'pek3a')
    assert.deepEqual(calls, ['wallet usr-1', 'quota usr-1 pek3a', 'hosts pek3a'])
    // the handler asking for them again changes nothing
    await locks.take('wallet', 'usr-1')
    await locks.take('quota', { user: 'usr-1', zone: 'pek3a' })
    assert.equal(calls.length, 3)
  })

  it("refuses another user's wallet, another zone's quota and an undeclared kind", async () => {
    const { lockers } = recording()
    const locks = await lockForAction(tx, lockers, { name: 'Spend', locks: ['wallet'] }, 'usr-1', 'pek3a')
    await assert.rejects(locks.take('wallet', 'usr-2'), /action Spend locks wallet\[usr-2\] but does not declare it/)
    await assert.rejects(locks.take('quota', { user: 'usr-1', zone: 'pek3a' }), /does not declare it/)
    const quota = await lockForAction(tx, lockers, { name: 'Make', locks: ['quota'] }, 'usr-1', 'pek3a')
    await assert.rejects(quota.take('quota', { user: 'usr-1', zone: 'sh1a' }), /does not declare it/)
  })

  it('lets lockAtRunTime kinds be taken with any key, still in order', async () => {
    const { lockers, calls } = recording()
    const locks = await lockForAction(tx, lockers, { name: 'Recharge', lockAtRunTime: ['wallet'] }, 'usr-admin', '')
    assert.deepEqual(calls, [])
    await locks.take('wallet', 'usr-2')
    await locks.take('wallet', 'usr-3')
    await assert.rejects(locks.take('wallet', 'usr-1'), LockOrderError)
    assert.deepEqual(calls, ['wallet usr-2', 'wallet usr-3'])
  })

  it('refuses declared locks without a caller to take them for', async () => {
    const { lockers } = recording()
    await assert.rejects(lockForAction(tx, lockers, { name: 'Login', locks: ['wallet'] }, '', ''), LockOrderError)
  })
})

describe('lockForJob', () => {
  it("takes the action's jobLocks for the job's owner and zone, then lets more keys of those kinds in order", async () => {
    const { lockers, calls } = recording()
    const locks = await lockForJob(tx, lockers, { name: 'RunInstances', jobLocks: ['hosts', 'wallet'] }, 'usr-1', 'pek3a')
    assert.deepEqual(calls, ['wallet usr-1', 'hosts pek3a'])
    // an owner's wallet after the hosts is out of order
    await assert.rejects(locks.take('wallet', 'usr-2'), /locks wallet\[usr-2\] after hosts\[pek3a\]/)
    await assert.rejects(locks.take('quota', { user: 'usr-1', zone: 'pek3a' }), /job of RunInstances locks quota\[usr-1 pek3a\] but does not declare it/)
  })

  it('without jobLocks, a settle step may take no lock', async () => {
    const { lockers } = recording()
    const locks = await lockForJob(tx, lockers, { name: 'StartInstances' }, 'usr-1', 'pek3a')
    await assert.rejects(locks.take('wallet', 'usr-1'), /job of StartInstances locks wallet\[usr-1\] but does not declare it/)
  })
})

describe('the lock order', () => {
  it('is written once, in LOCK_ORDER: no other source file or doc spells it out (they refer to protocol/locks.ts)', () => {
    const root = new URL('../..', import.meta.url).pathname
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path)
        return /\.(ts|md)$/.test(name) && !name.endsWith('.test.ts') ? [path] : []
      })
    const spelled = /\b(wallet|quota|hosts?|resources?)\s*(→|->)\s*(wallet|quota|hosts?|resources?)\b/i
    const offenders = [...files(join(root, 'src')), ...files(join(root, 'docs')), join(root, 'README.md')].filter((path) => spelled.test(readFileSync(path, 'utf8')))
    assert.deepEqual(offenders, [])
  })
})
