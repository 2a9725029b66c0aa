import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'
import { quotaLeft, setQuotas } from '../../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const DEFAULTS = { instance: 50, cpu: 200, memory: 409600, volume: 100, volume_size: 50000, keypair: 50, tag: 100, eip: 20, security_group: 50, vxnet: 50, snapshot: 100, router: 10, loadbalancer: 10, loadbalancer_policy: 20 }

describe('GetQuotaLeft', () => {
  it('lists every resource type in the shape the Go SDK decodes: quota_left_set[{resource_type, left}]', async () => {
    const reply = await t.call('GetQuotaLeft', { zone: 'pek3a' })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.action, 'GetQuotaLeftResponse')
    assert.deepEqual(
      reply.quota_left_set,
      Object.entries(DEFAULTS).map(([resource_type, left]) => ({ resource_type, left })),
    )
  })

  it('subtracts what the user holds in the zone, ignoring gone resources, other users and other zones', async () => {
    await insertInstance(t, { vcpus_current: 2, memory_current: 4096 })
    await insertInstance(t, { vcpus_current: 4, memory_current: 8192, status: 'stopped' })
    await insertInstance(t, { status: 'terminated' })
    await insertInstance(t, { status: 'ceased' })
    await insertInstance(t, { zone_id: 'sh1a' })
    await insertInstance(t, { owner: t.admin.user_id })
    await insertVolume(t, { size: 100 })
    await insertVolume(t, { size: 50, status: 'deleted' })
    await insertVolume(t, { size: 30, owner: t.admin.user_id })
    const left = await quotaLeft(t)
    assert.deepEqual([left.instance, left.cpu, left.memory, left.volume, left.volume_size, left.eip], [48, 194, 409600 - 12288, 99, 49900, 20])
    assert.equal((await quotaLeft(t, { zone: 'sh1a' })).instance, 49)
    assert.equal((await quotaLeft(t, { key: t.admin })).volume_size, 49970)
  })

  it('answers only the types asked for with resource_types.N, in catalogue order', async () => {
    const reply = await t.call('GetQuotaLeft', { zone: 'pek3a', resource_types: ['volume', 'instance'] })
    assert.deepEqual(
      reply.quota_left_set.map((q: { resource_type: string }) => q.resource_type),
      ['instance', 'volume'],
    )
  })

  it('answers -1 for an unlimited type and 0, never less, when a quota was lowered below usage', async () => {
    await setQuotas(t, { instance: -1, cpu: 3 })
    const left = await quotaLeft(t)
    assert.deepEqual([left.instance, left.cpu], [-1, 0])
  })

  it('answers 1100 for an unknown resource type and for a missing zone', async () => {
    const unknown = await t.call('GetQuotaLeft', { zone: 'pek3a', resource_types: ['instance', 'starship'] })
    assert.equal(unknown.ret_code, 1100)
    assert.match(unknown.message, /resource_types\.2/)
    assert.equal((await t.send({ params: { action: 'GetQuotaLeft', zone: '' } })).body.ret_code, 1100)
  })
})

describe('DescribeQuotas', () => {
  it('answers the quotas in force as a map, with the user id', async () => {
    const reply = await t.call('DescribeQuotas', { zone: 'pek3a' })
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.user_id, t.user.user_id)
    assert.deepEqual(reply.quota_set, { ...DEFAULTS, instance: -1, cpu: 3 })
    assert.deepEqual((await t.call('DescribeQuotas', { zone: 'sh1a' })).quota_set, DEFAULTS)
  })
})
