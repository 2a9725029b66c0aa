// GetChargeRecords over the wire: an instance's first hour, hourly charges and refund to the minor
// unit, time bounds (with milliseconds), paging with a total over every match, whose records and
// which zone's, and the parameter errors.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, ROOMY_HOSTS, startTestApp, type Key, type TestApp } from '../../../../test/support/harness.ts'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: ROOMY_HOSTS })))
after(() => t.close())

/** [start_time, end_time, fee, remarks] of each record of a reply. */
const brief = (reply: Record<string, any>) => reply.charge_record_set.map((r: Record<string, string>) => [r.start_time, r.end_time, r.fee, r.remarks])

let key: Key
let user_id: string
let instance: string

describe('GetChargeRecords', () => {
  before(async () => {
    // 08:00 run a c1m1 (0.07/h), 10:00 the ticker charges 09:00 and 10:00, 10:15 terminate
    t.clock.set('2026-01-15T08:00:00Z')
    ;({ key, user_id } = await payingUser(t, 100))
    ;[instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', instance_name: 'web' }, { key })).instances
    await t.settle()
    t.clock.set('2026-01-15T10:00:00Z')
    await t.bill()
    t.clock.set('2026-01-15T10:15:00Z')
    ok(await t.call('TerminateInstances', { instances: [instance] }, { key }))
    await t.settle()
  })

  it('lists the first hour, the hourly charges and the refund of the unused 45 minutes, exactly', async () => {
    const reply = ok(await t.call('GetChargeRecords', { resource: instance }, { key }))
    const common = { user_id, resource_id: instance, resource_name: 'web', resource_type: 'instance', currency: 'cny', duration: '1h', price: '0.07', total_sum: 0, unit: 'hour', zone_id: 'pek3a' }
    assert.deepEqual(reply, {
      action: 'GetChargeRecordsResponse',
      ret_code: 0,
      charge_record_set: [
        { ...common, start_time: '2026-01-15T08:00:00Z', end_time: '2026-01-15T09:00:00Z', fee: '0.07', remarks: 'first hour, charged in advance' },
        { ...common, start_time: '2026-01-15T09:00:00Z', end_time: '2026-01-15T10:00:00Z', fee: '0.07', remarks: 'hourly charge' },
        { ...common, start_time: '2026-01-15T10:00:00Z', end_time: '2026-01-15T11:00:00Z', fee: '0.07', remarks: 'hourly charge' },
        // 45 of 60 minutes of 0.07 = 0.0525 back
        { ...common, start_time: '2026-01-15T10:15:00Z', end_time: '2026-01-15T11:00:00Z', fee: '-0.0525', remarks: 'unused time of the hour refunded' },
      ],
      // 3 × 0.07 − 0.0525
      total_sum: '0.1575',
      total_count: 4,
    })
    assert.equal((await t.call('GetBalance', {}, { key })).balance, '99.8425')
  })

  it('pages with offset and limit, while total_sum and total_count still cover every match', async () => {
    const reply = ok(await t.call('GetChargeRecords', { resource: instance, offset: 1, limit: 2 }, { key }))
    assert.deepEqual(
      brief(reply).map((r: string[]) => r[0]),
      ['2026-01-15T09:00:00Z', '2026-01-15T10:00:00Z'],
    )
    assert.deepEqual([reply.total_sum, reply.total_count], ['0.1575', 4])
  })

  it('keeps records whose start is in [start_time, end_time), with or without milliseconds', async () => {
    const window = ok(await t.call('GetChargeRecords', { resource: instance, start_time: '2026-01-15T09:00:00Z', end_time: '2026-01-15T10:15:00Z' }, { key }))
    assert.deepEqual(
      brief(window).map((r: string[]) => r[0]),
      ['2026-01-15T09:00:00Z', '2026-01-15T10:00:00Z'],
    )
    assert.deepEqual([window.total_sum, window.total_count], ['0.14', 2])

    const millis = ok(await t.call('GetChargeRecords', { resource: instance, start_time: '2026-01-15T08:00:00.001Z', end_time: '2026-01-15T10:14:59.999Z' }, { key }))
    assert.deepEqual(
      brief(millis).map((r: string[]) => r[0]),
      ['2026-01-15T09:00:00Z', '2026-01-15T10:00:00Z'],
    )

    const from = ok(await t.call('GetChargeRecords', { resource: instance, start_time: '2026-01-15T10:15:00.000Z' }, { key }))
    assert.deepEqual([from.total_sum, from.total_count], ['-0.0525', 1])
    const until = ok(await t.call('GetChargeRecords', { resource: instance, end_time: '2026-01-15T09:00:00Z' }, { key }))
    assert.deepEqual([until.total_sum, until.total_count], ['0.07', 1])
    const empty = ok(await t.call('GetChargeRecords', { resource: instance, start_time: '2026-01-15T09:00:00Z', end_time: '2026-01-15T09:00:00Z' }, { key }))
    assert.deepEqual([empty.charge_record_set, empty.total_sum, empty.total_count], [[], '0.00', 0])
  })

  it('without `resource` lists every record of the caller in the zone, and none of another zone or user', async () => {
    t.clock.set('2026-01-15T11:00:00Z')
    const [volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0, volume_name: 'data' }, { key })).volumes
    ok(await t.call('CreateVolumes', { size: 100, volume_type: 0, zone: 'sh1a' }, { key }))
    ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: t.admin }))
    await t.settle()
    const reply = ok(await t.call('GetChargeRecords', {}, { key }))
    assert.deepEqual(
      reply.charge_record_set.map((r: Record<string, string>) => [r.resource_id, r.resource_type, r.start_time, r.fee]),
      [
        [instance, 'instance', '2026-01-15T08:00:00Z', '0.07'],
        [instance, 'instance', '2026-01-15T09:00:00Z', '0.07'],
        [instance, 'instance', '2026-01-15T10:00:00Z', '0.07'],
        [instance, 'instance', '2026-01-15T10:15:00Z', '-0.0525'],
        // 50 GB × 0.001
        [volume, 'volume', '2026-01-15T11:00:00Z', '0.05'],
      ],
    )
    assert.deepEqual([reply.total_sum, reply.total_count], ['0.2075', 5])
    const sh1a = ok(await t.call('GetChargeRecords', { zone: 'sh1a' }, { key }))
    assert.deepEqual([sh1a.charge_record_set[0].fee, sh1a.charge_record_set[0].zone_id, sh1a.total_sum, sh1a.total_count], ['0.10', 'sh1a', '0.10', 1])
  })

  it('pages 20 records by default and at most 100', async () => {
    t.clock.set('2026-01-16T00:00:00Z')
    const { key: busy } = await payingUser(t, 100)
    ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: busy }))
    await t.settle()
    // 00:00 on the 16th is charged at creation; the ticker at 06:00 on the 17th charges the 30 hours from 01:00 on
    t.clock.set('2026-01-17T06:00:00Z')
    await t.bill()
    const first = ok(await t.call('GetChargeRecords', {}, { key: busy }))
    assert.deepEqual([first.charge_record_set.length, first.total_count, first.total_sum], [20, 31, '2.17'])
    assert.equal(first.charge_record_set[19].start_time, '2026-01-16T19:00:00Z')
    assert.equal(ok(await t.call('GetChargeRecords', { limit: 500 }, { key: busy })).charge_record_set.length, 31)
    assert.equal(ok(await t.call('GetChargeRecords', { offset: 30 }, { key: busy })).charge_record_set[0].start_time, '2026-01-17T06:00:00Z')
  })

  it("answers 1400 for another user's resource and an empty list for an id with no records", async () => {
    const [theirs] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key: t.admin })).instances
    await t.settle()
    const denied = await t.call('GetChargeRecords', { resource: theirs }, { key })
    assert.deepEqual([denied.ret_code, denied.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
    const none = ok(await t.call('GetChargeRecords', { resource: 'i-nothere0' }, { key }))
    assert.deepEqual([none.charge_record_set, none.total_sum, none.total_count], [[], '0.00', 0])
  })

  it('answers 1100 for a time in another format, a day that does not exist, an end before the start, and no zone', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ start_time: '2026-01-15' }, 'parameter start_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [2026-01-15]'],
      [{ start_time: '2026-01-15T08:00:00+08:00' }, 'parameter start_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [2026-01-15T08:00:00+08:00]'],
      [{ end_time: '2026-02-30T00:00:00Z' }, 'parameter end_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [2026-02-30T00:00:00Z]'],
      [{ end_time: '2026-01-15T24:00:00Z' }, 'parameter end_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [2026-01-15T24:00:00Z]'],
      [{ start_time: '2026-01-15T10:00:00Z', end_time: '2026-01-15T09:59:59.999Z' }, 'parameter end_time [2026-01-15T09:59:59.999Z] is before start_time [2026-01-15T10:00:00Z]'],
      [{ offset: -1 }, 'parameter offset value -1 is out of range, minimum 0'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('GetChargeRecords', { resource: instance, ...params }, { key })
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(params))
    }
    const noZone = await t.send({ key, params: { action: 'GetChargeRecords', resource: instance } })
    assert.deepEqual([noZone.body.ret_code, noZone.body.message], [1100, 'InvalidRequestFormat, missing parameter zone'])
  })
})
