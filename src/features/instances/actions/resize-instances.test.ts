import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { describeOne, hostUsage, launchOne } from '../../../../test/support/fixtures-instances.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 2, hostCpu: 8, hostMemory: 16384 } })))
after(() => t.close())

describe('ResizeInstances', () => {
  it('resizes a stopped instance when the job settles, moving its reservation on the host', async () => {
    const id = await launchOne(t, 'stopped')
    const reply = await t.call('ResizeInstances', { instances: [id], instance_type: 'c4m8', os_disk_size: 40 })
    assert.equal(reply.ret_code, 0)
    const during = await describeOne(t, id)
    assert.deepEqual([during.transition_status, during.instance_type], ['updating', 'c1m1'])
    await t.settle()
    const after = await describeOne(t, id)
    assert.deepEqual([after.status, after.transition_status, after.instance_type, after.vcpus_current, after.memory_current, after.extra.os_disk_size], ['stopped', '', 'c4m8', 4, 8192, 40])
    assert.deepEqual(await hostUsage(t), [
      { host: 'hyper-pek3a-01', cpu: 4, memory: 8192 },
      { host: 'hyper-pek3a-02', cpu: 0, memory: 0 },
    ])
    // and back down by cpu/memory
    await t.call('ResizeInstances', { instances: [id], cpu: 1, memory: 2048 })
    await t.settle()
    assert.equal((await describeOne(t, id)).instance_type, 'c1m2')
    assert.deepEqual((await hostUsage(t))[0], { host: 'hyper-pek3a-01', cpu: 1, memory: 2048 })
  })

  it('answers 5200 when no host can hold the new size, and keeps the old reservation', async () => {
    const id = await launchOne(t, 'stopped')
    const before = await hostUsage(t)
    const reply = await t.call('ResizeInstances', { instances: [id], instance_type: 'c16m32' })
    assert.equal(reply.ret_code, 5200)
    assert.deepEqual(await hostUsage(t), before)
    assert.equal((await describeOne(t, id)).transition_status, '')
  })

  it('answers 1400 for a running instance and for shrinking the system disk; 1100 without a size', async () => {
    const running = await launchOne(t)
    const reply = await t.call('ResizeInstances', { instances: [running], instance_type: 'c2m2' })
    assert.deepEqual([reply.ret_code, reply.message], [1400, `PermissionDenied, instance [${running}] is not stopped, can not be resized`])
    const stopped = await launchOne(t, 'stopped')
    const shrink = await t.call('ResizeInstances', { instances: [stopped], instance_type: 'c2m2', os_disk_size: 20 })
    assert.equal(shrink.ret_code, 0)
    await t.settle()
    await t.call('ResizeInstances', { instances: [stopped], instance_type: 'c2m2', os_disk_size: 30 })
    await t.settle()
    const smaller = await t.call('ResizeInstances', { instances: [stopped], instance_type: 'c2m2', os_disk_size: 20 })
    assert.equal(smaller.ret_code, 1400)
    assert.match(smaller.message, /system disk is 30 GB, it can only grow/)
    assert.equal((await t.call('ResizeInstances', { instances: [stopped] })).ret_code, 1100)
    assert.equal((await t.call('ResizeInstances', { instances: ['i-nothere1'], instance_type: 'c1m1' })).ret_code, 2100)
  })
})
