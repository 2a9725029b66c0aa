import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../../test/support/fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const attachment = (id: string) => t.store.db.selectFrom('volumes').select(['status', 'transition_status', 'instance_id', 'device']).where('volume_id', '=', id).executeTakeFirstOrThrow()
const detach = (params: Record<string, unknown>, options?: { key: typeof t.admin }) => t.call('DetachVolumes', params, options)

describe('DetachVolumes', () => {
  it('detaches in-use volumes: detaching at once, then available with no instance', async () => {
    const instance = await insertInstance(t)
    const a = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    const b = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdc' })
    const reply = await detach({ volumes: [a.volume_id, b.volume_id], instance: instance.instance_id })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.job_id, /^j-/)
    assert.deepEqual(await attachment(a.volume_id), { status: 'in-use', transition_status: 'detaching', instance_id: instance.instance_id, device: '/dev/vdb' })
    t.clock.advance(3000)
    await t.settle()
    const [item] = (await t.call('DescribeVolumes', { volumes: [a.volume_id] })).volume_set
    assert.equal(item.status, 'available')
    assert.equal(item.transition_status, '')
    assert.equal(item.status_time, '2026-01-15T08:00:03Z')
    assert.deepEqual(item.instance, { instance_id: '', instance_name: '', device: '' })
    assert.deepEqual(item.instances, [])
    assert.deepEqual(await attachment(b.volume_id), { status: 'available', transition_status: '', instance_id: '', device: '' })
  })

  it('round-trips with AttachVolumes, and accepts instance_id for instance', async () => {
    const instance = await insertInstance(t)
    const v = await insertVolume(t)
    await t.call('AttachVolumes', { volumes: [v.volume_id], instance: instance.instance_id })
    await t.settle()
    assert.equal((await detach({ volumes: [v.volume_id], instance_id: instance.instance_id })).ret_code, 0)
    await t.settle()
    assert.equal((await attachment(v.volume_id)).status, 'available')
  })

  it('answers 1400 for a volume that is not in use, or in use on another instance', async () => {
    const instance = await insertInstance(t)
    const other = await insertInstance(t)
    const free = await insertVolume(t)
    const onOther = await insertVolume(t, { status: 'in-use', instance_id: other.instance_id, device: '/dev/vdb' })
    const r1 = await detach({ volumes: [free.volume_id], instance: instance.instance_id })
    assert.equal(r1.ret_code, 1400)
    assert.equal(r1.message, `PermissionDenied, volume [${free.volume_id}] is not in-use, can not be detached`)
    const r2 = await detach({ volumes: [onOther.volume_id], instance: instance.instance_id })
    assert.equal(r2.ret_code, 1400)
    assert.equal(r2.message, `PermissionDenied, volume [${onOther.volume_id}] is not attached to instance [${instance.instance_id}], can not be detached`)
    const busy = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb', transition_status: 'detaching' })
    const r3 = await detach({ volumes: [busy.volume_id], instance: instance.instance_id })
    assert.equal(r3.message, `PermissionDenied, volume [${busy.volume_id}] is [detaching], please try later`)
  })

  it('answers 2100 for unknown ids and 1400 for another user’s, changing nothing', async () => {
    const instance = await insertInstance(t)
    const v = await insertVolume(t, { status: 'in-use', instance_id: instance.instance_id, device: '/dev/vdb' })
    assert.equal((await detach({ volumes: ['vol-nonexist'], instance: instance.instance_id })).ret_code, 2100)
    assert.equal((await detach({ volumes: [v.volume_id], instance: 'i-nonexist' })).ret_code, 2100)
    const denied = await detach({ volumes: [v.volume_id], instance: instance.instance_id }, { key: t.admin })
    assert.equal(denied.ret_code, 1400)
    assert.match(denied.message, /does not belong to you/)
    assert.equal((await detach({ volumes: [v.volume_id] })).ret_code, 1100)
    assert.deepEqual(await attachment(v.volume_id), { status: 'in-use', transition_status: '', instance_id: instance.instance_id, device: '/dev/vdb' })
  })
})
