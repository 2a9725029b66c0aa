// GetChargeSums over the wire: a day and a bit of an instance in pek3a and a volume in sh1a, added
// up per day, week, month, quarter, year and in total, grouped by resource type, zone and resource,
// filtered by zone, type, resource and time; whose sums a caller may see; the parameter errors.
// Then the calendar of periods on its own.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { periodLabel } from '../charge-query.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

let key: Key
let user_id: string
let instance: string
let volume: string

/** GetChargeSums as `who` (default: the paying user), with no zone unless the params name one. */
const sums = async (params: Record<string, unknown>, who?: Key) => (await t.send({ key: who ?? key, params: { action: 'GetChargeSums', ...params } })).body

describe('GetChargeSums', () => {
  before(async () => {
    // 2026-01-15 08:00: a c1m1 instance in pek3a (0.07/h) and a 50 GB volume in sh1a (0.05/h);
    // the ticker at midnight charges 09:00 … 23:00 and 00:00 of the 16th; at 00:30 the
    // instance is terminated and half of its 00:00 hour comes back.
    // instance: 15th 16 × 0.07 = 1.12, 16th 0.07 − 0.035 = 0.035; volume: 15th 0.80, 16th 0.05
    t.clock.set('2026-01-15T08:00:00Z')
    ;({ key, user_id } = await payingUser(t, 100))
    ;[instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    ;[volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0, zone: 'sh1a' }, { key })).volumes
    // someone else's charges, which must never count
    ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: t.admin }))
    await t.settle()
    t.clock.set('2026-01-16T00:00:00Z')
    await t.bill()
    t.clock.set('2026-01-16T00:30:00Z')
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    await t.settle()
  })

  it('adds up everything in total under the user id without group_by, as the docs show, and needs no zone', async () => {
    const reply = ok(await sums({ duration: 'total' }))
    assert.deepEqual(reply, {
      action: 'GetChargeSumsResponse',
      ret_code: 0,
      charge_sum_set: { [user_id]: [{ fee: '2.005', root_user_id: user_id, user_id, total: 'total' }] },
      total_sum: '2.005',
      total_count: 1,
    })
  })

  it('adds up per day and resource type, with the refund on the day it happened', async () => {
    const reply = ok(await sums({ duration: 'daily', group_by: ['resource_type'] }))
    const item = (resource_type: string, total: string, fee: string) => ({ fee, root_user_id: user_id, user_id, resource_type, total })
    assert.deepEqual(reply.charge_sum_set, {
      instance: [item('instance', '2026-01-15', '1.12'), item('instance', '2026-01-16', '0.035')],
      volume: [item('volume', '2026-01-15', '0.80'), item('volume', '2026-01-16', '0.05')],
    })
    assert.deepEqual([reply.total_sum, reply.total_count], ['2.005', 2])
  })

  it('adds up per month and zone; a plain group_by value works like a list of one', async () => {
    const reply = ok(await sums({ duration: 'monthly', group_by: 'zone_id' }))
    assert.deepEqual(reply.charge_sum_set, {
      pek3a: [{ fee: '1.155', root_user_id: user_id, user_id, zone_id: 'pek3a', total: '2026-01' }],
      sh1a: [{ fee: '0.85', root_user_id: user_id, user_id, zone_id: 'sh1a', total: '2026-01' }],
    })
    assert.deepEqual([reply.total_sum, reply.total_count], ['2.005', 2])
  })

  it('names weeks by their Monday, quarters and years', async () => {
    const label = async (duration: string) => ok(await sums({ duration })).charge_sum_set[user_id].map((i: Record<string, string>) => [i.total, i.fee])
    // 2026-01-15 is a Thursday
    assert.deepEqual(await label('weekly'), [['2026-01-12', '2.005']])
    assert.deepEqual(await label('quarterly'), [['2026-Q1', '2.005']])
    assert.deepEqual(await label('yearly'), [['2026', '2.005']])
  })

  it('keys by the first group_by dimension and lists the others in each item', async () => {
    const reply = ok(await sums({ duration: 'daily', group_by: ['zone_id', 'resource_type', 'resource_id'] }))
    assert.deepEqual(reply.charge_sum_set, {
      pek3a: [
        { fee: '1.12', root_user_id: user_id, user_id, zone_id: 'pek3a', resource_type: 'instance', resource_id: instance, total: '2026-01-15' },
        { fee: '0.035', root_user_id: user_id, user_id, zone_id: 'pek3a', resource_type: 'instance', resource_id: instance, total: '2026-01-16' },
      ],
      sh1a: [
        { fee: '0.80', root_user_id: user_id, user_id, zone_id: 'sh1a', resource_type: 'volume', resource_id: volume, total: '2026-01-15' },
        { fee: '0.05', root_user_id: user_id, user_id, zone_id: 'sh1a', resource_type: 'volume', resource_id: volume, total: '2026-01-16' },
      ],
    })
  })

  it('filters by zone, resource type, resource and time, each as a list or one plain value', async () => {
    const total = async (params: Record<string, unknown>) => {
      const reply = ok(await sums({ duration: 'total', ...params }))
      return [reply.total_sum, reply.total_count]
    }
    assert.deepEqual(await total({ zone: 'sh1a' }), ['0.85', 1])
    assert.deepEqual(await total({ zone: ['pek3a', 'sh1a'] }), ['2.005', 1])
    assert.deepEqual(await total({ zone: ['pek3b'] }), ['0.00', 0])
    assert.deepEqual(await total({ resource_type: ['instance'] }), ['1.155', 1])
    assert.deepEqual(await total({ resource: volume }), ['0.85', 1])
    assert.deepEqual(await total({ resource: [instance, volume], resource_type: 'volume' }), ['0.85', 1])
    // the 16th only: 0.07 − 0.035 + 0.05
    assert.deepEqual(await total({ start_time: '2026-01-16T00:00:00Z' }), ['0.085', 1])
    // the docs' example bounds: up to 23:59:59.999 of the 15th takes in the 23:00 charges
    assert.deepEqual(await total({ start_time: '2026-01-15T00:00:00.000Z', end_time: '2026-01-15T23:59:59.999Z' }), ['1.92', 1])
  })

  it('pages over the keys, while total_sum and total_count cover them all', async () => {
    const first = ok(await sums({ duration: 'total', group_by: 'resource_id', limit: 1 }))
    assert.deepEqual(Object.keys(first.charge_sum_set), [instance])
    assert.deepEqual([first.total_sum, first.total_count], ['2.005', 2])
    const second = ok(await sums({ duration: 'total', group_by: 'resource_id', offset: 1, limit: 1 }))
    assert.deepEqual(second.charge_sum_set, { [volume]: [{ fee: '0.85', root_user_id: user_id, user_id, resource_id: volume, total: 'total' }] })
  })

  it('answers an empty set for a user with no charges', async () => {
    const { key: idle } = await payingUser(t, 0)
    assert.deepEqual(ok(await sums({ duration: 'daily' }, idle)), { action: 'GetChargeSumsResponse', ret_code: 0, charge_sum_set: {}, total_sum: '0.00', total_count: 0 })
  })

  it('lets a user name only themselves in `user`; an administrator may name others', async () => {
    assert.equal(ok(await sums({ duration: 'total', user: user_id })).total_sum, '2.005')
    const denied = await sums({ duration: 'total', user: [user_id, t.admin.user_id] })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, access denied for user [${t.admin.user_id}], you may only see your own billing`])
    const root = await sums({ duration: 'total', root_user: t.admin.user_id })
    assert.equal(root.ret_code, 1400)
    const admin = ok(await sums({ duration: 'total', user: user_id }, t.admin))
    assert.deepEqual(admin.charge_sum_set, { [user_id]: [{ fee: '2.005', root_user_id: user_id, user_id, total: 'total' }] })
    // the administrator's own sums, without `user`: their one instance, charged from 08:00 to 00:00
    assert.equal(ok(await sums({ duration: 'total' }, t.admin)).total_sum, '1.19')
  })

  it('answers 1100 for a missing or unknown duration, an unsupported grouping, projects, and bad times', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'missing parameter duration'],
      [{ duration: 'hourly' }, 'unsupported parameter duration value hourly'],
      [{ duration: 'total', group_by: ['zone_id', 'project_id'] }, 'parameter group_by value project_id is not supported, QingLocal has no project billing'],
      [{ duration: 'total', group_by: 'tag_id' }, 'parameter group_by value tag_id is not supported, QingLocal has no tag billing'],
      [{ duration: 'total', group_by: 'colour' }, 'unsupported parameter group_by value colour, use zone_id, resource_id, resource_type, user_id'],
      [{ duration: 'total', project_id: ['pjt-abc'] }, 'parameter project_id is not supported, QingLocal has no project billing'],
      [{ duration: 'total', start_time: 'yesterday' }, 'parameter start_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [yesterday]'],
      [{ duration: 'total', start_time: '2026-01-16T00:00:00Z', end_time: '2026-01-15T00:00:00Z' }, 'parameter end_time [2026-01-15T00:00:00Z] is before start_time [2026-01-16T00:00:00Z]'],
    ]
    for (const [params, message] of cases) {
      const reply = await sums(params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(params))
    }
  })
})

describe('charge sum periods', () => {
  it('names the period an instant starts in', () => {
    const at = (iso: string) => new Date(iso)
    assert.equal(periodLabel(at('2026-01-18T23:59:59Z'), 'weekly'), '2026-01-12', 'a Sunday belongs to the week of the Monday before')
    assert.equal(periodLabel(at('2026-01-19T00:00:00Z'), 'weekly'), '2026-01-19')
    assert.equal(periodLabel(at('2026-01-01T00:00:00Z'), 'weekly'), '2025-12-29', 'a week may start in the year before')
    assert.equal(periodLabel(at('2026-12-31T12:00:00Z'), 'quarterly'), '2026-Q4')
    assert.equal(periodLabel(at('2026-04-01T00:00:00Z'), 'quarterly'), '2026-Q2')
    assert.equal(periodLabel(at('2026-03-31T23:00:00Z'), 'monthly'), '2026-03')
    assert.equal(periodLabel(at('2026-03-31T23:00:00Z'), 'daily'), '2026-03-31')
    assert.equal(periodLabel(at('2026-03-31T23:00:00Z'), 'total'), 'total')
    // in a platform time zone east of UTC the evening is already the next day, month and quarter
    assert.equal(periodLabel(at('2026-03-31T16:00:00Z'), 'daily', 'Asia/Shanghai'), '2026-04-01')
    assert.equal(periodLabel(at('2026-03-31T16:00:00Z'), 'quarterly', 'Asia/Shanghai'), '2026-Q2')
  })
})

describe('GetChargeSums in the platform time zone', () => {
  it('sums by the days of QINGLOCAL_TIMEZONE', async () => {
    const east = await startTestApp({ config: { timezone: 'Asia/Shanghai' } })
    try {
      // 15:30 UTC is 23:30 in Shanghai: the first hour falls on the 31st, the next (16:30 UTC) on April 1
      east.clock.set('2026-03-31T15:30:00Z')
      const { key: payer } = await payingUser(east, 10)
      ok(await east.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: payer }))
      east.clock.set('2026-03-31T16:30:00Z')
      await east.bill()
      const reply = ok((await east.send({ key: payer, params: { action: 'GetChargeSums', duration: 'daily' } })).body)
      const [only] = Object.values(reply.charge_sum_set) as Array<Array<{ total: string; fee: string }>>
      assert.deepEqual(only!.map((s) => [s.total, s.fee]).sort(), [
        ['2026-03-31', '0.07'],
        ['2026-04-01', '0.07'],
      ])
    } finally {
      await east.close()
    }
  })
})
