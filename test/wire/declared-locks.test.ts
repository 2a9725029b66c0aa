// Declared locks (protocol/locks.ts) over the wire: actions that move money, quota or host capacity
// take their locks in the global order, the endpoint takes the declared ones before the handler
// runs, job steps take their jobLocks, and an undeclared or out-of-order lock is a 5000 (a bug).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Type from 'typebox'
import { Wallet } from '../../src/features/billing/wallet.ts'
import { requireQuota } from '../../src/features/quotas/quota-check.ts'
import { lockers } from '../../src/lockers.ts'
import { modules } from '../../src/modules.ts'
import { defineAction } from '../../src/protocol/action.ts'
import { lockName, type Lockers } from '../../src/protocol/locks.ts'
import { launchOne, LINUX } from '../support/fixtures-instances.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

/** Every lock taken, with the transaction it was taken in. */
const taken: Array<{ tx: object; lock: string }> = []
const record = (tx: { db: object }, lock: string) => void taken.push({ tx: tx.db, lock })
const watching: Lockers = {
  wallet: (tx, key) => {
    record(tx, lockName('wallet', key))
    return lockers.wallet(tx, key)
  },
  quota: (tx, key) => {
    record(tx, lockName('quota', key))
    return lockers.quota(tx, key)
  },
  hosts: (tx, key) => {
    record(tx, lockName('hosts', key))
    return lockers.hosts(tx, key)
  },
}

/** The locks `work` took, per transaction, in the order taken. */
async function locksOf(work: () => Promise<unknown>): Promise<string[][]> {
  const from = taken.length
  await work()
  const byTx = new Map<object, string[]>()
  for (const { tx, lock } of taken.slice(from)) byTx.set(tx, [...(byTx.get(tx) ?? []), lock])
  return [...byTx.values()]
}

// test-only actions: what the handler sees held when it starts, and locks that break the rules
const seenAtStart: string[][] = []
const spendDeclared = defineAction({
  name: 'SpendDeclared',
  locks: ['hosts', 'wallet', 'quota'],
  params: Type.Object({}),
  async handle(_params, ctx) {
    seenAtStart.push(ctx.locks.taken())
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    await requireQuota(ctx, ctx.zone, { volume: 1 })
    return { balance: wallet.balance }
  },
})
const spendUndeclared = defineAction({
  name: 'SpendUndeclared',
  params: Type.Object({}),
  async handle(_params, ctx) {
    await Wallet.lock(ctx, ctx.caller.user_id)
    return {}
  },
})
const walletAfterQuota = defineAction({
  name: 'WalletAfterQuota',
  lockAtRunTime: ['wallet', 'quota'],
  params: Type.Object({}),
  async handle(_params, ctx) {
    await requireQuota(ctx, ctx.zone, { volume: 1 })
    await Wallet.lock(ctx, ctx.caller.user_id)
    return {}
  },
})
const testActions = [spendDeclared, spendUndeclared, walletAfterQuota]
const withTestActions = modules.map((m) => (m.name === 'iaas' ? { ...m, actions: new Map([...m.actions, ...testActions.map((a) => [a.name, a] as const)]) } : m))

let t: TestApp
before(async () => (t = await startTestApp({ modules: withTestActions, lockers: watching, hosts: { hostsPerZone: 2, hostCpu: 64, hostMemory: 262144 } })))
after(() => t.close())

const ok = (reply: { ret_code?: unknown }): void => assert.equal(reply.ret_code, 0, JSON.stringify(reply))

describe('the endpoint', () => {
  it('takes the declared locks for the caller, in the global order, before the handler runs; asking again is a no-op', async () => {
    const u = t.user.user_id
    const locks = await locksOf(async () => ok(await t.call('SpendDeclared')))
    assert.deepEqual(locks, [[`wallet[${u}]`, `quota[${u} pek3a]`, `hosts[pek3a]`]])
    assert.deepEqual(seenAtStart.at(-1), [`wallet[${u}]`, `quota[${u} pek3a]`, `hosts[pek3a]`])
  })

  it('answers 5000 when a handler locks what its action does not declare, and locks nothing', async () => {
    const locks = await locksOf(async () => assert.equal((await t.call('SpendUndeclared')).ret_code, 5000))
    assert.deepEqual(locks, [])
  })

  it('answers 5000 when a handler asks for the wallet after the quota', async () => {
    const locks = await locksOf(async () => assert.equal((await t.call('WalletAfterQuota')).ret_code, 5000))
    assert.deepEqual(locks, [[`quota[${t.user.user_id} pek3a]`]])
  })
})

describe('actions that move money, quota or host capacity', () => {
  it('lock exactly what they declare, in the global order, and their jobs lock their jobLocks', async () => {
    const u = t.user.user_id
    const z = 'pek3a'
    assert.deepEqual(await locksOf(async () => ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 1 }))), [[`wallet[${u}]`, `quota[${u} ${z}]`, `hosts[${z}]`]])
    await t.settle()
    const stopped = await launchOne(t, 'stopped')
    assert.deepEqual(await locksOf(async () => ok(await t.call('ResizeInstances', { instances: [stopped], cpu: 2, memory: 2048 }))), [[`wallet[${u}]`, `quota[${u} ${z}]`, `hosts[${z}]`]])
    // the resize job's settle takes the zone's hosts (undoing a failed resize gives capacity back)
    assert.deepEqual(await locksOf(() => t.settle()), [[`hosts[${z}]`]])
    assert.deepEqual(await locksOf(async () => ok(await t.call('TerminateInstances', { instances: [stopped] }))), [[`wallet[${u}]`]])
    assert.deepEqual(await locksOf(() => t.settle()), [[`hosts[${z}]`]])
    assert.deepEqual(await locksOf(async () => ok(await t.call('CreateVolumes', { size: 20, volume_type: 0 }))), [[`wallet[${u}]`, `quota[${u} ${z}]`]])
    assert.deepEqual(await locksOf(() => t.settle()), [[`wallet[${u}]`]])
    assert.deepEqual(await locksOf(async () => ok(await t.call('AllocateEips', { bandwidth: 1 }))), [[`wallet[${u}]`, `quota[${u} ${z}]`]])
    // tags are counted user-wide: the quota lock of zone ''
    assert.deepEqual(await locksOf(async () => ok(await t.call('CreateTag', { tag_name: 'locks' }))), [[`quota[${u} ]`]])
    // an administrator's recharge locks the recharged user's wallet, not their own
    assert.deepEqual(await locksOf(async () => ok(await t.admin_call('Recharge', { user: u, amount: '10' }))), [[`wallet[${u}]`]])
  })

  it('keep the global order under the billing ticker too', async () => {
    t.clock.advance(3_600_000)
    const locks = await locksOf(() => t.bill())
    assert.ok(locks.length > 0)
    for (const tx of locks) assert.deepEqual(tx, [`wallet[${tx[0]!.slice('wallet['.length, -1)}]`])
  })
})
