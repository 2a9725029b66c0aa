// The virtual clock through the wire (control/clock.ts, features/virtual-clock): a month passes in
// one control call and everything that follows the platform's time moved with it (hourly charges,
// a monthly renewal, a session, jobs, a rate window, a maintenance end time), while requests
// signed with the client's own clock still authenticate. Time never goes back; a frozen clock
// stands until moved or resumed; a bad duration is named.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { newAccessKey } from '../../test/support/fixtures-access-keys.ts'
import { signedInUser } from '../../test/support/fixtures-accounts.ts'
import { balance, leasesOf } from '../../test/support/fixtures-billing.ts'
import { advanceClock, control } from '../../test/support/fixtures-clock.ts'
import { LINUX } from '../../test/support/fixtures-instances.ts'
import { ok, ROOMY_HOSTS, startTestApp, TEST_START, type TestApp } from '../../test/support/harness.ts'
import { formatTime } from '../lib/clock.ts'
import { formatYuan } from '../lib/money.ts'

const HOUR = 3_600_000
const at = (start: string, ms: number) => formatTime(new Date(Date.parse(start) + ms))

describe('a month passes in one call (jobs at instant speed)', () => {
  let t: TestApp
  before(async () => (t = await startTestApp({ jobSpeed: 'instant', hosts: ROOMY_HOSTS })))
  after(() => t.close())

  it('charges every hour of a pay-as-you-go instance, renews a monthly volume, ends the session; the base-clock signature still works', async () => {
    const { user_id, token } = await signedInUser(t, 'month')
    const key = await newAccessKey(t, token)
    await t.fund(user_id, 2000)
    const [instance] = ok(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })).instances
    const [volume] = ok(await t.call('CreateVolumes', { size: 50, volume_type: 0, duration: '1m' }, { key })).volumes
    await t.settle()
    assert.equal((await leasesOf(t, volume!))[0]!.renewal_time, '2026-02-15T08:00:00Z', 'a monthly term with auto-renewal')
    const before = await balance(t, user_id)

    // January has 31 days: the term ends, and 744 hours begin after the first
    const moved = await advanceClock(t, '31d')
    assert.deepEqual(
      { now: moved.now, base_now: moved.base_now, offset_seconds: moved.offset_seconds, frozen: moved.frozen, caught_up: moved.caught_up },
      { now: '2026-02-15T08:00:00Z', base_now: TEST_START, offset_seconds: 31 * 86_400, frozen: false, caught_up: true },
    )

    // the ledger, read through the API with a key signed by the client's (base) clock
    const month = ok(await t.call('GetChargeRecords', { resource: instance, start_time: at(TEST_START, HOUR), limit: 100 }, { key }))
    assert.equal(month.total_count, 744)
    assert.equal(month.total_sum, formatYuan(744 * 700))
    assert.deepEqual(
      month.charge_record_set.slice(0, 2).map((r: { start_time: string; remarks: string }) => [r.start_time, r.remarks]),
      [
        ['2026-01-15T09:00:00Z', 'hourly charge'],
        ['2026-01-15T10:00:00Z', 'hourly charge'],
      ],
    )
    const renewal = ok(await t.call('GetChargeRecords', { resource: volume, start_time: at(TEST_START, HOUR) }, { key }))
    assert.deepEqual(
      renewal.charge_record_set.map((r: { start_time: string; fee: string; remarks: string }) => [r.start_time, r.fee, r.remarks]),
      [['2026-02-15T08:00:00Z', formatYuan(360_000), 'prepaid term renewed']],
    )
    assert.equal((await leasesOf(t, volume!))[0]!.renewal_time, '2026-03-15T08:00:00Z')
    // every charge of the month, and nothing else, left the wallet
    const all = ok(await t.call('GetChargeRecords', { start_time: at(TEST_START, HOUR) }, { key }))
    assert.equal(all.total_sum, formatYuan(744 * 700 + 360_000))
    assert.equal(before - (await balance(t, user_id)), 744 * 700 + 360_000)
    assert.equal(ok(await t.call('GetBalance', {}, { key })).balance, formatYuan(await balance(t, user_id)))

    // the console session (12 hours at most) is over
    assert.equal((await t.account('DescribeMyself', {}, { token })).body.ret_code, 2000)
    // the key still signs as before: requests carry the client's own time, not the platform's
    assert.equal(ok(await t.call('DescribeInstances', { instances: [instance] }, { key })).instance_set[0].status, 'running')
  })

  it('judges time_stamp by the base clock: a request stamped with the moved platform time is 1300', async () => {
    const now = (await control(t, 'clock')).now as string
    assert.notEqual(now, formatTime(t.clock.now()))
    const ahead = await t.send({ key: t.user, params: { action: 'DescribeZones', time_stamp: now } })
    assert.equal(ahead.body.ret_code, 1300)
    assert.match(ahead.body.message, /time_stamp \[2026-02-15T08:00:\d\dZ\] is \d+ seconds away from server time \[2026-01-15T08:00:00Z\]/)
  })
})

describe('moving the clock (manual job speed)', () => {
  let t: TestApp
  before(async () => (t = await startTestApp()))
  after(() => t.close())

  const set = (time: string, freeze?: '0' | '1') => control(t, 'clock/set', { method: 'POST', params: { time, ...(freeze && { freeze }) } })

  it('shows real time until moved; advance keeps it running with the base clock', async () => {
    assert.deepEqual(await control(t, 'clock'), { now: TEST_START, base_now: TEST_START, offset_seconds: 0, frozen: false, ret_code: 0 })
    const moved = await advanceClock(t, '1h30m')
    assert.deepEqual(moved, {
      now: '2026-01-15T09:30:00Z',
      base_now: TEST_START,
      offset_seconds: 5400,
      frozen: false,
      caught_up: false,
      note: 'jobs run at manual speed: jobs and billing move only when stepped (qinglocal jobs step, qinglocal billing tick)',
      ret_code: 0,
    })
    t.clock.advance(60_000)
    assert.equal((await control(t, 'clock')).now, '2026-01-15T09:31:00Z', 'running: it follows the base clock')
    assert.equal((await advanceClock(t, '5400')).now, '2026-01-15T11:01:00Z', 'plain seconds')
    const health = await control(t, 'health')
    assert.deepEqual(health.clock, { now: '2026-01-15T11:01:00Z', base_now: '2026-01-15T08:01:00Z', offset_seconds: 3 * 3600, frozen: false })
  })

  it('set: forward only (1100 naming both times); freeze=1 stops it there, advance moves it frozen, resume runs it from there', async () => {
    const back = await set('2026-01-15T11:00:59Z')
    assert.deepEqual(back, { ret_code: 1100, message: "InvalidRequestFormat, time never goes back: [2026-01-15T11:00:59Z] is before the platform's time [2026-01-15T11:01:00Z]" })
    assert.equal((await set('2026-01-15T11:01:00Z')).ret_code, 0, 'the time it shows is not back')

    const frozen = await set('2026-03-01T00:00:00Z', '1')
    assert.deepEqual([frozen.now, frozen.frozen], ['2026-03-01T00:00:00Z', true])
    t.clock.advance(HOUR)
    assert.equal((await control(t, 'clock')).now, '2026-03-01T00:00:00Z', 'frozen: the base clock moves, the platform does not')
    const advanced = await advanceClock(t, '2d')
    assert.deepEqual([advanced.now, advanced.frozen], ['2026-03-03T00:00:00Z', true])
    const later = await set('2026-03-04T00:00:00Z')
    assert.deepEqual([later.now, later.frozen], ['2026-03-04T00:00:00Z', true], 'set without freeze keeps a frozen clock frozen')

    const resumed = await control(t, 'clock/resume', { method: 'POST' })
    assert.deepEqual([resumed.now, resumed.frozen], ['2026-03-04T00:00:00Z', false])
    t.clock.advance(90_000)
    assert.equal((await control(t, 'clock')).now, '2026-03-04T00:01:30Z')
    assert.equal((await control(t, 'clock/resume', { method: 'POST' })).now, '2026-03-04T00:01:30Z', 'resuming a running clock changes nothing')
  })

  it('names a bad duration, time or freeze (1100), and an unknown parameter', async () => {
    const refusals = {
      '0': 'parameter by should be a duration above zero, got [0]',
      '0m': 'parameter by should be a duration above zero, got [0m]',
      '-5m': 'parameter by should be a duration such as 90m, 36h, 30d, 1h30m or a number of seconds, got [-5m]',
      '30m1h': 'parameter by should be a duration such as 90m, 36h, 30d, 1h30m or a number of seconds, got [30m1h]',
      '1.5h': 'parameter by should be a duration such as 90m, 36h, 30d, 1h30m or a number of seconds, got [1.5h]',
      '': 'parameter by should be a duration such as 90m, 36h, 30d, 1h30m or a number of seconds, got []',
      '99999999999999999999': 'parameter by should be a duration the clock can take, got [99999999999999999999]',
      '3000000000d': 'parameter by should be a duration the clock can take, got [3000000000d]',
    }
    for (const [by, message] of Object.entries(refusals)) {
      assert.deepEqual(await control(t, 'clock/advance', { method: 'POST', params: { by } }), { ret_code: 1100, message: `InvalidRequestFormat, ${message}` }, by)
    }
    assert.match((await control(t, 'clock/advance', { method: 'POST', params: { by: '3000000d' } })).message, /advancing by \[3000000d\] would pass 9999-12-31T23:59:59Z/)
    assert.equal((await control(t, 'clock/advance', { method: 'POST' })).message, 'InvalidRequestFormat, missing parameter by (a duration such as 90m, 36h, 30d, 1h30m or a number of seconds)')
    assert.equal((await set('2027-02-30T00:00:00Z')).message, 'InvalidRequestFormat, parameter time should be UTC time format: [YYYY-MM-DDThh:mm:ssZ]')
    assert.equal((await set('2027-01-01T00:00:00Z', 'yes' as '1')).message, 'InvalidRequestFormat, parameter freeze should be 0 or 1, got [yes]')
    assert.equal((await control(t, 'clock/advance', { method: 'POST', params: { by: '1h', time: 'x' } })).message, 'InvalidRequestFormat, control [clock/advance] has no parameter [time]; it takes by')
    // nothing moved
    assert.equal((await control(t, 'clock')).frozen, false)
  })

  it('is for administrators only (1400), and GET does not move it (1101)', async () => {
    const before = (await control(t, 'clock')).now
    assert.equal((await control(t, 'clock/advance', { method: 'POST', params: { by: '1h' } }, t.user)).ret_code, 1400)
    assert.equal((await control(t, 'clock/advance', { method: 'GET', params: { by: '1h' } })).ret_code, 1101)
    assert.equal((await control(t, 'clock')).now, before)
  })

  it('two advances at once both count', async () => {
    const before = Date.parse((await control(t, 'clock')).now)
    const replies = await Promise.all([advanceClock(t, '1h'), advanceClock(t, '1h')])
    assert.deepEqual(
      replies.map((r) => r.ret_code),
      [0, 0],
    )
    assert.equal(Date.parse((await control(t, 'clock')).now), before + 2 * HOUR)
  })
})

describe('what follows the platform clock', () => {
  it('jobs: at realistic speed a frozen clock holds a job pending; each advance takes it a phase further', async () => {
    const t = await startTestApp({ jobSpeed: 'realistic' })
    try {
      ok(await control(t, 'clock/set', { method: 'POST', params: { time: TEST_START, freeze: '1' } }))
      const created = ok(await t.call('CreateVolumes', { size: 20, volume_type: 0 }))
      const status = async () => (await t.store.db.selectFrom('jobs').select('status').where('job_id', '=', created.job_id).executeTakeFirstOrThrow()).status
      // real time passes, the platform's does not: the job waits out its 300 ms pending phase in platform time
      await new Promise((resolve) => setTimeout(resolve, 400))
      assert.equal(await status(), 'pending')
      await advanceClock(t, '1s')
      assert.equal(await status(), 'working')
      await advanceClock(t, '2s')
      assert.equal(await status(), 'successful')
    } finally {
      await t.close()
    }
  })

  it('a burst rate window: full, then open again once the clock moves past it', async () => {
    const t = await startTestApp({ config: { apiDailyLimit: 100, apiBurstLimit: 2, apiBurstSeconds: 10 } })
    try {
      ok(await t.call('DescribeZones'))
      ok(await t.call('DescribeZones'))
      assert.equal((await t.call('DescribeZones')).ret_code, 2500)
      await advanceClock(t, '10s')
      ok(await t.call('DescribeZones'))
    } finally {
      await t.close()
    }
  })

  it('a maintenance window ends at its end time by the platform clock', async () => {
    const t = await startTestApp()
    try {
      ok(await t.admin_call('StartMaintenance', { end_time: at(TEST_START, 2 * HOUR), message: 'upgrade' }))
      assert.equal((await t.call('CreateSecurityGroup', { security_group_name: 'during' })).ret_code, 5300)
      await advanceClock(t, '119m')
      assert.equal((await t.call('CreateSecurityGroup', { security_group_name: 'during' })).ret_code, 5300)
      await advanceClock(t, '1m')
      ok(await t.call('CreateSecurityGroup', { security_group_name: 'after' }))
      assert.deepEqual((await control(t, 'health')).maintenance.status, 'off')
    } finally {
      await t.close()
    }
  })
})
