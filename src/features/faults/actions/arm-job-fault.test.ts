// ArmJobFault: the next job of an action fails with the armed code (default 5000) instead of
// settling, its resources go back to rest (a StopInstances job leaves the instance running), and
// the job after it succeeds. Jobs of other actions are not hit. Bad codes, counts and names are
// 1100, non-admins 1400.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { launchOne } from '../../../../test/support/fixtures-instances.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())
afterEach(async () => void ok(await t.admin_call('DisarmFaults')))

const jobOf = async (job_id: string) => ok(await t.call('DescribeJobs', { jobs: [job_id] })).job_set[0]
const instanceOf = async (id: string) => ok(await t.call('DescribeInstances', { instances: [id] })).instance_set[0]

describe('ArmJobFault', () => {
  it('fails the next StopInstances job (5000 by default), leaving the instance running; the next one succeeds', async () => {
    const id = await launchOne(t)
    const fault_id = ok(await t.admin_call('ArmJobFault', { job_action: 'StopInstances' })).fault_id
    assert.deepEqual(ok(await t.admin_call('DescribeFaults')).fault_set, [{ fault_id, kind: 'job', fault_action: 'StopInstances', fault_access_key: '', ret_code: 5000, remaining: 1, create_time: '2026-01-15T08:00:00Z' }])

    const first = ok(await t.call('StopInstances', { instances: [id] })).job_id
    assert.equal((await instanceOf(id)).transition_status, 'stopping')
    await t.settle()
    const failed = await jobOf(first)
    assert.deepEqual([failed.status, failed.error_codes, failed.job_action], ['failed', '5000', 'StopInstances'])
    const back = await instanceOf(id)
    assert.deepEqual([back.status, back.transition_status], ['running', ''])
    assert.deepEqual(ok(await t.admin_call('DescribeFaults')).fault_set, [])

    const second = ok(await t.call('StopInstances', { instances: [id] })).job_id
    await t.settle()
    assert.equal((await jobOf(second)).status, 'successful')
    assert.equal((await instanceOf(id)).status, 'stopped')
  })

  it('fails count jobs with the armed code and leaves other actions alone', async () => {
    const a = await launchOne(t)
    const b = await launchOne(t)
    ok(await t.admin_call('ArmJobFault', { job_action: 'RestartInstances', count: 2, ret_code: 5200 }))
    const other = ok(await t.call('StopInstances', { instances: [b] })).job_id
    const jobs = []
    for (let i = 0; i < 3; i++) {
      jobs.push(ok(await t.call('RestartInstances', { instances: [a] })).job_id)
      await t.settle()
    }
    assert.deepEqual(await Promise.all(jobs.map(async (j) => [(await jobOf(j)).status, (await jobOf(j)).error_codes])), [
      ['failed', '5200'],
      ['failed', '5200'],
      ['successful', ''],
    ])
    assert.equal((await jobOf(other)).status, 'successful')
    assert.equal((await instanceOf(a)).status, 'running')
  })

  it('refuses bad codes, counts and names (1100) and non-admins (1400)', async () => {
    const zero = await t.admin_call('ArmJobFault', { job_action: 'StopInstances', ret_code: 0 })
    assert.equal(zero.ret_code, 1100)
    assert.match(zero.message, /^InvalidRequestFormat, parameter ret_code \[0\] is not an error code of the catalogue, use one of 1100, 1101, .*, 8004$/)
    assert.deepEqual(await t.admin_call('ArmJobFault', { job_action: 'StopInstances', count: 1001 }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter count value 1001 is out of range, maximum 1000' })
    assert.deepEqual(await t.admin_call('ArmJobFault', { job_action: 'stop instances' }), { ret_code: 1100, message: "InvalidRequestFormat, parameter job_action's format is illegal" })
    assert.deepEqual(await t.admin_call('ArmJobFault', {}), { ret_code: 1100, message: 'InvalidRequestFormat, missing parameter job_action' })
    assert.equal((await t.admin_call('ArmJobFault', { job_action: 'StopInstances' }, { key: t.user })).ret_code, 1400)
    assert.deepEqual(ok(await t.admin_call('DescribeFaults')).fault_set, [])
  })
})
