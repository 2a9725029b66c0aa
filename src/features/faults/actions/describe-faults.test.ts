// DescribeFaults: the armed faults, oldest first, narrowed by faults.N and kind, paged; a fault
// used up is no longer listed. Non-admins 1400.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('DescribeFaults', () => {
  it('lists armed faults oldest first, by id and kind, with paging', async () => {
    const a = ok(await t.admin_call('ArmFault', { fault_action: 'CreateVolumes', ret_code: 5200, count: 3, fault_access_key: t.user.access_key_id })).fault_id
    t.clock.advance(1000)
    const b = ok(await t.admin_call('ArmJobFault', { job_action: 'RunInstances', ret_code: 5600 })).fault_id
    t.clock.advance(1000)
    const c = ok(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100 })).fault_id

    const all = ok(await t.admin_call('DescribeFaults'))
    assert.equal(all.total_count, 3)
    assert.deepEqual(all.fault_set, [
      { fault_id: a, kind: 'reply', fault_action: 'CreateVolumes', fault_access_key: t.user.access_key_id, ret_code: 5200, remaining: 3, create_time: '2026-01-15T08:00:00Z' },
      { fault_id: b, kind: 'job', fault_action: 'RunInstances', fault_access_key: '', ret_code: 5600, remaining: 1, create_time: '2026-01-15T08:00:01Z' },
      { fault_id: c, kind: 'reply', fault_action: 'DescribeZones', fault_access_key: '', ret_code: 5100, remaining: 1, create_time: '2026-01-15T08:00:02Z' },
    ])
    const ids = (reply: Record<string, unknown>) => (reply.fault_set as Array<{ fault_id: string }>).map((f) => f.fault_id)
    assert.deepEqual(ids(ok(await t.admin_call('DescribeFaults', { kind: 'reply' }))), [a, c])
    assert.deepEqual(ids(ok(await t.admin_call('DescribeFaults', { faults: [c, b, 'flt-nothere'] }))), [b, c])
    const page = ok(await t.admin_call('DescribeFaults', { offset: 1, limit: 1 }))
    assert.deepEqual([page.total_count, ids(page)], [3, [b]])

    assert.equal((await t.call('DescribeZones')).ret_code, 5100)
    assert.deepEqual(ids(ok(await t.admin_call('DescribeFaults'))), [a, b])
  })

  it('refuses a bad kind (1100) and non-admins (1400)', async () => {
    assert.deepEqual(await t.admin_call('DescribeFaults', { kind: 'other' }), { ret_code: 1100, message: 'InvalidRequestFormat, unsupported parameter kind value other' })
    assert.equal((await t.admin_call('DescribeFaults', {}, { key: t.user })).ret_code, 1400)
  })
})
