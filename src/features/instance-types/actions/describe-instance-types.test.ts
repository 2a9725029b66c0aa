import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { INSTANCE_TYPES } from '../instance-type.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

const ids = (reply: Record<string, any>) => (reply.instance_type_set as Array<{ instance_type_id: string }>).map((x) => x.instance_type_id) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeInstanceTypes', () => {
  it('lists every type of the zone, smallest first, in the Go SDK’s shape', async () => {
    const reply = await t.call('DescribeInstanceTypes')
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.total_count, INSTANCE_TYPES.length)
    assert.equal(reply.instance_type_set.length, INSTANCE_TYPES.length)
    assert.deepEqual(reply.instance_type_set[0], {
      instance_type_id: 'c1m1',
      instance_type_name: '1 CPU, 1 GB',
      description: null,
      vcpus_current: 1,
      memory_current: 1024,
      status: 'available',
      zone_id: 'pek3a',
    })
    const sizes = reply.instance_type_set.map((x: { vcpus_current: number; memory_current: number }) => x.vcpus_current * 1e6 + x.memory_current)
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => a - b),
    )
  })

  it('filters by instance_types.N; unknown ids give an empty set, not an error', async () => {
    assert.deepEqual(ids(await t.call('DescribeInstanceTypes', { instance_types: ['c4m8', 'small_b'] })), ['small_b', 'c4m8'])
    assert.deepEqual(await t.call('DescribeInstanceTypes', { instance_types: ['bmc40m192d6g0'] }), {
      action: 'DescribeInstanceTypesResponse',
      total_count: 0,
      instance_type_set: [],
      ret_code: 0,
    })
  })

  it('answers per zone', async () => {
    const reply = await t.call('DescribeInstanceTypes', { zone: 'sh1a', instance_types: ['c2m4'] })
    assert.equal(reply.instance_type_set[0].zone_id, 'sh1a')
  })

  it('accepts baremetal 0/1: there are no bare-metal types', async () => {
    assert.equal((await t.call('DescribeInstanceTypes', { baremetal: 0 })).total_count, INSTANCE_TYPES.length)
    assert.deepEqual(ids(await t.call('DescribeInstanceTypes', { baremetal: 1 })), [])
  })

  it('rejects a baremetal that is not 0/1 and a missing zone with 1100', async () => {
    const bad = await t.call('DescribeInstanceTypes', { baremetal: 2 })
    assert.equal(bad.ret_code, 1100)
    assert.match(bad.message, /baremetal/)
    const noZone = await t.call('DescribeInstanceTypes', { zone: '' })
    assert.equal(noZone.ret_code, 1100)
  })
})
