// Billing driven by the manual clock: a whole day of pay-as-you-go and whole prepaid terms run in
// well under a second, and every charge is checked to the minor unit (1/10000 yuan).
// Prices are the defaults: c1m1 = 1 vCPU × 0.05 + 1 GB × 0.02 = 0.07 yuan an hour (700 minor
// units); a 50 GB performance volume = 50 × 0.001 = 0.05 yuan an hour (500).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { balance, billHourly, chargesOf, leasesOf, payingUser } from '../../../test/support/fixtures-billing.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

describe('pay-as-you-go', () => {
  it('charges the first hour at creation, each later hour once, and refunds the unused part of the last', async () => {
    t.clock.set('2026-03-01T08:00:00Z')
    const { user_id, key } = await payingUser(t, 100)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    const [volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0 }, { key })).volumes
    await t.settle()
    assert.equal(await balance(t, user_id), 1_000_000 - 700 - 500)

    // not yet an hour: nothing is due
    t.clock.advance(59 * 60_000)
    await t.bill()
    assert.equal(await balance(t, user_id), 1_000_000 - 1200)

    // a day of ticks, with every tick run twice: each hour is charged exactly once
    t.clock.set('2026-03-01T08:00:00Z')
    for (let h = 1; h <= 24; h++) {
      t.clock.set(new Date(Date.parse('2026-03-01T08:00:00Z') + h * 3_600_000))
      await t.bill()
      await t.bill()
    }
    // 25 hours paid for each: 25 × 0.12 = 3.00
    assert.equal(await balance(t, user_id), 1_000_000 - 25 * 1200)
    const hours = await chargesOf(t, instance!)
    assert.equal(hours.length, 25)
    assert.deepEqual(hours[0], ['2026-03-01T08:00:00Z', 700, 'first hour, charged in advance'])
    assert.deepEqual(hours[24], ['2026-03-02T08:00:00Z', 700, 'hourly charge'])

    // deleted half-way through the 26th hour: half of 0.07 and half of 0.05 come back, once
    t.clock.set('2026-03-02T08:30:00Z')
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    ok(await t.call('DeleteVolumes', { volumes: [volume] }, { key }))
    await t.settle()
    assert.equal(await balance(t, user_id), 1_000_000 - 25 * 1200 + 350 + 250)
    assert.deepEqual((await chargesOf(t, instance!)).at(-1), ['2026-03-02T08:30:00Z', -350, 'unused time of the hour refunded'])
    assert.deepEqual(
      (await leasesOf(t, volume!)).map((l) => [l.status, l.end_time]),
      [['ended', '2026-03-02T08:30:00Z']],
    )

    // the ticker has nothing more to do for them
    await billHourly(t, 3)
    assert.equal(await balance(t, user_id), 1_000_000 - 25 * 1200 + 600)
  })

  it("catches up every hour it missed, and refunds to the second, rounding in the user's favour", async () => {
    t.clock.set('2026-03-05T00:00:00Z')
    const { user_id, key } = await payingUser(t, 10)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    await t.settle()
    // the ticker did not run for five hours and a bit: one run charges the five hours that began
    t.clock.set('2026-03-05T05:00:01Z')
    await t.bill()
    assert.equal((await chargesOf(t, instance!)).length, 6)
    assert.equal(await balance(t, user_id), 100_000 - 6 * 700)
    // 1 s used of the sixth paid hour: 3599/3600 of 700 = 699.8 → 699 back (rounded down)
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    assert.equal(await balance(t, user_id), 100_000 - 6 * 700 + 699)
  })
})

describe('prepaid monthly terms', () => {
  it('charges a whole term up front, nothing during it, renews it at its end, and refuses deletion before then (2300)', async () => {
    t.clock.set('2026-01-15T08:00:00Z')
    const { user_id, key } = await payingUser(t, 200)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', charge_mode: 'monthly', duration: '1m' }, { key })).instances
    await t.settle()
    // 0.07 × 720 = 50.40
    assert.equal(await balance(t, user_id), 2_000_000 - 504_000)
    assert.deepEqual(await chargesOf(t, instance!), [['2026-01-15T08:00:00Z', 504_000, 'prepaid term']])

    const refused = await t.call('TerminateInstances', { instances: [instance] }, { key })
    assert.deepEqual([refused.ret_code, refused.message], [2300, `UnleaseFailed, instance [${instance}] is prepaid until 2026-02-15T08:00:00Z and can not be deleted before then`])
    assert.equal((await t.call('DescribeInstances', { instances: [instance] }, { key })).instance_set[0].status, 'running')

    // every day of the term: no charge
    for (let day = 1; day <= 30; day++) {
      t.clock.set(new Date(Date.parse('2026-01-15T08:00:00Z') + day * 86_400_000))
      await t.bill()
    }
    assert.equal(await balance(t, user_id), 2_000_000 - 504_000)
    // the term ends (31 days in January): auto-renewal charges the next term once
    t.clock.set('2026-02-15T08:00:00Z')
    await t.bill()
    await t.bill()
    assert.equal(await balance(t, user_id), 2_000_000 - 2 * 504_000)
    assert.deepEqual((await chargesOf(t, instance!)).at(-1), ['2026-02-15T08:00:00Z', 504_000, 'prepaid term renewed'])
    assert.equal((await leasesOf(t, instance!))[0]!.renewal_time, '2026-03-15T08:00:00Z')
  })

  it('without auto-renewal, carries on pay-as-you-go after the term and can then be deleted', async () => {
    t.clock.set('2026-01-31T10:00:00Z')
    const { user_id, key } = await payingUser(t, 100)
    const [volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0, duration: '1m', auto_renew: 0 }, { key })).volumes
    await t.settle()
    // 0.05 × 720 = 36.00
    assert.equal(await balance(t, user_id), 1_000_000 - 360_000)
    assert.equal((await t.call('DeleteVolumes', { volumes: [volume] }, { key })).ret_code, 2300)
    // January 31 + 1 month = February 28
    t.clock.set('2026-02-28T10:00:00Z')
    await t.bill()
    assert.deepEqual((await chargesOf(t, volume!)).at(-1), ['2026-02-28T10:00:00Z', 500, 'hourly charge'])
    assert.equal((await leasesOf(t, volume!))[0]!.charge_mode, 'elastic')
    t.clock.set('2026-02-28T10:15:00Z')
    ok(await t.call('DeleteVolumes', { volumes: [volume] }, { key }))
    // 45 of 60 minutes unused: 375 back
    assert.equal(await balance(t, user_id), 1_000_000 - 360_000 - 500 + 375)
  })
})

describe('charge records', () => {
  it('carry the name the resource has when each is written', async () => {
    t.clock.set('2026-05-01T00:00:00Z')
    const { key } = await payingUser(t, 10)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', instance_name: 'web' }, { key })).instances
    await t.settle()
    ok(await t.call('ModifyInstanceAttributes', { instance, instance_name: 'api' }, { key }))
    await billHourly(t, 1)
    const names = await t.store.db.selectFrom('charge_records').select('resource_name').where('resource_id', '=', instance!).orderBy('start_time').execute()
    assert.deepEqual(
      names.map((n) => n.resource_name),
      ['web', 'api'],
    )
  })
})
