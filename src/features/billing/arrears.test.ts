// Running out of money: 2400 before anything is created or resized, suspension when an hour cannot
// be paid, and resumption after a recharge, with each resource back in the status it had.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { hostUsage, LINUX } from '../../../test/support/fixtures-instances.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../test/support/fixtures-billing.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

const count = async (table: 'instances' | 'volumes' | 'leases', owner: string) =>
  Number(
    (
      await t.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('owner', '=', owner)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('insufficient balance (2400)', () => {
  it('refuses a creation whose first charge the balance does not cover, and creates nothing', async () => {
    const { user_id, key } = await payingUser(t, 0.2)
    const hostsBefore = await hostUsage(t)
    const reply = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 3 }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2400, 'InsufficientBalance, balance 0.20 does not cover 0.21 for the first hour of 3 instances, please recharge'])
    assert.deepEqual([await count('instances', user_id), await count('leases', user_id), await balance(t, user_id)], [0, 0, 2000])
    assert.deepEqual(await hostUsage(t), hostsBefore)
    const monthly = await t.call('CreateVolumes', { size: 20, charge_mode: 'monthly', duration: '1m' }, { key })
    assert.deepEqual([monthly.ret_code, monthly.message], [2400, 'InsufficientBalance, balance 0.20 does not cover 14.40 for the first 1-month term of 1 volume, please recharge'])
    // what the balance does cover still works
    ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 2 }, { key }))
    assert.equal(await balance(t, user_id), 600)
  })

  it('refuses a resize the balance cannot pay, and leaves size, price and hosts as they were', async () => {
    const { user_id, key } = await payingUser(t, 0.1)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    ok(await t.call('StopInstances', { instances: [instance] }, { key }))
    await t.settle()
    // c2m4 costs 0.18 an hour; 0.03 left + the unused 0.07 of this hour do not cover it
    const hostsBefore = await hostUsage(t)
    const reply = await t.call('ResizeInstances', { instances: [instance], instance_type: 'c2m4' }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2400, `InsufficientBalance, balance 0.03 does not cover 0.18 for the first hour of instance [${instance}] at its new size, please recharge`])
    assert.deepEqual(await hostUsage(t), hostsBefore)
    const still = (await t.call('DescribeInstances', { instances: [instance] }, { key })).instance_set[0]
    assert.deepEqual([still.instance_type, still.status, still.transition_status], ['c1m1', 'stopped', ''])
    assert.equal((await leasesOf(t, instance!))[0]!.hourly_price, 700)
    assert.equal(await balance(t, user_id), 300)
    // half an hour later, with money: the unused half hour comes back and a new hour is charged at the new price
    await t.fund(user_id, 1)
    t.clock.advance(30 * 60_000)
    ok(await t.call('ResizeInstances', { instances: [instance], instance_type: 'c2m4' }, { key }))
    assert.equal(await balance(t, user_id), 10_300 + 350 - 1800)
    assert.equal((await leasesOf(t, instance!))[0]!.hourly_price, 1800)
  })
})

describe('suspension for arrears', () => {
  it('suspends every resource whose hour cannot be paid, and a recharge resumes them as they were', async () => {
    t.clock.set('2026-04-01T00:00:00Z')
    const { user_id, key } = await payingUser(t, 0.2)
    const [running] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    t.clock.advance(1000) // the older lease is resumed first
    const [stopped] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    ok(await t.call('StopInstances', { instances: [stopped] }, { key }))
    await t.settle()
    assert.equal(await balance(t, user_id), 600)

    // the next hour: 0.06 pays neither instance's 0.07
    t.clock.set('2026-04-01T01:00:01Z')
    const tick = await t.bill()
    assert.ok(tick.suspended >= 2, JSON.stringify(tick))
    const describe = async (id: string) => (await t.call('DescribeInstances', { instances: [id] }, { key })).instance_set[0].status
    assert.deepEqual([await describe(running!), await describe(stopped!)], ['suspended', 'suspended'])
    assert.deepEqual(
      (await leasesOf(t, running!)).map((l) => [l.status, l.suspended_from]),
      [['suspended', 'running']],
    )
    const start = await t.call('StartInstances', { instances: [stopped] }, { key })
    assert.equal(start.ret_code, 1400)
    // suspended time is not charged
    t.clock.set('2026-04-01T05:00:00Z')
    await t.bill()
    assert.equal(await balance(t, user_id), 600)

    // a recharge resumes them at once, charging an hour from now, oldest lease first
    t.clock.set('2026-04-01T05:20:00Z')
    await t.fund(user_id, 0.05)
    // 0.11 pays the older lease's hour; the 0.04 left does not pay the other's
    assert.deepEqual([await describe(running!), await describe(stopped!)], ['running', 'suspended'])
    assert.equal(await balance(t, user_id), 600 + 500 - 700)
    await t.fund(user_id, 0.1)
    assert.deepEqual([await describe(running!), await describe(stopped!)], ['running', 'stopped'])
    assert.deepEqual((await chargesOf(t, stopped!)).at(-1), ['2026-04-01T05:20:00Z', 700, 'resumed after a recharge'])
    assert.equal((await leasesOf(t, stopped!))[0]!.renewal_time, '2026-04-01T06:20:00Z')
    assert.equal(await balance(t, user_id), 400 + 1000 - 700)
  })

  it('leaves a resource that is busy alone and suspends it at the next tick', async () => {
    t.clock.set('2026-04-02T00:00:00Z')
    const { key } = await payingUser(t, 0.1)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    ok(await t.call('StopInstances', { instances: [instance] }, { key }))
    t.clock.set('2026-04-02T01:00:00Z')
    await t.bill()
    // stopping is under way: the lease is suspended, the instance not yet
    assert.deepEqual(
      (await leasesOf(t, instance!)).map((l) => [l.status, l.suspended_from]),
      [['suspended', null]],
    )
    await t.settle()
    await t.bill()
    assert.deepEqual(
      (await leasesOf(t, instance!)).map((l) => [l.status, l.suspended_from]),
      [['suspended', 'stopped']],
    )
    assert.equal((await t.call('DescribeInstances', { instances: [instance] }, { key })).instance_set[0].status, 'suspended')
  })

  it('a suspended instance can still be terminated, and nothing is charged or refunded for it', async () => {
    t.clock.set('2026-04-03T00:00:00Z')
    const { user_id, key } = await payingUser(t, 0.1)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    t.clock.set('2026-04-03T02:30:00Z')
    await t.bill()
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    await t.settle()
    assert.equal(await balance(t, user_id), 300)
    assert.deepEqual(
      (await leasesOf(t, instance!)).map((l) => l.status),
      ['ended'],
    )
  })
})
