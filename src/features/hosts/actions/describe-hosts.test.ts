// DescribeHosts through /admin/: every field, the zone / hosts / status filters and paging.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, launch } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeHosts = async (params: Record<string, unknown> = {}) => ok(await t.admin_call('DescribeHosts', params))

describe('DescribeHosts', () => {
  it('shows capacity, use and the instances each host carries', async () => {
    const [id] = await launch(t, { instance_type: 'c2m4' })
    const carrier = (await describeOne(t, id!)).host_machine
    const reply = await describeHosts({ hosts: [carrier] })
    assert.deepEqual(reply.host_set, [{ host_id: carrier, zone_id: 'pek3a', status: 'active', cpu_total: 16, cpu_used: 2, memory_total: 32768, memory_used: 4096, instance_count: 1, create_time: '2026-01-15T08:00:00Z' }])
  })

  it('filters by zone and status, pages, and answers an empty set for an unknown zone', async () => {
    assert.equal((await describeHosts()).total_count, 4)
    assert.deepEqual(
      (await describeHosts({ zone: 'sh1a' })).host_set.map((h: { host_id: string }) => h.host_id),
      ['hyper-sh1a-01', 'hyper-sh1a-02'],
    )
    ok(await t.admin_call('DrainHosts', { hosts: ['hyper-sh1a-02'] }))
    assert.deepEqual(
      (await describeHosts({ status: ['draining'] })).host_set.map((h: { host_id: string }) => h.host_id),
      ['hyper-sh1a-02'],
    )
    assert.equal((await describeHosts({ status: ['active'] })).total_count, 3)
    const page = await describeHosts({ offset: 1, limit: 2 })
    assert.deepEqual([page.total_count, page.host_set.map((h: { host_id: string }) => h.host_id)], [4, ['hyper-pek3a-02', 'hyper-sh1a-01']])
    assert.deepEqual([(await describeHosts({ zone: 'nowhere1' })).total_count], [0])
    assert.equal((await t.admin_call('DescribeHosts', { status: ['broken'] })).ret_code, 1100)
    assert.equal((await t.admin_call('DescribeHosts', {}, { key: t.user })).ret_code, 1400)
  })
})
