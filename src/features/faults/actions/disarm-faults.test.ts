// DisarmFaults: removes the named faults, or all of them; an id that is not armed is 2100 and
// nothing is removed. A disarmed fault hits nothing. Non-admins 1400.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const armedIds = async () => ok(await t.admin_call('DescribeFaults')).fault_set.map((f: { fault_id: string }) => f.fault_id)

describe('DisarmFaults', () => {
  it('removes the named faults, all or nothing, then every fault', async () => {
    const a = ok(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100, count: 5 })).fault_id
    const b = ok(await t.admin_call('ArmJobFault', { job_action: 'StopInstances' })).fault_id
    const c = ok(await t.admin_call('ArmFault', { fault_action: 'DescribeJobs', ret_code: 5500 })).fault_id

    assert.deepEqual(await t.admin_call('DisarmFaults', { faults: [a, 'flt-nothere'] }), {
      ret_code: 2100,
      message: 'ResourceNotFound, fault [flt-nothere] is not armed (unknown, used up or disarmed already)',
    })
    assert.deepEqual((await armedIds()).sort(), [a, b, c].sort())

    assert.deepEqual(ok(await t.admin_call('DisarmFaults', { faults: [a] })).fault_ids, [a])
    ok(await t.call('DescribeZones'))
    assert.equal((await t.call('DescribeJobs')).ret_code, 5500)
    assert.equal((await t.admin_call('DisarmFaults', { faults: [c] })).ret_code, 2100)

    assert.deepEqual(ok(await t.admin_call('DisarmFaults')).fault_ids, [b])
    assert.deepEqual(await armedIds(), [])
    assert.deepEqual(ok(await t.admin_call('DisarmFaults')).fault_ids, [])
  })

  it('refuses non-admins (1400)', async () => {
    ok(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100 }))
    assert.equal((await t.admin_call('DisarmFaults', {}, { key: t.user })).ret_code, 1400)
    assert.equal((await armedIds()).length, 1)
  })
})
