// StartMaintenance: while it is on, mutating actions of /iaas/, /account/ and /admin/ answer 5300
// naming the end time and message; reads, sign-ins and jobs queued before it go on; the end time
// switches it off by itself; /readyz stays 200 and reports it. Bad end times are 1100, non-admins
// 1400.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { GOOD_PASSWORD, signedInUser } from '../../../../test/support/fixtures-accounts.ts'
import { LINUX, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { ok, startTestApp, TEST_START, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())
afterEach(async () => {
  ok(await t.admin_call('StopMaintenance'))
  t.clock.set(TEST_START)
})

const readyz = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/readyz' })
  return { status: response.statusCode, body: JSON.parse(response.body) }
}

describe('StartMaintenance', () => {
  it('refuses mutating actions of every module with 5300 naming the end time and message', async () => {
    const person = await signedInUser(t, 'maint')
    const started = ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-15T10:00:00Z', message: 'database upgrade' }))
    assert.deepEqual(started.maintenance, { status: 'on', start_time: '2026-01-15T08:00:00Z', end_time: '2026-01-15T10:00:00Z', message: 'database upgrade' })

    const expected = { ret_code: 5300, message: 'ServerUpdating, the platform is under maintenance until 2026-01-15T10:00:00Z, only reads are served: database upgrade' }
    const run = await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' })
    assert.deepEqual(run, expected)
    const password = (await t.account('ChangePassword', { old_password: GOOD_PASSWORD, new_password: 'another horse 43' }, { token: person.token })).body
    assert.deepEqual(password, expected)
    const register = (await t.account('Register', { email: 'late@example.com', password: GOOD_PASSWORD })).body
    assert.deepEqual(register, expected)
    const recharge = await t.admin_call('Recharge', { user: t.user.user_id, amount: '10' })
    assert.deepEqual(recharge, expected)
    // refused before its parameters are read: nothing to fix in the request would help
    assert.deepEqual(await t.call('StopInstances', {}), expected)

    // nothing was created or changed
    assert.equal(ok(await t.call('DescribeInstances')).total_count, 0)
    assert.equal(ok(await t.call('GetBalance')).balance, '100000.00')
  })

  it('keeps reads, sign-ins and the switch itself working', async () => {
    const person = await signedInUser(t, 'reader')
    ok(await t.admin_call('StartMaintenance'))
    assert.deepEqual(await t.call('CreateKeyPair', { keypair_name: 'k' }), { ret_code: 5300, message: 'ServerUpdating, the platform is under maintenance until an administrator ends it, only reads are served' })

    assert.equal(ok(await t.call('DescribeZones')).total_count, 2)
    ok(await t.call('DescribeJobs'))
    ok(await t.call('GetQuotaLeft'))
    assert.equal(ok((await t.account('DescribeMyself', {}, { token: person.token })).body).email, person.email)
    ok(await t.admin_call('DescribeUsers'))
    // signing in and out is session bookkeeping, not a change of anything a user owns
    const session = ok((await t.account('Login', { email: person.email, password: GOOD_PASSWORD })).body).session_token as string
    ok((await t.account('Logout', {}, { token: session })).body)

    // starting again extends it: the start time stays, end time and message are the new ones
    t.clock.advance(60_000)
    const extended = ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-16T00:00:00.250Z', message: 'longer' }))
    assert.deepEqual(extended.maintenance, { status: 'on', start_time: '2026-01-15T08:00:00Z', end_time: '2026-01-16T00:00:01Z', message: 'longer' })
    assert.deepEqual(ok(await t.admin_call('DescribeMaintenance')).maintenance, extended.maintenance)
    const stopped = ok(await t.admin_call('StopMaintenance'))
    assert.deepEqual(stopped.maintenance, { status: 'off', start_time: null, end_time: null, message: '' })
    ok(await t.call('CreateKeyPair', { keypair_name: 'after' }))
  })

  it('lets a job queued before it finish', async () => {
    const id = await launchOne(t)
    const { job_id } = ok(await t.call('StopInstances', { instances: [id] }))
    ok(await t.admin_call('StartMaintenance'))
    await t.settle()
    const job = ok(await t.call('DescribeJobs', { jobs: [job_id] })).job_set[0]
    assert.deepEqual([job.status, job.error_codes], ['successful', ''])
    const instance = ok(await t.call('DescribeInstances', { instances: [id] })).instance_set[0]
    assert.deepEqual([instance.status, instance.transition_status], ['stopped', ''])
    assert.equal((await t.call('StartInstances', { instances: [id] })).ret_code, 5300)
  })

  it('ends by itself when the clock reaches the end time', async () => {
    ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-15T09:30:00Z' }))
    t.clock.set('2026-01-15T09:29:59Z')
    assert.deepEqual(await t.call('CreateTag', { tag_name: 'early' }), { ret_code: 5300, message: 'ServerUpdating, the platform is under maintenance until 2026-01-15T09:30:00Z, only reads are served' })
    assert.equal(ok(await t.admin_call('DescribeMaintenance')).maintenance.status, 'on')
    t.clock.set('2026-01-15T09:30:00Z')
    ok(await t.call('CreateTag', { tag_name: 'on time' }))
    assert.deepEqual(ok(await t.admin_call('DescribeMaintenance')).maintenance, { status: 'off', start_time: null, end_time: null, message: '' })
    assert.deepEqual(await readyz(), { status: 200, body: { status: 'ready' } })
  })

  it('is reported by /readyz, which stays 200 so reads keep coming', async () => {
    assert.deepEqual(await readyz(), { status: 200, body: { status: 'ready' } })
    ok(await t.admin_call('StartMaintenance', { end_time: '2026-01-15T12:00:00Z', message: 'moving racks' }))
    assert.deepEqual(await readyz(), { status: 200, body: { status: 'ready', maintenance: { until: '2026-01-15T12:00:00Z', message: 'moving racks' } } })
    ok(await t.admin_call('StartMaintenance'))
    assert.deepEqual(await readyz(), { status: 200, body: { status: 'ready', maintenance: { until: null, message: '' } } })
    ok(await t.admin_call('StopMaintenance'))
    assert.deepEqual(await readyz(), { status: 200, body: { status: 'ready' } })
  })

  it('refuses an end time that is malformed or not in the future (1100), and non-admins (1400)', async () => {
    assert.deepEqual(await t.admin_call('StartMaintenance', { end_time: '2026-01-15T08:00:00Z' }), {
      ret_code: 1100,
      message: 'InvalidRequestFormat, parameter end_time [2026-01-15T08:00:00Z] is not in the future, the time is now 2026-01-15T08:00:00Z',
    })
    assert.deepEqual(await t.admin_call('StartMaintenance', { end_time: 'tomorrow' }), {
      ret_code: 1100,
      message: 'InvalidRequestFormat, parameter end_time should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [tomorrow]',
    })
    assert.deepEqual(await t.admin_call('StartMaintenance', { message: 'x'.repeat(501) }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter message has an invalid length' })
    const denied = await t.admin_call('StartMaintenance', {}, { key: t.user })
    assert.equal(denied.ret_code, 1400)
    assert.equal(ok(await t.admin_call('DescribeMaintenance')).maintenance.status, 'off')
    ok(await t.call('CreateTag', { tag_name: 'still open' }))
  })
})
